// Every string the web interface shows, in Chinese, one file per area in zh-CN/. Keys are `area.thing`; `{name}`
// marks a placeholder.
import zhCNCatalog from './zh-CN/catalog'
import zhCNCases from './zh-CN/cases'
import levels from './zh-CN/levels'
import zhCNSupervision from './zh-CN/supervision'
import hall from './zh-CN/hall'
import fewerTrips from './zh-CN/fewer-trips'
import security from './zh-CN/security'
import calendar from './zh-CN/calendar'
import zhCNStatistics from './zh-CN/statistics'
import zhCNExchange from './zh-CN/exchange'
import a11y from './zh-CN/a11y'
import materials from './zh-CN/materials'
import app from './zh-CN/app'
import vocabulary from './zh-CN/vocabulary'
import publicPages from './zh-CN/public'
import session from './zh-CN/session'
import network from './zh-CN/network'
import items from './zh-CN/items'

const zhCN = {
  ...zhCNCatalog,
  ...zhCNSupervision,
  ...zhCNStatistics,
  ...zhCNExchange,
  ...hall,
  ...a11y,
  ...fewerTrips,
  ...app,
  ...vocabulary,
  ...publicPages,
  ...session,
  ...network,
  ...items,
  ...zhCNCases,
  ...levels,
  ...materials,
  ...security,
  ...calendar,
} as const

export default zhCN
