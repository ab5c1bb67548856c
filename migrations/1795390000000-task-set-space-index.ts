import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A covering index for the task-set reports of a space (estimation accuracy, untracked and
 * at-risk tasks, team workload, blockers). They judge every live task of the space, and on the
 * `large` workspace the largest space's 34k tasks are spread over every page of the 59 MB tasks
 * heap: a bitmap heap scan read ~7,400 pages (~30 ms) per report query. With the columns those
 * rules read in the index it is an index-only scan of ~4 MB (~5 ms). Folder and list scopes keep
 * their narrower indexes (idx_tasks_folder, idx_tasks_list).
 */
export class TaskSetSpaceIndex1795390000000 implements MigrationInterface {
  name = 'TaskSetSpaceIndex1795390000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "idx_tasks_live_space" ON "tasks" ("space_id") INCLUDE ("id", "workspace_id", "list_id", "archived", "status_category", "status", "time_estimate", "date_updated", "due_date") WHERE deleted_at IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_tasks_live_space"`);
  }
}
