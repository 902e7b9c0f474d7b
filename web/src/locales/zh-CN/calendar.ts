// Strings of the 工作日历 page (the State Council's notice per year, provisional years).
const calendarStrings = {
  'menu.calendar': '工作日历',
  'calendar.title': '工作日历',
  'calendar.year': '年份',
  'calendar.isConfirmed': '已确认（国务院办公厅公布）',
  'calendar.notConfirmed': '未确认（临时推算）',
  'calendar.provisionalTitle': '{year} 年的放假安排尚未录入',
  'calendar.provisionalText': '下列节假日按《全国年节及纪念日放假办法》（2024 年修订）推算（农历日期与清明节气取自 chinese-days），未推算调休上班日。依据这些日期的到期日标注为临时，通知书注明“节假日以国务院办公厅公布为准”。国务院办公厅公布后，请在下方录入并确认。',
  'calendar.date': '日期',
  'calendar.name': '名称',
  'calendar.kind': '类型',
  'calendar.workday': '调休上班',
  'calendar.holiday': '放假',
  'calendar.source': '来源',
  'calendar.source.chinese-days': '官方安排（内置）',
  'calendar.source.admin': '管理员录入',
  'calendar.source.provisional': '临时推算',
  'calendar.enterNotice': '录入国务院办公厅通知',
  'calendar.enterHint': '每行一天：日期 名称 休/班，例如“2027-02-07 春节调休 班”。可先以上表为底稿再按通知修改。确认后该年视为已确认，在办办件的到期日随之重算，日期变化的办件记入流转记录并短信告知申请人。',
  'calendar.startFromList': '以上表为底稿',
  'calendar.noticeText': '通知中的放假与调休安排',
  'calendar.badLines': '第 {lines} 行格式不对，应为“日期 名称 休/班”',
  'calendar.confirm': '确认 {year} 年官方安排（{count} 天）',
  'calendar.confirmed': '{year} 年放假安排已确认',
  'calendar.confirmFailed': '确认失败',
} as const

export default calendarStrings
