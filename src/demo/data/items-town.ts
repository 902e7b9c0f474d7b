// Items implemented by the town offices (decided at town level). Each town takes a selection
// of the shared templates below; the same template in two towns shares its 基本编码 and gets
// a different 实施编码 (the town office's credit code). Counts of items offered at each town
// center (town items + district items offered there) are fixed by the district report:
// 梁子镇 58, 涂家垴镇 35 in 11 categories; see expectedTownItemCounts and check.ts.
import type { DemoItem, DemoMaterial } from '../types.js'
import type { HandlingKind, ItemType, ServiceTarget, SpecialProcedure } from '../../domain/vocabulary.js'
import { O, C, opt, basicCode } from './helpers.js'
import { centers, villageCodes } from './centers.js'
import { department, deptCreditCodes } from './departments.js'
import { officeCode, townWindowFor, type OfficeKey } from './towns.js'

interface Tpl {
  key: string
  off: OfficeKey
  name: string
  type: ItemType
  hk: HandlingKind
  days: [legal: number, promised: number]
  accept?: 'town' | 'village'   // default 'town'; 'village' items are accepted by the village agents
  basis: string
  cond: string
  mats: DemoMaterial[]
  result: string
  targets?: ServiceTarget[]
  proc?: string[]
  sp?: SpecialProcedure[]
  visits?: number
  theme?: string
}

/** Category (the town center's item category) and default theme of each office's items. */
const OFFICE_META: Record<OfficeKey, [category: string, theme: string]> = {
  DZB: ['政务服务类', '户籍证照'],
  MZ: ['民政服务类', '社会救助'],
  CL: ['民政服务类', '社会救助'],
  LB: ['社会保障类', '社会保障'],
  YB: ['医疗保障类', '医疗卫生'],
  JS: ['计划生育类', '婚育收养'],
  CZ: ['财政服务类', '农业农村'],
  GT: ['国土资源类', '土地房产'],
  CJ: ['城乡建设类', '住房保障'],
  NY: ['农业服务类', '农业农村'],
  FP: ['扶贫开发类', '社会救助'],
  ZZ: ['综治维稳类', '安全生产'],
  XF: ['综治维稳类', '社会救助'],
  SF: ['司法服务类', '社会救助'],
}

const ID = C('申请人居民身份证')
const HUKOU = C('户口簿')
const BANK = C('“一卡通”存折或社会保障卡')
const FREE = { charged: false } as const

const T: Tpl[] = [
  // ── 党政办（政务值班）
  {
    key: 'jtzm', off: 'DZB', name: '家庭经济状况证明开具', type: '公共服务', hk: 'immediate', days: [0, 0],
    basis: '《国务院办公厅关于做好证明事项清理工作的通知》（国办发〔2018〕47号）；本镇保留证明事项清单',
    cond: '本镇户籍居民因助学、救助等需要，经村（居）委会核实家庭经济状况',
    mats: [ID, HUKOU, O('村（居）民委员会出具的家庭情况核实意见'), opt('学校或用途单位要求的证明格式', 'original')],
    result: '加盖镇人民政府印章的家庭经济状况证明',
  },
  {
    key: 'jzzm', off: 'DZB', name: '居住情况证明开具', type: '公共服务', hk: 'immediate', days: [0, 0],
    basis: '《国务院办公厅关于做好证明事项清理工作的通知》（国办发〔2018〕47号）；本镇保留证明事项清单',
    cond: '在本镇实际居住的居民，因入学、办理居住证等需要证明居住情况',
    mats: [ID, O('村（居）民委员会出具的居住情况核实意见'), opt('房屋产权证明或租赁合同')],
    result: '居住情况证明',
  },
  {
    key: 'xxgk', off: 'DZB', name: '政府信息公开申请', type: '公共服务', hk: 'promised', days: [20, 10], targets: ['person', 'organization'], visits: 0,
    basis: '《中华人民共和国政府信息公开条例》第二十七条至第三十三条',
    cond: '公民、法人或其他组织向镇人民政府申请获取其制作或保存的政府信息',
    mats: [O('政府信息公开申请表'), C('申请人身份证明'), opt('委托代理的授权委托书', 'original')],
    result: '政府信息公开申请答复书',
  },
  {
    key: 'dbfw', off: 'DZB', name: '区级事项全程代办服务', type: '公共服务', hk: 'promised', days: [5, 1],
    basis: '《中华人民共和国行政许可法》第二十六条；区行政服务体系建设实施意见（全程代理制度）',
    cond: '群众自愿委托镇便民服务中心代为办理需到区级部门办理的事项，代办不收取任何费用，法定收费据实缴纳',
    mats: [ID, O('全程代办委托书'), O('所代办事项办事指南规定的申请材料'), opt('代办事项收费凭证')],
    proc: ['群众委托', '窗口受理并出具代办回执', '次日送达区行政服务中心', '跟踪办理', '取回结果并通知群众领取'],
    result: '代办事项的办理结果（由代办员取回送达）',
  },
  // ── 民政办
  {
    key: 'wbgy', off: 'MZ', name: '农村五保供养申请', type: '行政给付', hk: 'forward', days: [20, 10], accept: 'village', sp: ['inspection', 'public_notice'],
    basis: '《农村五保供养工作条例》第六条、第七条；《社会救助暂行办法》',
    cond: '老年、残疾或未满16周岁的村民，无劳动能力、无生活来源又无法定赡养、抚养、扶养义务人或其义务人无能力',
    mats: [O('五保供养申请书'), ID, HUKOU, O('村民委员会民主评议意见'), opt('残疾证或医院诊断证明')],
    result: '《农村五保供养证书》，按月发放供养金',
  },
  {
    key: 'knjz', off: 'MZ', name: '困难群众救助申请', type: '行政给付', hk: 'forward', days: [10, 5], accept: 'village', sp: ['inspection'],
    basis: '《社会救助暂行办法》第四十七条至第五十条；《国务院关于全面建立临时救助制度的通知》（国发〔2014〕47号）',
    cond: '因突发事件、意外伤害等导致基本生活暂时困难，救助金额在镇人民政府审批权限内的家庭或个人',
    mats: [O('困难群众救助申请书'), ID, HUKOU, C('致困原因相关证明（医疗票据、事故证明等）')],
    result: '救助金（或实物）发放',
  },
  {
    key: 'yfbz', off: 'MZ', name: '优抚对象抚恤补助申请', type: '行政给付', hk: 'promised', days: [20, 10],
    basis: '《军人抚恤优待条例》；《中华人民共和国退役军人保障法》',
    cond: '在乡老复员军人、带病回乡退伍军人、参战参试退役人员等重点优抚对象',
    mats: [O('优抚对象抚恤补助申请表'), ID, HUKOU, C('退伍证、复员证或相关身份证明'), BANK],
    result: '定期抚恤补助按月发放',
  },
  {
    key: 'ywby', off: 'MZ', name: '义务兵家庭优待金申领', type: '行政给付', hk: 'promised', days: [20, 10],
    basis: '《军人抚恤优待条例》；《中华人民共和国兵役法》',
    cond: '从本镇入伍的义务兵，其家庭按规定享受优待金',
    mats: [O('义务兵家庭优待金申领表'), C('入伍通知书'), HUKOU, BANK],
    result: '义务兵家庭优待金发放',
  },
  {
    key: 'bzbz', off: 'MZ', name: '惠民殡葬补助申请', type: '行政给付', hk: 'promised', days: [10, 5],
    basis: '《殡葬管理条例》；《民政部等关于推行惠民殡葬政策的指导意见》（民发〔2012〕211号）',
    cond: '本镇户籍居民去世后实行火化并节地生态安葬的，由其家属申请基本殡葬服务费用补助',
    mats: [O('惠民殡葬补助申请表'), C('死亡证明'), C('火化证明'), C('申请人居民身份证'), BANK],
    result: '殡葬补助金发放',
  },
  {
    key: 'ydzz', off: 'MZ', name: '老年人优待证办理', type: '公共服务', hk: 'immediate', days: [0, 0], theme: '社会保障',
    basis: '《中华人民共和国老年人权益保障法》第五十七条至第六十一条',
    cond: '本镇户籍或常住的60周岁以上老年人',
    mats: [C('居民身份证'), O('近期一寸免冠照片'), O('老年人优待证申请表')],
    result: '《老年人优待证》',
  },
  {
    key: 'zhjz', off: 'MZ', name: '自然灾害生活救助申请', type: '行政给付', hk: 'forward', days: [10, 5], accept: 'village', sp: ['inspection', 'public_notice'],
    basis: '《自然灾害救助条例》第十四条至第二十一条',
    cond: '因洪涝、干旱、风雹等自然灾害造成住房损毁或基本生活困难的受灾群众',
    mats: [O('自然灾害生活救助申请书'), ID, HUKOU, O('村民委员会评议及受灾情况核实意见')],
    result: '灾害生活救助款物发放',
  },
  {
    key: 'gebz', off: 'MZ', name: '孤儿基本生活费申请', type: '行政给付', hk: 'promised', days: [20, 10],
    basis: '《国务院办公厅关于加强孤儿保障工作的意见》（国办发〔2010〕54号）',
    cond: '失去父母、查找不到生父母的未满18周岁未成年人',
    mats: [O('孤儿基本生活费申请表'), HUKOU, C('父母死亡证明或宣告死亡、失踪的证明'), C('监护人居民身份证'), BANK],
    result: '孤儿基本生活费按月发放',
  },
  // ── 残联
  {
    key: 'cjz', off: 'CL', name: '残疾证申领初审', type: '行政确认', hk: 'promised', days: [10, 5],
    basis: '《中华人民共和国残疾人保障法》；《中华人民共和国残疾人证管理办法》',
    cond: '本镇户籍、符合残疾标准的残疾人，由本人或监护人申请，经指定医院评定后报区残联核发',
    mats: [O('残疾人证申请表'), ID, HUKOU, O('近期二寸免冠白底彩色照片', 3)],
    result: '残疾评定转介单，审核通过后核发第二代残疾人证',
  },
  {
    key: 'fjsp', off: 'CL', name: '残疾人辅助器具适配申请', type: '公共服务', hk: 'promised', days: [20, 10],
    basis: '《中华人民共和国残疾人保障法》第四十八条；《残疾预防和残疾人康复条例》',
    cond: '持有第二代残疾人证、有辅助器具需求的残疾人',
    mats: [O('残疾人辅助器具适配申请表'), C('第二代残疾人证'), ID],
    result: '辅助器具适配发放',
  },
  {
    key: 'cjjy', off: 'CL', name: '残疾人就业创业扶持申请', type: '行政给付', hk: 'promised', days: [20, 10],
    basis: '《中华人民共和国残疾人保障法》；《残疾人就业条例》',
    cond: '持证残疾人从事个体经营、种养殖或自主创业',
    mats: [O('残疾人就业创业扶持申请表'), C('第二代残疾人证'), ID, opt('营业执照或种养殖规模证明')],
    result: '就业创业扶持资金发放',
  },
  // ── 劳动保障事务所
  {
    key: 'zgrz', off: 'LB', name: '城乡居民养老保险待遇领取资格认证', type: '公共服务', hk: 'immediate', days: [0, 0], visits: 0,
    basis: '《中华人民共和国社会保险法》；《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）',
    cond: '正在领取城乡居民基本养老保险待遇的人员，每年进行一次领取资格认证（可由村便民服务室或手机自助认证）',
    mats: [O('居民身份证'), O('社会保障卡'), opt('行动不便人员上门认证申请', 'original')],
    result: '待遇领取资格认证结果',
  },
  {
    key: 'qzdj', off: 'LB', name: '求职登记与职业介绍', type: '公共服务', hk: 'immediate', days: [0, 0], theme: '就业创业',
    basis: '《中华人民共和国就业促进法》；《就业服务与就业管理规定》',
    cond: '有就业愿望的城乡劳动者',
    mats: [O('居民身份证'), O('求职登记表'), opt('学历或职业技能证书', 'copy')],
    result: '求职登记及岗位推荐信息',
  },
  {
    key: 'jnpx', off: 'LB', name: '职业技能培训报名', type: '公共服务', hk: 'promised', days: [5, 3], theme: '就业创业',
    basis: '《中华人民共和国就业促进法》第四十六条至第五十一条；《职业技能提升行动方案（2019—2021年）》',
    cond: '有培训需求的农村劳动力、返乡农民工、登记失业人员',
    mats: [O('居民身份证'), O('职业技能培训报名表'), O('近期一寸免冠照片', 2)],
    result: '培训报名确认及开班通知',
  },
  {
    key: 'qxts', off: 'LB', name: '农民工欠薪投诉受理', type: '其他行政权力', hk: 'promised', days: [20, 10], theme: '就业创业',
    basis: '《保障农民工工资支付条例》；《劳动保障监察条例》',
    cond: '用人单位拖欠农民工工资，农民工本人或委托代表投诉',
    mats: [O('欠薪投诉书'), ID, C('劳动关系证明（劳动合同、工资条、考勤记录等）'), opt('委托书', 'original')],
    result: '投诉处理意见或转区劳动保障监察机构立案的告知',
  },
  {
    key: 'jfdc', off: 'LB', name: '城乡居民养老保险缴费档次变更', type: '公共服务', hk: 'immediate', days: [0, 0],
    basis: '《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）',
    cond: '已参加城乡居民基本养老保险的人员，每年可调整一次缴费档次',
    mats: [O('居民身份证'), O('缴费档次变更申请表'), C('社会保障卡')],
    result: '缴费档次变更确认',
  },
  // ── 合作医疗管理办公室（新农合）
  {
    key: 'xnhcb', off: 'YB', name: '新型农村合作医疗参保登记', type: '公共服务', hk: 'forward', days: [5, 3], accept: 'village',
    basis: '《中华人民共和国社会保险法》第二十四条；《关于建立新型农村合作医疗制度的意见》（国办发〔2003〕3号）',
    cond: '本镇农业户籍居民以户为单位自愿参加，按年度缴纳个人参合费',
    mats: [HUKOU, C('参合人员居民身份证'), O('新型农村合作医疗参合登记表')],
    result: '参合登记确认及缴费凭证',
  },
  {
    key: 'xnhbx', off: 'YB', name: '新农合医疗费用报销', type: '行政给付', hk: 'promised', days: [20, 5],
    basis: '《中华人民共和国社会保险法》；《关于建立新型农村合作医疗制度的意见》（国办发〔2003〕3号）',
    cond: '参合人员在区外定点医疗机构就医未能直接结算的住院、门诊费用',
    mats: [O('住院发票原件'), O('费用清单'), C('出院记录或诊断证明'), C('参合人员居民身份证'), BANK],
    result: '报销款转入参合人员账户',
  },
  {
    key: 'zzba', off: 'YB', name: '新农合转诊转院备案', type: '公共服务', hk: 'immediate', days: [0, 0],
    basis: '《关于建立新型农村合作医疗制度的意见》（国办发〔2003〕3号）；区新农合实施办法',
    cond: '参合人员因病情需要转往区外医疗机构就诊',
    mats: [O('转诊转院申请表'), C('参合人员居民身份证'), O('首诊医疗机构转诊意见')],
    result: '转诊转院备案回执',
  },
  {
    key: 'mbsq', off: 'YB', name: '门诊慢性病待遇申请', type: '行政确认', hk: 'promised', days: [20, 10],
    basis: '《中华人民共和国社会保险法》；区城乡居民门诊慢性病管理办法',
    cond: '参合人员患有规定病种的慢性病，经医疗机构确诊',
    mats: [O('门诊慢性病待遇申请表'), C('参合人员居民身份证'), C('二级以上医疗机构诊断证明及病历'), O('近期一寸免冠照片')],
    result: '门诊慢性病待遇认定',
  },
  // ── 计生办
  {
    key: 'jszm', off: 'JS', name: '计划生育服务证明', type: '行政确认', hk: 'immediate', days: [0, 0],
    basis: '《中华人民共和国人口与计划生育法》；《湖北省人口与计划生育条例》',
    cond: '本镇户籍居民因办理相关事务需要计划生育情况说明',
    mats: [ID, HUKOU, O('村（居）委会出具的婚育情况说明')],
    result: '计划生育服务证明',
  },
  {
    key: 'gryz', off: 'JS', name: '独生子女父母光荣证办理', type: '行政确认', hk: 'promised', days: [10, 3],
    basis: '《中华人民共和国人口与计划生育法》；《湖北省人口与计划生育条例》',
    cond: '按规定只生育一个子女并自愿终身只生育一个子女的夫妻',
    mats: [O('独生子女父母光荣证申请表'), C('夫妻双方居民身份证'), C('结婚证'), HUKOU, O('夫妻双方合影照片', 2)],
    result: '《独生子女父母光荣证》',
  },
  {
    key: 'jlfz', off: 'JS', name: '农村部分计划生育家庭奖励扶助申请', type: '行政给付', hk: 'forward', days: [20, 10], accept: 'village', sp: ['public_notice'],
    basis: '《中华人民共和国人口与计划生育法》；《关于开展对农村部分计划生育家庭实行奖励扶助制度试点工作的意见》（国办发〔2004〕21号）',
    cond: '本人及配偶均为农业户口，按规定只有一个子女或两个女孩，年满60周岁',
    mats: [O('奖励扶助对象申报表'), ID, HUKOU, C('结婚证或相关婚育证明'), BANK],
    result: '奖励扶助金按年发放',
  },
  {
    key: 'tbfz', off: 'JS', name: '计划生育家庭特别扶助申请', type: '行政给付', hk: 'promised', days: [20, 10], sp: ['public_notice'],
    basis: '《中华人民共和国人口与计划生育法》第二十七条；《全国独生子女伤残死亡家庭扶助制度试点方案》（国人口发〔2007〕78号）',
    cond: '独生子女死亡或伤残（三级以上）后未再生育或收养子女、女方年满49周岁的夫妻',
    mats: [O('特别扶助对象申报表'), ID, HUKOU, C('独生子女死亡证明或残疾证'), BANK],
    result: '特别扶助金按月发放',
  },
  {
    key: 'hyzm', off: 'JS', name: '流动人口婚育证明', type: '行政确认', hk: 'immediate', days: [0, 0],
    basis: '《流动人口计划生育工作条例》',
    cond: '本镇户籍育龄流动人口外出务工需要婚育情况证明',
    mats: [ID, HUKOU, O('近期一寸免冠照片'), opt('结婚证', 'copy')],
    result: '流动人口婚育证明',
  },
  {
    key: 'yjjc', off: 'JS', name: '免费孕前优生健康检查登记', type: '公共服务', hk: 'immediate', days: [0, 0], theme: '医疗卫生',
    basis: '《中华人民共和国母婴保健法》；国家免费孕前优生健康检查项目实施方案',
    cond: '计划怀孕的夫妻，至少一方为本镇户籍',
    mats: [C('夫妻双方居民身份证'), C('结婚证'), O('孕前优生健康检查登记表')],
    result: '免费孕前优生健康检查服务卡',
  },
  // ── 财政所
  {
    key: 'ykcx', off: 'CZ', name: '惠农补贴“一卡通”查询', type: '公共服务', hk: 'immediate', days: [0, 0],
    basis: '《财政部关于进一步加强惠民惠农财政补贴资金“一卡通”管理的指导意见》（财农〔2019〕96号）',
    cond: '享受惠民惠农财政补贴的本镇居民查询补贴发放情况',
    mats: [O('居民身份证'), O('“一卡通”存折或社会保障卡'), opt('代查人居民身份证及委托书', 'original')],
    result: '补贴发放明细查询结果',
  },
  {
    key: 'ykbg', off: 'CZ', name: '惠农补贴“一卡通”账户信息变更', type: '公共服务', hk: 'promised', days: [5, 3],
    basis: '《财政部关于进一步加强惠民惠农财政补贴资金“一卡通”管理的指导意见》（财农〔2019〕96号）',
    cond: '“一卡通”账户户主变更、账户挂失换卡或信息有误需更正',
    mats: [O('“一卡通”账户信息变更申请表'), ID, HUKOU, C('新开立的存折或社会保障卡')],
    result: '账户信息变更确认',
  },
  {
    key: 'dlbt', off: 'CZ', name: '耕地地力保护补贴申请', type: '行政给付', hk: 'forward', days: [20, 10], accept: 'village', sp: ['public_notice'],
    basis: '《财政部 农业部关于全面推开农业“三项补贴”改革工作的通知》（财农〔2016〕26号）',
    cond: '拥有耕地承包权的种地农民，耕地未撂荒、未改变用途',
    mats: [O('耕地地力保护补贴面积申报表'), ID, C('农村土地承包经营权证'), BANK],
    result: '补贴资金通过“一卡通”发放',
  },
  {
    key: 'ysyy', off: 'CZ', name: '村级公益事业建设一事一议财政奖补项目申报', type: '其他行政权力', hk: 'promised', days: [20, 10], targets: ['organization'],
    basis: '《村民一事一议筹资筹劳管理办法》；《村级公益事业建设一事一议财政奖补资金管理办法》（财农〔2011〕153号）',
    cond: '经村民会议或村民代表会议民主议定的村内道路、小型水利、村容村貌等公益事业建设项目',
    mats: [O('一事一议财政奖补项目申报表'), O('村民会议或村民代表会议决议'), O('项目实施方案及预算'), O('筹资筹劳公示材料')],
    result: '项目申报审核意见及奖补资金批复',
  },
  // ── 国土资源所
  {
    key: 'tdjf', off: 'GT', name: '土地权属争议调处（个人之间）', type: '行政裁决', hk: 'promised', days: [60, 30], sp: ['inspection'],
    basis: '《中华人民共和国土地管理法》第十四条；《土地权属争议调查处理办法》',
    cond: '个人之间、个人与单位之间发生的土地使用权争议，争议土地位于本镇行政区域内',
    mats: [O('土地权属争议处理申请书', 2), ID, C('土地权属证明材料'), O('争议地块位置示意图')],
    result: '调解书或土地权属争议处理决定书',
  },
  {
    key: 'tdcx', off: 'GT', name: '土地登记资料查询', type: '公共服务', hk: 'immediate', days: [0, 0],
    basis: '《不动产登记资料查询暂行办法》',
    cond: '权利人、利害关系人查询本镇范围内的集体土地登记资料',
    mats: [O('土地登记资料查询申请表'), ID, opt('利害关系证明材料')],
    result: '查询结果证明',
  },
  {
    key: 'dzzh', off: 'GT', name: '地质灾害隐患报告受理', type: '公共服务', hk: 'immediate', days: [0, 0], theme: '安全生产', visits: 0,
    basis: '《地质灾害防治条例》第十七条、第二十七条',
    cond: '发现崩塌、滑坡、地面塌陷等地质灾害险情的任何单位和个人',
    mats: [O('地质灾害隐患报告登记表'), opt('现场照片', 'electronic'), opt('报告人联系方式', 'original')],
    result: '报告受理回执及现场核查安排',
  },
  // ── 城建办
  {
    key: 'njcs', off: 'CJ', name: '农村建房申请初审', type: '其他行政权力', hk: 'joint', days: [10, 5], sp: ['inspection'],
    basis: '《中华人民共和国城乡规划法》第四十一条；《村庄和集镇规划建设管理条例》',
    cond: '本镇农村村民在本集体经济组织范围内新建、改建、扩建住房，符合村庄规划',
    mats: [O('农村村民建房申请表'), ID, HUKOU, O('村民小组和村民委员会意见'), O('建房位置示意图'), opt('房屋设计图或通用图')],
    proc: ['申请', '窗口受理', '城建办、国土资源所联合现场踏勘', '镇人民政府审核', '出具初审意见（需区级审批的次日上报）'],
    result: '农村建房初审意见',
  },
  {
    key: 'wfgz', off: 'CJ', name: '农村危房改造申请', type: '行政给付', hk: 'forward', days: [20, 10], accept: 'village', sp: ['inspection', 'public_notice'],
    basis: '《住房和城乡建设部 财政部关于做好农村危房改造工作的通知》；《村庄和集镇规划建设管理条例》',
    cond: '居住在C级、D级危房中的低保户、分散供养特困人员、低保边缘家庭和贫困残疾人家庭',
    mats: [O('农村危房改造申请书'), ID, HUKOU, C('低保证、特困证或残疾证等身份证明'), O('房屋危险性鉴定意见')],
    result: '危房改造补助资金（按竣工验收结果发放）',
  },
  {
    key: 'lsjs', off: 'CJ', name: '集镇规划区内临时建设审核', type: '其他行政权力', hk: 'promised', days: [20, 10], targets: ['person', 'organization'],
    basis: '《中华人民共和国城乡规划法》第四十四条；《村庄和集镇规划建设管理条例》',
    cond: '在集镇规划区内进行临时建设，不影响近期建设规划和交通、市容、安全，使用期限不超过两年',
    mats: [O('临时建设申请表'), C('申请人身份证明'), C('土地使用证明'), O('临时建设平面图')],
    result: '临时建设审核意见',
  },
  // ── 农业服务中心
  {
    key: 'njbt', off: 'NY', name: '农机购置补贴申请', type: '行政给付', hk: 'promised', days: [20, 10],
    basis: '《中华人民共和国农业机械化促进法》第二十七条；《农业机械购置补贴实施指导意见》',
    cond: '购买列入补贴范围农业机械的农民、农业生产经营组织',
    mats: [O('农机购置补贴申请表'), ID, O('购机发票'), O('人机合影照片'), BANK],
    result: '农机购置补贴资金发放',
  },
  {
    key: 'lzba', off: 'NY', name: '土地承包经营权流转备案', type: '其他行政权力', hk: 'promised', days: [10, 3],
    basis: '《中华人民共和国农村土地承包法》第三十六条；《农村土地经营权流转管理办法》',
    cond: '承包方以出租（转包）、入股等方式流转土地经营权，流转合同已签订',
    mats: [O('土地经营权流转合同', 3), C('流转双方身份证明'), C('农村土地承包经营权证'), opt('村集体经济组织同意意见', 'original')],
    result: '土地经营权流转备案登记',
  },
  {
    key: 'cbjf', off: 'NY', name: '农村土地承包经营纠纷调解', type: '其他行政权力', hk: 'promised', days: [30, 15],
    basis: '《中华人民共和国农村土地承包经营纠纷调解仲裁法》第七条至第十条',
    cond: '发生农村土地承包经营纠纷，当事人申请镇人民政府调解',
    mats: [O('纠纷调解申请书'), ID, C('承包合同或承包经营权证'), opt('相关证据材料')],
    result: '调解协议书',
  },
  {
    key: 'lmcf', off: 'NY', name: '林木采伐许可证核发', type: '行政许可', hk: 'controlled', days: [20, 5], sp: ['inspection'],
    basis: '《中华人民共和国森林法》第五十六条、第五十七条；《中华人民共和国森林法实施条例》',
    cond: '采伐农村居民自留山和个人承包集体林地上的林木，在年度采伐限额内；超出限额的，书面答复不予许可',
    mats: [O('林木采伐申请表'), ID, C('林权证或承包合同'), O('伐区调查设计或采伐作业说明')],
    result: '《林木采伐许可证》（超出限额的出具书面答复）',
  },
  {
    key: 'dwjy', off: 'NY', name: '动物检疫申报受理', type: '其他行政权力', hk: 'immediate', days: [0, 0],
    basis: '《中华人民共和国动物防疫法》第四十九条；《动物检疫管理办法》',
    cond: '出售或运输动物、动物产品前，货主按规定时限申报检疫',
    mats: [O('动物检疫申报单'), ID, O('养殖档案或防疫记录')],
    result: '检疫申报受理单',
  },
  {
    key: 'nyzx', off: 'NY', name: '农业技术咨询服务', type: '公共服务', hk: 'immediate', days: [0, 0], visits: 0,
    basis: '《中华人民共和国农业技术推广法》',
    cond: '有农业生产技术需求的农民和农业经营主体',
    mats: [O('咨询登记表'), opt('病虫害样本或照片', 'electronic'), opt('种植或养殖情况说明', 'original')],
    result: '技术指导意见',
  },
  {
    key: 'lqcs', off: 'NY', name: '林权登记申请初审', type: '其他行政权力', hk: 'promised', days: [10, 5],
    basis: '《中华人民共和国森林法》第十五条；《不动产登记暂行条例》',
    cond: '依法取得集体林地承包经营权或林木所有权，申请办理林权登记',
    mats: [O('林权登记申请表'), ID, C('林地承包合同'), O('林地四至界址图'), O('村民委员会意见')],
    result: '林权登记初审意见',
  },
  {
    key: 'cbzbg', off: 'NY', name: '农村土地承包经营权证变更', type: '行政确认', hk: 'promised', days: [20, 10],
    basis: '《中华人民共和国农村土地承包法》第二十四条；《农村土地承包经营权证管理办法》',
    cond: '因分户、互换、转让等原因导致承包方或承包地块发生变化',
    mats: [O('承包经营权证变更申请书'), ID, O('原农村土地承包经营权证'), C('变更原因证明（分户证明、互换协议等）')],
    result: '变更后的农村土地承包经营权证',
  },
  // ── 扶贫办
  {
    key: 'xexd', off: 'FP', name: '扶贫小额信贷申请', type: '公共服务', hk: 'forward', days: [15, 10], accept: 'village',
    basis: '《关于创新发展扶贫小额信贷的指导意见》（国开办发〔2014〕78号）',
    cond: '建档立卡贫困户（监测户）有贷款意愿、有发展项目、有还款能力',
    mats: [O('扶贫小额信贷申请表'), ID, HUKOU, O('产业发展计划')],
    result: '信贷资格评级及推荐意见（合作银行据此放贷）',
  },
  {
    key: 'ylh', off: 'FP', name: '雨露计划职业教育补助申请', type: '行政给付', hk: 'promised', days: [20, 10], theme: '就业创业',
    basis: '《关于加强雨露计划支持农村贫困家庭新成长劳动力接受职业教育的意见》（国开办发〔2015〕19号）',
    cond: '建档立卡家庭子女接受中、高等职业教育',
    mats: [O('雨露计划补助申请表'), ID, HUKOU, O('学校出具的在读证明'), BANK],
    result: '职业教育补助资金发放',
  },
  {
    key: 'cyjb', off: 'FP', name: '产业扶贫奖补申请', type: '行政给付', hk: 'promised', days: [20, 10], sp: ['inspection'],
    basis: '《财政专项扶贫资金管理办法》（财农〔2017〕8号）',
    cond: '建档立卡贫困户（监测户）自主发展种养殖等产业并达到奖补标准',
    mats: [O('产业扶贫奖补申请表'), ID, O('产业发展规模证明（村委会核实）'), BANK],
    result: '产业奖补资金发放',
  },
  // ── 综治办
  {
    key: 'mdtc', off: 'ZZ', name: '矛盾纠纷排查调处', type: '公共服务', hk: 'joint', days: [30, 15],
    basis: '《中华人民共和国人民调解法》；《关于完善矛盾纠纷多元化解机制的意见》',
    cond: '涉及多方、需综治、司法、信访等部门联合调处的矛盾纠纷',
    mats: [O('矛盾纠纷调处申请'), ID, opt('纠纷相关证据材料'), opt('村（居）委会调处意见', 'original')],
    proc: ['申请', '窗口受理登记', '综治办牵头、司法所等联合调处', '达成协议或出具处理意见', '回访'],
    result: '调处协议或处理意见',
  },
  {
    key: 'zajb', off: 'ZZ', name: '社会治安问题举报受理', type: '公共服务', hk: 'immediate', days: [0, 0], visits: 0,
    basis: '《中华人民共和国治安管理处罚法》；《信访工作条例》',
    cond: '群众举报辖区内影响社会治安的问题和隐患',
    mats: [O('举报登记表'), opt('举报人身份证明（可匿名）'), opt('相关照片或视频', 'electronic')],
    result: '举报受理回执，处理结果反馈',
  },
  {
    key: 'ldrk', off: 'ZZ', name: '流动人口信息登记', type: '公共服务', hk: 'immediate', days: [0, 0], theme: '户籍证照',
    basis: '《居住证暂行条例》第四条至第六条',
    cond: '离开常住户口所在地到本镇居住的流动人口',
    mats: [ID, O('流动人口信息登记表'), C('房屋租赁合同或居住证明')],
    result: '流动人口登记回执（可凭此申领居住证）',
  },
  // ── 信访办
  {
    key: 'xfsl', off: 'XF', name: '信访事项受理', type: '其他行政权力', hk: 'promised', days: [60, 30], visits: 0,
    basis: '《信访工作条例》第二十九条至第三十九条',
    cond: '公民、法人或其他组织向镇人民政府反映情况、提出建议意见或投诉请求，属于本镇职权范围',
    mats: [O('信访事项登记表（书面或口头记录）'), C('信访人身份证明'), opt('相关证据材料')],
    proc: ['登记', '15日内告知是否受理', '调查核实', '作出处理意见', '书面答复信访人'],
    result: '信访事项处理意见书',
  },
  {
    key: 'lfdj', off: 'XF', name: '来访登记与领导接访预约', type: '公共服务', hk: 'immediate', days: [0, 0],
    basis: '《信访工作条例》第二十条；本镇领导干部接访制度',
    cond: '到镇来访群众登记诉求，预约镇领导接访日',
    mats: [C('来访人居民身份证'), O('来访登记表'), opt('诉求相关材料')],
    result: '来访登记回执及接访时间',
  },
  // ── 司法所
  {
    key: 'tjsq', off: 'SF', name: '人民调解申请', type: '公共服务', hk: 'promised', days: [30, 15],
    basis: '《中华人民共和国人民调解法》第十七条至第二十八条',
    cond: '当事人之间发生婚姻家庭、邻里、损害赔偿等民间纠纷，自愿申请调解',
    mats: [O('人民调解申请书'), ID, opt('对方当事人基本情况及联系方式', 'original'), opt('纠纷相关证据材料')],
    result: '人民调解协议书（可申请司法确认）',
  },
  {
    key: 'flyz', off: 'SF', name: '法律援助申请初审', type: '公共服务', hk: 'promised', days: [7, 3],
    basis: '《中华人民共和国法律援助法》第四十一条至第四十四条',
    cond: '经济困难的公民请求支付劳动报酬、给予社会保险待遇、请求赡养费抚养费等，需要法律援助',
    mats: [O('法律援助申请表'), ID, O('经济困难状况说明或证明'), C('与所申请法律援助事项有关的材料')],
    result: '初审意见（报区法律援助中心作出是否给予援助的决定）',
  },
  {
    key: 'flzx', off: 'SF', name: '法律咨询服务', type: '公共服务', hk: 'immediate', days: [0, 0], visits: 0,
    basis: '《中华人民共和国法律援助法》；《公共法律服务体系建设规划》',
    cond: '有法律问题需要咨询的群众',
    mats: [O('法律咨询登记表'), opt('居民身份证'), opt('相关合同、文书等材料')],
    result: '法律咨询解答意见',
  },
]

/** Which templates each town offers (the rest of each town's count comes from district items). */
const SELECTION: Record<string, string[]> = {
  // 东沟镇 21 (+9 district = 30): 司法信访, 民政残联, 劳动保障, 财政查询, 计划生育
  T01: ['tjsq', 'flyz', 'flzx', 'xfsl', 'lfdj', 'wbgy', 'knjz', 'yfbz', 'ywby', 'bzbz', 'ydzz', 'cjz', 'cjjy',
    'zgrz', 'qzdj', 'qxts', 'ykcx', 'dlbt', 'jszm', 'gryz', 'jlfz'],
  // 梁子镇 45 (+13 district = 58): every template but these 14
  T02: T.map((t) => t.key).filter((k) => !['jzzm', 'gebz', 'fjsp', 'jfdc', 'zzba', 'hyzm', 'yjjc', 'ykbg', 'dzzh',
    'lsjs', 'dwjy', 'lqcs', 'cbzbg', 'lfdj'].includes(k)),
  // 沼山镇 20 (+10 district = 30)
  T03: ['wbgy', 'knjz', 'yfbz', 'zhjz', 'cjz', 'njcs', 'wfgz', 'tdjf', 'mdtc', 'zajb', 'tjsq', 'xfsl', 'njbt',
    'lzba', 'lmcf', 'cbjf', 'zgrz', 'qzdj', 'xnhcb', 'xnhbx'],
  // 涂家垴镇 24 (+11 district = 35, in 11 categories)
  T04: ['jtzm', 'xxgk', 'mdtc', 'zajb', 'xfsl', 'tjsq', 'flzx', 'jszm', 'jlfz', 'tbfz', 'ykcx', 'dlbt', 'xnhcb',
    'xnhbx', 'zgrz', 'wbgy', 'knjz', 'cjz', 'tdjf', 'njcs', 'wfgz', 'njbt', 'lzba', 'lmcf'],
  // 长岭镇 8 (+4 district = 12): few items, the center is remote and cramped
  T05: ['jtzm', 'jzzm', 'tjsq', 'ydzz', 'bzbz', 'zgrz', 'xnhcb', 'mdtc'],
}

/** 沼山镇's rule: what needs review is approved within three days. */
const PROMISE_CAP: Record<string, number> = { T03: 3 }

function defaultProcedure(t: Tpl): string[] {
  if (t.accept === 'village') {
    return t.sp?.includes('public_notice')
      ? ['村便民服务室代办受理', '村民委员会评议并公示', '镇便民服务中心审核', '决定', '送达（可在村便民服务室领取）']
      : ['村便民服务室代办受理', '镇便民服务中心审核', '决定', '送达（可在村便民服务室领取）']
  }
  switch (t.hk) {
    case 'immediate': return ['申请', '窗口受理', '当场办理', '办结']
    case 'promised': return ['申请', '窗口受理', '审核', '镇分管领导审批', '办结送达']
    case 'joint': return ['申请', '窗口受理', '相关站所联合审查', '镇分管领导审批', '办结送达']
    case 'forward': return ['申请', '窗口受理', '审核', '决定', '送达']
    case 'controlled': return ['申请', '窗口受理', '审查（限额控制）', '决定（超出限额的出具书面答复）', '送达']
  }
}

function townItem(town: string, t: Tpl, tplIndex: number): DemoItem {
  const deptCode = officeCode(town, t.off)
  const dept = department(deptCode)
  const center = centers.find((c) => c.code === town)
  const [category, theme] = OFFICE_META[t.off]
  const accept = t.accept ?? 'town'
  const window = townWindowFor(town, t.off)
  const bc = basicCode(t.type, `3${String(tplIndex + 1).padStart(2, '0')}`, 1)
  const cap = PROMISE_CAP[town]
  const promised = t.hk === 'promised' && cap !== undefined ? Math.min(t.days[1], cap) : t.days[1]
  return {
    code: deptCreditCodes[deptCode] + bc,
    basicCode: bc,
    name: t.name,
    itemType: t.type,
    departmentCode: deptCode,
    implementingBody: dept.name,
    legalBasis: t.basis,
    targets: [...(t.targets ?? ['person'])],
    handlingKind: t.hk,
    legalDays: t.days[0],
    promisedDays: promised,
    acceptLevel: accept,
    decideLevel: 'town',
    conditions: t.cond,
    materials: t.mats.map((m) => ({ ...m })),
    procedure: [...(t.proc ?? defaultProcedure(t))],
    fees: { ...FREE },
    result: t.result,
    visits: t.visits ?? 1,
    consultPhone: dept.phone,
    complaintPhone: center?.phone ?? '',
    specialProcedures: [...(t.sp ?? [])],
    theme: t.theme ?? theme,
    category,
    offeredAt: [town, ...(accept === 'village' ? villageCodes(town) : [])],
    windowNumbers: window ? { [town]: [window] } : {},
  }
}

export const townItems: DemoItem[] = Object.entries(SELECTION).flatMap(([town, keys]) =>
  keys.map((k) => {
    const i = T.findIndex((t) => t.key === k)
    if (i < 0) throw new Error(`unknown town item template ${k}`)
    return townItem(town, T[i], i)
  }),
)

/** Items offered at these town centers, per the district report (town items + district items offered there). */
export const expectedTownItemCounts = { T02: 58, T04: 35 } as const

/** 涂家垴镇: "35 service items in 11 categories". */
export const expectedTownCategoryCounts = { T04: 11 } as const
