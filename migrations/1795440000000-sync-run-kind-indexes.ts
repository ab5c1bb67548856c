import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Run history grows without bound — a webhook event is a run, an incremental sync every few
 * minutes is another: a year of use is ~10⁵–10⁶ rows. Two questions were answered by reading
 * all of them: the newest run of each kind (`/health` and `get_sync_status`: a sort of the whole
 * table, 758 ms at 600,000 runs) and the end of the newest successful run of some kinds (data
 * as of; a backward walk over every newer run of other kinds). With these indexes both are a
 * few index probes per kind (docs/benchmarks.md).
 */
export class SyncRunKindIndexes1795440000000 implements MigrationInterface {
  name = 'SyncRunKindIndexes1795440000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_sync_runs_kind_started" ON "sync_runs" ("kind", "started_at", "id")`);
    await q.query(`CREATE INDEX "idx_sync_runs_succeeded_kind_finished" ON "sync_runs" ("kind", "finished_at") WHERE status = 'succeeded'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_sync_runs_succeeded_kind_finished"`);
    await q.query(`DROP INDEX "public"."idx_sync_runs_kind_started"`);
  }
}
