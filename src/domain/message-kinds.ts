// The one list of the message kinds Yizhan sends and the provider template of each: a provider (Alibaba Cloud,
// Tencent Cloud) sends only templates filed and approved in advance under a registered signature, and accepts links
// only when they are fixed in the template. So every template carries the district's one short link (PUBLIC_URL/p,
// which opens the progress page) and the case number as a variable; docs/SMS-TEMPLATES.md is written from this list.

/** A message's variables, as the outbox stores them (messages.params). */
export type MessageVar = 'number' | 'code' | 'item' | 'center' | 'due' | 'note' | 'date' | 'yellow' | 'red' | 'notices' | 'late' | 'open'

export interface MessageKind {
  /** What the kind is called when filed with the provider. */
  name: string
  /** Who receives it and when. */
  when: string
  /** The variables the provider template names, in order (Tencent numbers them {1}, {2}, …). */
  vars: readonly MessageVar[]
  /** The template text to file, with ${var} for each variable and {link} for the district's fixed short link. */
  text: string
}

export const MESSAGE_KINDS = {
  accepted: {
    name: '受理通知', when: '申请人，办件受理时', vars: ['number', 'code', 'due'],
    text: '您的办件${number}已受理，查询码${code}，承诺${due}前办结。查询进度：{link}',
  },
  correction: {
    name: '补正通知', when: '申请人，需要补正材料时', vars: ['number'],
    text: '您的办件${number}需补正材料，请按一次性告知书补齐后交回受理窗口或代办员。详情：{link}',
  },
  forwarded: {
    name: '上报通知', when: '申请人，办件报送上级部门审批时', vars: ['number'],
    text: '您的办件${number}已初审并报送上级部门审批。查询进度：{link}',
  },
  decided: {
    name: '办结通知', when: '申请人，办件办结（准予、不予）或答复时', vars: ['number'],
    text: '您的办件${number}已办结。查看结果、评价服务：{link}',
  },
  ready: {
    name: '领取通知', when: '申请人，办理结果送达领取地点时', vars: ['number', 'center'],
    text: '您的办件${number}办理结果已送达${center}，请携带身份证件前往领取。详情：{link}',
  },
  extended: {
    name: '延期通知', when: '申请人，办件依法延期时', vars: ['number', 'due'],
    text: '您的办件${number}依法延期，新的办结期限为${due}。详情：{link}',
  },
  special: {
    name: '特别程序告知', when: '申请人，办件进入听证、检验、鉴定等特别程序时（行政许可法第四十五条）', vars: ['number', 'note'],
    text: '您的办件${number}进入特别程序：${note}。所需时间不计入办理期限，书面告知书可在窗口领取。详情：{link}',
  },
  recalculated: {
    name: '期限变更通知', when: '申请人，工作日历按国务院办公厅通知确认后办结期限变化时', vars: ['number', 'note'],
    text: '您的办件${number}：${note}。详情：{link}',
  },
  rating_invite: {
    name: '评价邀请', when: '申请人，服务办结（含不予受理、结果送达）3 日后仍未评价时，仅一次', vars: ['number', 'code'],
    text: '您的办件${number}已办结，欢迎评价本次服务（一次一评），查询码${code}。评价：{link}',
  },
  rating_invite_visit: {
    name: '评价邀请（大厅、咨询）', when: '群众，大厅取号办结或窗口咨询（留有手机号）3 日后仍未评价时，仅一次', vars: ['center', 'number', 'code'],
    text: '您在${center}的${number}号服务已结束，欢迎评价本次服务（一次一评），查询码${code}。评价：{link}',
  },
  digest: {
    name: '监察简报', when: '管理人员，每个工作日 08:30 后', vars: ['date', 'yellow', 'red'],
    text: '${date}监察简报：黄灯${yellow}个，红灯${red}个。请登录工作台查看：{link}',
  },
  code: {
    name: '预约验证码', when: '群众，网上预约取验证码时', vars: ['code'],
    text: '您的预约验证码为${code}，10分钟内有效，请勿告诉他人。',
  },
  commitment_reminder: {
    name: '容缺补交提醒', when: '申请人，容缺受理承诺补交材料期限的前一天', vars: ['number', 'due'],
    text: '您的办件${number}容缺受理时承诺的材料须于${due}前补交，可交至受理窗口，也可邮寄或网上提交。详情：{link}',
  },
} as const satisfies Record<string, MessageKind>

export type MessageKindKey = keyof typeof MESSAGE_KINDS
export const MESSAGE_KIND_KEYS = Object.keys(MESSAGE_KINDS) as MessageKindKey[]

/** The short link every template carries: fixed per district, so the provider can approve it. */
export const SHORT_LINK_PATH = '/p'

export const isMessageKind = (k: string): k is MessageKindKey => Object.hasOwn(MESSAGE_KINDS, k)

/** A template's text as filed: Tencent numbers the variables ({1}, {2}, …), Alibaba names them (${number}). */
export function filedText(kind: MessageKindKey, provider: 'aliyun' | 'tencent', link: string): string {
  const k: MessageKind = MESSAGE_KINDS[kind]
  let text = k.text.replace('{link}', link)
  if (provider === 'tencent') k.vars.forEach((v, i) => { text = text.replace('${' + v + '}', `{${i + 1}}`) })
  return text
}

/** The variables of one message for its provider template, each as text (missing ones empty). */
export function templateValues(kind: MessageKindKey, params: Partial<Record<MessageVar, unknown>>): string[] {
  return MESSAGE_KINDS[kind].vars.map((v) => (params[v] === undefined || params[v] === null ? '' : String(params[v])))
}
