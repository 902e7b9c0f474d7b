// UI strings of issue 23 (fewer trips): the kiosk's priority lane, 一件事一次办, 容缺受理.
const fewerTrips = {
  'kiosk.priority': '老年人/残疾人/孕妇 优先',
  'kiosk.priorityOn': '已选择优先取号：预约签到之后优先叫号',
  'kiosk.priorityLane': '优先',
}
export default fewerTrips
