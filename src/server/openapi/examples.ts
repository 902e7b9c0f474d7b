// Examples of the main requests, by operationId: `body` examples go to the JSON request body (checked against its
// schema by the linter, rule no-invalid-media-type-examples), `query` ones to the query parameters of that name.
export interface OperationExamples {
  body?: Record<string, { summary: string; value: unknown }>
  query?: Record<string, string | number>
}

const materials = [{ materialId: 11, received: true }, { materialId: 12, received: true }]

export const EXAMPLES: Record<string, OperationExamples> = {
  'session.login': { body: { login: { summary: 'a clerk signs in', value: { username: 'clerk01', password: 'correct horse battery staple' } } } },
  'tokens.create': { body: { token: { summary: 'a token for a script, valid 90 days', value: { name: '统计导出脚本', expiresInDays: 90 } } } },
  'cases.intake': {
    body: {
      person: {
        summary: 'a person applies at a window with every required material',
        value: {
          requestId: 'w3-20260302-0001', itemId: 42, centerId: 1, windowId: 3,
          applicant: { kind: 'person', name: '张三', idNumber: '420702199001011234', phone: '13800000000' }, materials,
        },
      },
      immediate: {
        summary: '即办: accepted, approved and handed over in one request',
        value: {
          requestId: 'w3-20260302-0002', itemId: 7, centerId: 1, windowId: 3, complete: true,
          applicant: { kind: 'person', name: '李四', idNumber: '420702198512120021', phone: '13900000000' }, materials: [{ materialId: 5, received: true }],
        },
      },
      agency: {
        summary: 'a village agent records a case for the town (代办)',
        value: {
          requestId: 'agent7-20260302-0001', itemId: 42, centerId: 9, agent: { staffId: 31 },
          applicant: { kind: 'person', name: '王五', idNumber: '420702195003030033', phone: '13700000000' }, materials,
        },
      },
    },
  },
  'cases.act': {
    body: {
      accept: { summary: 'accept a received case', value: { version: 1, materials } },
      advance: { summary: '承办/审核: the department\'s step is done', value: { version: 2, opinion: '材料齐全，符合条件，拟同意' } },
      forward: { summary: '上报: the preliminary opinion goes to the deciding level', value: { version: 2, opinion: '经初审，材料齐全，报区级审批' } },
      handover: { summary: '代办: the materials change hands, up the chain', value: { version: 1, toCenterId: 2, materials } },
      approve: { summary: 'the decision', value: { version: 4, note: '准予许可' } },
      deliver: { summary: 'the result is mailed', value: { version: 5, method: 'mail', trackingNumber: 'SF1234567890' } },
    },
  },
  'hall.takeTicket': {
    body: {
      category: { summary: 'a walk-in at the kiosk, by category', value: { centerId: 1, categoryId: 2 } },
      appointment: { summary: 'an appointment checks in', value: { centerId: 1, appointmentId: 15 } },
    },
  },
  'ratings.rate': {
    body: {
      good: { summary: '非常满意', value: { number: 'YZ202603020001', code: 'K7Q2M9', score: 5 } },
      bad: { summary: '不满意, with the 差评 options', value: { number: 'YZ202603020001', code: 'K7Q2M9', score: 2, comment: '等候时间太长', options: ['wait_long'] } },
    },
  },
  'progress.query': { query: { number: 'YZ202603020001', code: 'K7Q2M9' } },
}
