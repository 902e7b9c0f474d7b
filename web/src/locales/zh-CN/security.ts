// Strings of the security pages: change password, login audit, security settings (issue 11).
const security = {
  'menu.security': '安全审计',

  'password.change': '修改密码',
  'password.current': '当前密码',
  'password.new': '新密码',
  'password.confirm': '确认新密码',
  'password.mismatch': '两次输入的新密码不一致',
  'password.policy': '至少 8 位，须同时包含字母和数字，不能包含用户名，不能与最近 5 次使用过的密码相同。修改后其他登录会话和全部接口令牌失效。',
  'password.changed': '密码已修改',

  'security.events': '登录失败与锁定记录',
  'security.eventsIntro': '本辖区账号的登录失败和锁定记录；锁定只针对失败来源的地址，账号在其他地址仍可登录。',
  'security.at': '时间',
  'security.action': '事件',
  'security.username': '用户名',
  'security.ip': '来源地址',
  'security.center': '所属中心',
  'security.detail': '说明',
  'security.failed': '登录失败',
  'security.locked': '已限制',
  'security.unknownUser': '不存在的用户名',
  'security.failures': '连续失败 {n} 次',
  'security.lockedFor': '{scope}限制 {minutes} 分钟',
  'security.scope.user_ip': '该用户名在此地址',
  'security.scope.ip': '此地址的所有登录',
  'security.filterUsername': '按用户名筛选',
  'security.more': '加载更早的记录',
  'security.settings': '安全设置',
  'security.maxTokenDays': '接口令牌最长有效期（天）',
  'security.maxTokenDaysHint': '新令牌不能超过此期限；调低后，已有令牌超出部分立即失效。',
  'security.settingsSaved': '已保存，{n} 个令牌的有效期被缩短',
} as const

export default security
