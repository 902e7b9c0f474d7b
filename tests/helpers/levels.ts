// Factories for cross-level tests: on top of the case world, a 上报 item decided by the district's department and
// accepted at the towns, one decided by town A itself, and a village agent under each town.
import { makeUser, type TestApp } from './app.js'
import { makeCaseWorld, makeItem } from './cases.js'

export async function makeLevelsWorld(t: TestApp) {
  const w = await makeCaseWorld(t)
  const townDept = await t.db.insertInto('departments').values({ code: `TD${process.pid}-${Date.now()}`, name: '甲镇农业服务中心', level: 'town', center_id: w.tree.townA.id })
    .returning('id').executeTakeFirstOrThrow()
  const user = async (roles: Parameters<typeof makeUser>[1]['roles'], centerId: number, departmentId: number | null = null) => {
    const u = await makeUser(t.db, { roles, centerId })
    if (departmentId) await t.db.updateTable('users').set({ department_id: departmentId }).where('id', '=', u.id).execute()
    return { ...u, client: await t.login(u.username, u.password) }
  }
  return {
    ...w,
    forwardItem: await makeItem(t.db, { departmentId: w.departments.lead, kind: 'forward', offeredAt: [w.tree.district.id, w.tree.townA.id, w.tree.townB.id], promisedDays: 10, legalDays: 20 }),
    townForwardItem: await makeItem(t.db, { departmentId: townDept.id, kind: 'forward', offeredAt: [w.tree.townA.id] }),
    agentA: await user(['agent'], w.tree.villageA.id),
    agentB: await user(['agent'], w.tree.villageB.id),
    townAApprover: await user(['approver'], w.tree.townA.id),
  }
}

export type LevelsWorld = Awaited<ReturnType<typeof makeLevelsWorld>>
