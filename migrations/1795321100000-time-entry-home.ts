import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where each time entry's time belongs, kept on the entry (Reporting rule 2): the home list,
 * folder and space its task has *now*, and whether that task is still there. Reports then
 * filter a window of entries by scope without joining every entry to its task.
 *
 * Triggers keep the columns true whoever writes (sync, write-through, webhooks):
 * - a time entry gets them from its task when it is written; a task not synced (yet) falls back
 *   to where ClickUp said it lived, the folder taken from the synced list (null for folderless);
 * - when tasks are inserted or updated (moved, deleted, restored), their entries follow, one
 *   statement per batch, writing only rows that change.
 */
export class TimeEntryHome1795321100000 implements MigrationInterface {
  name = 'TimeEntryHome1795321100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "time_entries" ADD "home_list_id" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "time_entries" ADD "home_folder_id" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "time_entries" ADD "home_space_id" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "time_entries" ADD "task_live" boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`
      CREATE FUNCTION time_entry_home() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        t record;
      BEGIN
        IF NEW.task_id IS NULL THEN
          NEW.home_list_id := NULL; NEW.home_folder_id := NULL; NEW.home_space_id := NULL; NEW.task_live := true;
          RETURN NEW;
        END IF;
        SELECT list_id, folder_id, space_id, deleted_at IS NULL AS live INTO t FROM tasks WHERE id = NEW.task_id;
        IF FOUND THEN
          NEW.home_list_id := t.list_id; NEW.home_folder_id := t.folder_id; NEW.home_space_id := t.space_id; NEW.task_live := t.live;
          RETURN NEW;
        END IF;
        NEW.home_list_id := NEW.list_id; NEW.task_live := true;
        SELECT folder_id, space_id INTO t FROM lists WHERE id = NEW.list_id;
        IF FOUND THEN
          NEW.home_folder_id := t.folder_id; NEW.home_space_id := t.space_id;
        ELSE
          NEW.home_folder_id := NULL; NEW.home_space_id := NEW.space_id;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER time_entry_home BEFORE INSERT OR UPDATE OF task_id, list_id, space_id ON time_entries FOR EACH ROW EXECUTE FUNCTION time_entry_home()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION task_entries_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE time_entries e
        SET home_list_id = n.list_id, home_folder_id = n.folder_id, home_space_id = n.space_id, task_live = (n.deleted_at IS NULL)
        FROM changed_tasks n
        WHERE e.task_id = n.id
          AND (e.home_list_id, e.home_folder_id, e.home_space_id, e.task_live) IS DISTINCT FROM (n.list_id, n.folder_id, n.space_id, n.deleted_at IS NULL);
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER task_entries_follow_insert AFTER INSERT ON tasks REFERENCING NEW TABLE AS changed_tasks FOR EACH STATEMENT EXECUTE FUNCTION task_entries_follow()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER task_entries_follow_update AFTER UPDATE ON tasks REFERENCING NEW TABLE AS changed_tasks FOR EACH STATEMENT EXECUTE FUNCTION task_entries_follow()`,
    );
    // Existing rows: touching task_id runs the entry trigger once for each.
    await queryRunner.query(`UPDATE time_entries SET task_id = task_id`);
    await queryRunner.query(`CREATE INDEX "idx_time_entries_home_space_start" ON "time_entries" ("home_space_id", "start_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_time_entries_home_space_start"`);
    await queryRunner.query(`DROP TRIGGER task_entries_follow_update ON tasks`);
    await queryRunner.query(`DROP TRIGGER task_entries_follow_insert ON tasks`);
    await queryRunner.query(`DROP FUNCTION task_entries_follow()`);
    await queryRunner.query(`DROP TRIGGER time_entry_home ON time_entries`);
    await queryRunner.query(`DROP FUNCTION time_entry_home()`);
    await queryRunner.query(`ALTER TABLE "time_entries" DROP COLUMN "task_live"`);
    await queryRunner.query(`ALTER TABLE "time_entries" DROP COLUMN "home_space_id"`);
    await queryRunner.query(`ALTER TABLE "time_entries" DROP COLUMN "home_folder_id"`);
    await queryRunner.query(`ALTER TABLE "time_entries" DROP COLUMN "home_list_id"`);
  }
}
