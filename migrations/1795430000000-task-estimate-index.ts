import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each task's estimate from the index alone. Reports that count the tasks with time and sum
 * their estimates (space projects, a folder's lists, the estimate columns of the time reports)
 * look up ~10,000 tasks a month on the largest space of `large` (~20,000 a quarter), each a
 * heap page of the 59 MB tasks table through the primary key, or a hash of the whole table.
 * With the estimate in an index of its own the lookup reads no heap page: the month's count by
 * project 59 → 51 ms, the quarter's 157 → 127 ms (docs/benchmarks.md).
 */
export class TaskEstimateIndex1795430000000 implements MigrationInterface {
  name = 'TaskEstimateIndex1795430000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_tasks_id_estimate" ON "tasks" ("id") INCLUDE ("time_estimate")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_tasks_id_estimate"`);
  }
}
