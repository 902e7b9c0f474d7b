// Statistics count 好评 as rating-measures.ts defines it (score ≥ 3: 非常满意, 满意, 基本满意; 国办发〔2019〕51号), not
// score ≥ 4 as 0080 did, so the statistics page, the workbook, the workbench and the report show one 好评率 (issue 22).
// The centers get the day they were founded (the district report: the district center 于5月成立).
// The aggregates already hold `satisfied` under the old rule: a correcting delta per 基本满意 rating (not set aside)
// adds it, and the fold moves it like any other. Down takes it back out.
import { sql, type Kysely } from 'kysely'

const ratingTrigger = (good: string) => `
    create or replace function yz_stat_rating() returns trigger language plpgsql as $f$
    declare sign integer;
    begin
      if TG_OP = 'INSERT' then sign := case when NEW.set_aside then 0 else 1 end;
      else sign := case when NEW.set_aside = OLD.set_aside then 0 when NEW.set_aside then -1 else 1 end;
      end if;
      if sign <> 0 then
        insert into stat_deltas (day, center_id, department_id, window_id, person_id, item_id, rated, satisfied)
        values (NEW.rated_on, NEW.center_id, NEW.department_id, NEW.window_id, NEW.staff_id, NEW.item_id, sign,
          case when ${good} then sign else 0 end);
      end if;
      return null;
    end $f$;`

const correction = (sign: 1 | -1) => `
    insert into stat_deltas (day, center_id, department_id, window_id, person_id, item_id, satisfied)
    select rated_on, center_id, department_id, window_id, staff_id, item_id, ${sign} * count(*)::int
    from ratings where score = 3 and not set_aside group by 1, 2, 3, 4, 5, 6;`

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`${ratingTrigger('NEW.score >= 3')} ${correction(1)}
    alter table centers add column founded_on date;`).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`${ratingTrigger('NEW.score >= 4')} ${correction(-1)}
    alter table centers drop column founded_on;`).execute(db)
}
