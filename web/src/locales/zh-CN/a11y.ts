// Accessible names that antd writes in English (its icons' aria-label, a Segmented's default name), in Chinese.
export default {
  'a11y.icon.left': '向左',
  'a11y.icon.right': '向右',
  'a11y.icon.up': '向上',
  'a11y.icon.down': '展开',
  'a11y.icon.search': '搜索',
  'a11y.icon.close': '关闭',
  'a11y.icon.ellipsis': '更多',
  'a11y.icon.plus': '添加',
  'a11y.icon.minus': '减少',
  'a11y.icon.delete': '删除',
  'a11y.icon.edit': '编辑',
  'a11y.icon.calendar': '日历',
  'a11y.icon.swap-right': '至',
  'a11y.scrollRegion': '表格（可横向滚动）',
  'a11y.segmented': '切换',
  'a11y.mainHeading': '一站 · {page}',
} as const
