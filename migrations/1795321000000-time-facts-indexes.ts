import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for report windows (TimeFactsRepository): running timers are read on their own, since
 * one may have started long before the window; the longest stopped entry (max over an index)
 * bounds how early an entry overlapping the window can start, so a window never scans history.
 */
export class TimeFactsIndexes1795321000000 implements MigrationInterface {
  name = 'TimeFactsIndexes1795321000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_time_entries_running" ON "time_entries" ("workspace_id") WHERE running`);
    await queryRunner.query(`CREATE INDEX "idx_time_entries_workspace_duration" ON "time_entries" ("workspace_id", "duration_ms")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_time_entries_workspace_duration"`);
    await queryRunner.query(`DROP INDEX "public"."idx_time_entries_running"`);
  }
}
