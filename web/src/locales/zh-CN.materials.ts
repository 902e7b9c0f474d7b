// Strings of electronic materials, the offline agent page and the standing proxies (issue 20).
export default {
  'files.title': '电子材料',
  'files.none': '暂无电子材料',
  'files.add': '拍照 / 选择文件',
  'files.added': '已上传 {name}',
  'files.seen': '已核对原件',
  'files.markSeen': '核对原件',
  'files.seenBy': '{name} 于 {at} 核对原件',
  'files.count': '{files} 份（已核对 {seen}）',
  'files.pdf': 'PDF',
  'files.from': '{center} · {at}',
  'files.paperOnWay': '纸质材料在途，可先审查电子材料',
} as const
