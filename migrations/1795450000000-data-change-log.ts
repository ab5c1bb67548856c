import { MigrationInterface, QueryRunner } from 'typeorm';

/** Bookkeeping tables: what is in them is never part of a tool's answer (see data_changes). */
const NOT_DATA = ['migrations', 'sync_leases', 'sync_cursors', 'sync_runs', 'app_state', 'data_changes'];

/**
 * The data version the answer cache keys on. Every statement that writes a table answers are
 * read from appends a row to `data_changes` (a statement trigger on each such table), in the
 * writer's own transaction: the sum of `weight` therefore moves exactly when such a write
 * commits, and never otherwise. Rows are only ever added — concurrent writers never wait on one
 * another — and the sync folds them into one after each run (sum kept). Of the run history only
 * successful runs count (data_as_of, completeness); leases, cursors and failed runs do not, so a
 * sync that fails or a lease renewal does not throw reusable answers away.
 */
export class DataChangeLog1795450000000 implements MigrationInterface {
  name = 'DataChangeLog1795450000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "data_changes" ("id" BIGSERIAL NOT NULL, "weight" bigint NOT NULL DEFAULT 1, CONSTRAINT "PK_data_changes" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE FUNCTION data_changes_note() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        -- A statement run by another table's trigger (the derived counters) is part of the
        -- statement that fired it, which notes itself: one row per statement, not one per table touched.
        IF pg_trigger_depth() = 1 THEN
          INSERT INTO data_changes DEFAULT VALUES;
        END IF;
        RETURN NULL;
      END $fn$`);
    for (const t of await dataTables(q)) {
      await q.query(
        `CREATE TRIGGER data_changes_note AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${t}" FOR EACH STATEMENT EXECUTE FUNCTION data_changes_note()`,
      );
    }
    // Runs: only a successful one (appearing, changing, going) changes what answers say.
    await q.query(
      `CREATE TRIGGER data_changes_note_ins AFTER INSERT ON "sync_runs" FOR EACH ROW WHEN (NEW.status = 'succeeded') EXECUTE FUNCTION data_changes_note()`,
    );
    await q.query(
      `CREATE TRIGGER data_changes_note_upd AFTER UPDATE ON "sync_runs" FOR EACH ROW WHEN (OLD.status = 'succeeded' OR NEW.status = 'succeeded') EXECUTE FUNCTION data_changes_note()`,
    );
    await q.query(
      `CREATE TRIGGER data_changes_note_del AFTER DELETE ON "sync_runs" FOR EACH ROW WHEN (OLD.status = 'succeeded') EXECUTE FUNCTION data_changes_note()`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of ['ins', 'upd', 'del']) await q.query(`DROP TRIGGER data_changes_note_${t} ON "sync_runs"`);
    for (const t of await dataTables(q)) await q.query(`DROP TRIGGER data_changes_note ON "${t}"`);
    await q.query(`DROP FUNCTION data_changes_note()`);
    await q.query(`DROP TABLE "data_changes"`);
  }
}

/** Every table of the schema as this migration finds it, bookkeeping excepted. */
async function dataTables(q: QueryRunner): Promise<string[]> {
  const rows: { name: string }[] = await q.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1`,
  );
  return rows.map((r) => r.name).filter((t) => !NOT_DATA.includes(t));
}
