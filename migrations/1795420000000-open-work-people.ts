import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open work per person across a workspace. get_workload without a scope summed open_work_counts
 * (one row per list, person and archived flag: 41,893 rows on `large`, 37 ms of the 70 ms the
 * call spent in the database). `open_work_people` holds the net change of every statement on
 * open_work_counts per person and archived flag, appended by statement triggers on it, so it
 * follows whoever writes the counters (the trigger on tasks, a rebuild, a truncate). Rows are
 * only ever inserted — writers never wait on each other or deadlock over a hot per-person row —
 * and the sync folds them into one row per person after each run (TableMaintenanceRepository).
 */
export class OpenWorkPeople1795420000000 implements MigrationInterface {
  name = 'OpenWorkPeople1795420000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "open_work_people" ("id" BIGSERIAL NOT NULL, "workspace_id" character varying(64) NOT NULL, "user_id" bigint NOT NULL, "archived" boolean NOT NULL, "n" integer NOT NULL, "estimate_share_ms" numeric NOT NULL, CONSTRAINT "PK_open_work_people" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "idx_open_work_people_workspace" ON "open_work_people" ("workspace_id", "archived")`);
    const net = (source: string) => `
      INSERT INTO open_work_people (workspace_id, user_id, archived, n, estimate_share_ms)
      SELECT workspace_id, user_id, archived, sum(n), sum(share) FROM (${source}) x
      GROUP BY 1, 2, 3 HAVING sum(n) <> 0 OR sum(share) <> 0;`;
    const plus = `SELECT workspace_id, user_id, archived, n, estimate_share_ms AS share FROM new_rows`;
    const minus = `SELECT workspace_id, user_id, archived, -n AS n, -estimate_share_ms AS share FROM old_rows`;
    await q.query(`CREATE FUNCTION open_work_people_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'INSERT' THEN ${net(plus)}
        ELSIF TG_OP = 'UPDATE' THEN ${net(`${plus} UNION ALL ${minus}`)}
        ELSE ${net(minus)}
        END IF;
        RETURN NULL;
      END $fn$`);
    await q.query(
      `CREATE TRIGGER open_work_people_ins AFTER INSERT ON open_work_counts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION open_work_people_apply()`,
    );
    await q.query(
      `CREATE TRIGGER open_work_people_upd AFTER UPDATE ON open_work_counts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION open_work_people_apply()`,
    );
    await q.query(
      `CREATE TRIGGER open_work_people_del AFTER DELETE ON open_work_counts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION open_work_people_apply()`,
    );
    await q.query(`INSERT INTO open_work_people (workspace_id, user_id, archived, n, estimate_share_ms)
      SELECT workspace_id, user_id, archived, sum(n), sum(estimate_share_ms) FROM open_work_counts
      GROUP BY 1, 2, 3 HAVING sum(n) <> 0 OR sum(estimate_share_ms) <> 0`);
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of ['ins', 'upd', 'del']) await q.query(`DROP TRIGGER open_work_people_${t} ON open_work_counts`);
    await q.query(`DROP FUNCTION open_work_people_apply()`);
    await q.query(`DROP TABLE "open_work_people"`);
  }
}
