import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each task's lifetime tracked time from its stopped entries (ms, billable ms, entries), kept by
 * statement-level triggers on time_entries (one aggregate per written batch, whoever writes).
 * Lifetime per-task questions (estimate accuracy, over-estimate risk, untracked work, direct
 * time in listings) then read one row per task instead of every entry of the task set; running
 * timers are still counted live, up to "now". An entry counts while it has a task, is not
 * deleted, is stopped and ends after it starts — exactly the pieces the time-facts query sums
 * for an unbounded window.
 */
export class TaskTimeTotals1795321300000 implements MigrationInterface {
  name = 'TaskTimeTotals1795321300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "task_time_totals" ("task_id" character varying(64) NOT NULL, "stopped_ms" bigint NOT NULL DEFAULT '0', "billable_ms" bigint NOT NULL DEFAULT '0', "entries" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_task_time_totals" PRIMARY KEY ("task_id"))`,
    );
    const counted = (rel: string, sign: string) => `
      SELECT ${rel}.task_id, ${sign} * (extract(epoch FROM (coalesce(${rel}.end_at, ${rel}.start_at + ${rel}.duration_ms * interval '1 millisecond') - ${rel}.start_at)) * 1000)::bigint AS ms,
             ${sign} * CASE WHEN ${rel}.billable THEN (extract(epoch FROM (coalesce(${rel}.end_at, ${rel}.start_at + ${rel}.duration_ms * interval '1 millisecond') - ${rel}.start_at)) * 1000)::bigint ELSE 0 END AS billable_ms,
             ${sign} AS entries
      FROM ${rel}
      WHERE ${rel}.task_id IS NOT NULL AND ${rel}.deleted_at IS NULL AND NOT ${rel}.running
        AND coalesce(${rel}.end_at, ${rel}.start_at + ${rel}.duration_ms * interval '1 millisecond') > ${rel}.start_at`;
    const apply = (rows: string) => `
      INSERT INTO task_time_totals AS tt (task_id, stopped_ms, billable_ms, entries)
      SELECT task_id, sum(ms), sum(billable_ms), sum(entries) FROM (${rows}) d GROUP BY task_id
      ON CONFLICT (task_id) DO UPDATE SET stopped_ms = tt.stopped_ms + EXCLUDED.stopped_ms,
        billable_ms = tt.billable_ms + EXCLUDED.billable_ms, entries = tt.entries + EXCLUDED.entries`;
    await queryRunner.query(
      `CREATE FUNCTION task_time_totals_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${apply(counted('new_rows', '1'))}; RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION task_time_totals_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${apply(`${counted('old_rows', '-1')} UNION ALL ${counted('new_rows', '1')}`)}; RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION task_time_totals_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${apply(counted('old_rows', '-1'))}; RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER task_time_totals_insert AFTER INSERT ON time_entries REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_time_totals_insert()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER task_time_totals_update AFTER UPDATE ON time_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_time_totals_update()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER task_time_totals_delete AFTER DELETE ON time_entries REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION task_time_totals_delete()`,
    );
    await queryRunner.query(`INSERT INTO task_time_totals (task_id, stopped_ms, billable_ms, entries)
      SELECT task_id, sum(ms), sum(billable_ms), sum(entries) FROM (${counted('time_entries', '1')}) d GROUP BY task_id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER task_time_totals_delete ON time_entries`);
    await queryRunner.query(`DROP TRIGGER task_time_totals_update ON time_entries`);
    await queryRunner.query(`DROP TRIGGER task_time_totals_insert ON time_entries`);
    await queryRunner.query(`DROP FUNCTION task_time_totals_delete()`);
    await queryRunner.query(`DROP FUNCTION task_time_totals_update()`);
    await queryRunner.query(`DROP FUNCTION task_time_totals_insert()`);
    await queryRunner.query(`DROP TABLE "task_time_totals"`);
  }
}
