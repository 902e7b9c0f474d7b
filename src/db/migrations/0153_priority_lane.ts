// The priority lane (老年人/残疾人/孕妇 优先, 国办发〔2020〕45号): tickets.priority becomes the call order's rank —
// 0 checked-in appointments, 1 the priority lane, 2 ordinary walk-ins (src/domain/ticket-rules.ts QUEUE_RANK) —
// and staff marking a ticket priority is a ticket event.
import { sql, type Kysely } from 'kysely'

const ACTIONS = `'issued','called','recalled','started','finished','transferred','no_show','linked'`

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    update tickets set priority = 2 where priority = 1;
    alter table tickets alter column priority set default 2;
    alter table ticket_events drop constraint ticket_events_action_check;
    alter table ticket_events add constraint ticket_events_action_check check (action in (${ACTIONS},'prioritized'));
  `).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`
    delete from ticket_events where action = 'prioritized';
    alter table ticket_events drop constraint ticket_events_action_check;
    alter table ticket_events add constraint ticket_events_action_check check (action in (${ACTIONS}));
    alter table tickets alter column priority set default 1;
    update tickets set priority = 1 where priority in (1, 2);
  `).execute(db)
}
