// The national 一体化政务服务平台 staging layout (前置库, UP_PRO_*): each stage of a case goes to one table, every row
// carries the identifiers of the case and the item, and Yizhan's own codes are listed here per coded field.
// The exchange log's payload (migration 0170) is written in these names; adapters and mappings read this one list.

export const EXCHANGE_STAGES = ['accept', 'correction_notice', 'correction_accept', 'process', 'special', 'result', 'material', 'rating'] as const
export type ExchangeStage = (typeof EXCHANGE_STAGES)[number]

export const NATIONAL_TABLES = ['UP_PRO_ACCEPT', 'UP_PRO_PROCESS', 'UP_PRO_RESULT', 'UP_PRO_SPECIAL_PROCEDURE', 'UP_PRO_MATERIAL', 'UP_PRO_EVALUATION'] as const
export type NationalTable = (typeof NATIONAL_TABLES)[number]

/** Where each stage goes: 补正告知 and 补正受理 are process rows of their own. */
export const STAGE_TABLE: Record<ExchangeStage, NationalTable> = {
  accept: 'UP_PRO_ACCEPT', correction_notice: 'UP_PRO_PROCESS', correction_accept: 'UP_PRO_PROCESS', process: 'UP_PRO_PROCESS',
  special: 'UP_PRO_SPECIAL_PROCEDURE', result: 'UP_PRO_RESULT', material: 'UP_PRO_MATERIAL', rating: 'UP_PRO_EVALUATION',
}

/** Every row: 办件编号, 统一申办流水号, 实施编码, 事项版本, 基本编码, 事项名称, 部门信用代码, 部门名称, 区划代码. */
const HEAD = ['project_no', 'province_no', 'task_code', 'task_version', 'catalog_code', 'task_name', 'org_code', 'org_name', 'area_code'] as const

export const TABLE_FIELDS: Record<NationalTable, readonly string[]> = {
  UP_PRO_ACCEPT: [...HEAD, 'applicant_type', 'applicant_name', 'cert_type', 'cert_no', 'legal_person', 'contact_phone', 'apply_time', 'accept_time', 'accept_doc_no', 'promise_date', 'accept_state', 'refuse_reason'],
  UP_PRO_PROCESS: [...HEAD, 'node_seq', 'node_name', 'action_code', 'handler_name', 'handler_org', 'handler_center', 'opinion', 'start_time', 'end_time', 'doc_no'],
  UP_PRO_RESULT: [...HEAD, 'result_time', 'result_code', 'result_desc', 'cert_name', 'cert_no', 'delivery_type', 'delivery_time', 'pickup_time', 'satisfaction'],
  UP_PRO_SPECIAL_PROCEDURE: [...HEAD, 'special_seq', 'special_type', 'special_reason', 'start_time', 'end_time', 'special_result', 'doc_no'],
  UP_PRO_MATERIAL: [...HEAD, 'material_seq', 'material_name', 'receive_type', 'material_count', 'attachment'],
  UP_PRO_EVALUATION: [...HEAD, 'evaluate_object', 'evaluate_level', 'evaluate_content', 'evaluate_addendum', 'evaluate_time', 'evaluate_channel', 'evaluate_provenance'],
}

/** Fields the province cannot take a row without. */
export const REQUIRED_FIELDS: Record<NationalTable, readonly string[]> = {
  UP_PRO_ACCEPT: ['project_no', 'task_code', 'task_version', 'catalog_code', 'org_code', 'area_code', 'applicant_name', 'cert_type', 'cert_no', 'apply_time', 'accept_state'],
  UP_PRO_PROCESS: ['project_no', 'task_code', 'area_code', 'org_code', 'node_seq', 'node_name', 'action_code', 'start_time'],
  UP_PRO_RESULT: ['project_no', 'task_code', 'area_code', 'org_code', 'result_time', 'result_code'],
  UP_PRO_SPECIAL_PROCEDURE: ['project_no', 'task_code', 'area_code', 'org_code', 'special_seq', 'special_type', 'start_time'],
  UP_PRO_MATERIAL: ['project_no', 'task_code', 'area_code', 'org_code', 'material_seq', 'material_name'],
  // a served hall ticket or a consultation may name no item: its number and the center's 区划代码 identify it
  UP_PRO_EVALUATION: ['project_no', 'area_code', 'evaluate_object', 'evaluate_level', 'evaluate_time', 'evaluate_channel', 'evaluate_provenance'],
}

/** The per-table sequence column filled from the record's seq. */
export const SEQ_FIELD: Partial<Record<NationalTable, string>> = { UP_PRO_PROCESS: 'node_seq', UP_PRO_SPECIAL_PROCEDURE: 'special_seq', UP_PRO_MATERIAL: 'material_seq' }

/** The sync columns of every staging row (the province's job sets received / received_at / received_note). */
export const SYNC_FIELDS = ['row_guid', 'cd_operation', 'cd_time', 'cd_batch', 'data_source'] as const

/** Yizhan's own codes per coded field, each with the national code (this build's default; the province's mapping overrides). */
export const CODE_LISTS: Record<string, Record<string, string>> = {
  accept_state: { accepted: '1', refused: '0' },
  applicant_type: { person: '1', organization: '2' },
  cert_type: { id_card: '111', credit_code: '001' },
  node_name: {
    handle: '承办', review: '审核', approve: '决定', sign: '会签', forward: '上报', handover: '交接', delivery: '送达',
    issue: '发证', commitment: '容缺承诺补交',
    correction_notice: '补正告知', correction_accept: '补正受理',
  },
  action_code: { start: '1', end: '2', notice: '3', accept: '4' },
  result_code: { approved: '1', denied: '2', answered: '3' },
  special_type: {
    hearing: '1', inspection: '2', expert_review: '3', testing: '4', public_notice: '5', extension: '6',
    tender: '7', auction: '8', quarantine: '9', appraisal: '10',
  },
  delivery_type: { pickup: '1', mail: '2' },
  receive_type: { paper: '1', none: '0' },
  evaluate_object: { case: '1', ticket: '2', consultation: '3' },
  evaluate_channel: { pad: '2', progress: '1', ticket: '3' },
  evaluate_provenance: { window_pad: 'pad', progress_page: 'web', ticket_page: 'qrcode' },
}

/** Time fields are sent as China local time 'YYYY-MM-DD HH:mm:ss' (the instant itself, never moved). */
export const isTimeField = (f: string) => f.endsWith('_time')

export function chinaDateTime(value: string | Date): string {
  const d = typeof value === 'string' ? new Date(value) : value
  if (Number.isNaN(d.getTime())) return String(value)
  return new Date(d.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19)
}
