import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The initial schema: hierarchy, members, tasks with relational assignees/watchers/lists/
 * dependencies, individual time entries, the project registry, sync runs and cursors, and
 * daily task snapshots. No foreign keys on purpose: the sync writes entities in batches whose
 * order ClickUp does not guarantee (a subtask can arrive before its parent, an entry before its
 * task), and rows are soft-deleted rather than removed.
 */
export class InitialSchema1795319735001 implements MigrationInterface {
  name = 'InitialSchema1795319735001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "app_state" ("key" text NOT NULL, "value" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f6be62945719bc9b8c6c6df260c" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "folders" ("id" character varying(64) NOT NULL, "workspace_id" character varying(64) NOT NULL, "space_id" character varying(64) NOT NULL, "name" text NOT NULL, "orderindex" integer, "hidden" boolean NOT NULL DEFAULT false, "archived" boolean NOT NULL DEFAULT false, "override_statuses" boolean NOT NULL DEFAULT false, "statuses" jsonb, "task_count" integer, "deleted_at" TIMESTAMP WITH TIME ZONE, "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8578bd31b0e7f6d6c2480dbbca8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_folders_space" ON "folders" ("space_id")`);
    await queryRunner.query(
      `CREATE TABLE "lists" ("id" character varying(64) NOT NULL, "workspace_id" character varying(64) NOT NULL, "space_id" character varying(64) NOT NULL, "folder_id" character varying(64), "name" text NOT NULL, "orderindex" integer, "content" text, "archived" boolean NOT NULL DEFAULT false, "override_statuses" boolean NOT NULL DEFAULT false, "statuses" jsonb NOT NULL DEFAULT '[]', "statuses_source" text NOT NULL DEFAULT 'space', "statuses_source_id" character varying(64), "task_count" integer, "due_date" TIMESTAMP WITH TIME ZONE, "start_date" TIMESTAMP WITH TIME ZONE, "deleted_at" TIMESTAMP WITH TIME ZONE, "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_268b525e9a6dd04d0685cb2aaaa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_lists_folder" ON "lists" ("folder_id")`);
    await queryRunner.query(`CREATE INDEX "idx_lists_space" ON "lists" ("space_id")`);
    await queryRunner.query(
      `CREATE TABLE "members" ("workspace_id" character varying(64) NOT NULL, "user_id" bigint NOT NULL, "username" text, "email" text, "color" text, "initials" text, "profile_picture" text, "role" smallint, "role_key" text, "status" text NOT NULL DEFAULT 'active', "last_active" TIMESTAMP WITH TIME ZONE, "date_joined" TIMESTAMP WITH TIME ZONE, "removed_at" TIMESTAMP WITH TIME ZONE, "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e243256062ac11ae7dc94d698b7" PRIMARY KEY ("workspace_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_members_username" ON "members" ("workspace_id", "username")`);
    await queryRunner.query(
      `CREATE TABLE "projects" ("id" SERIAL NOT NULL, "workspace_id" character varying(64) NOT NULL, "alias" text NOT NULL, "alias_key" text NOT NULL, "target_type" text NOT NULL, "target_id" character varying(64) NOT NULL, "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6271df0a7aed1d6c0691ce6ac50" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_projects_alias_key" ON "projects" ("workspace_id", "alias_key")`);
    await queryRunner.query(
      `CREATE TABLE "spaces" ("id" character varying(64) NOT NULL, "workspace_id" character varying(64) NOT NULL, "name" text NOT NULL, "color" text, "private" boolean NOT NULL DEFAULT false, "archived" boolean NOT NULL DEFAULT false, "multiple_assignees" boolean NOT NULL DEFAULT true, "statuses" jsonb NOT NULL DEFAULT '[]', "features" jsonb NOT NULL DEFAULT '{}', "deleted_at" TIMESTAMP WITH TIME ZONE, "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_dbe542974aca57afcb60709d4c8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_spaces_workspace" ON "spaces" ("workspace_id")`);
    await queryRunner.query(
      `CREATE TABLE "sync_cursors" ("workspace_id" character varying(64) NOT NULL, "entity" text NOT NULL, "value" bigint, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_565ec306ef6e7831ae21d85a99a" PRIMARY KEY ("workspace_id", "entity"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "sync_runs" ("id" SERIAL NOT NULL, "workspace_id" character varying(64), "kind" text NOT NULL, "trigger" text NOT NULL, "status" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "counts" jsonb NOT NULL DEFAULT '{}', "requests" integer NOT NULL DEFAULT '0', "rate_limited" integer NOT NULL DEFAULT '0', "retries" integer NOT NULL DEFAULT '0', "error" text, "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_adf13fff41a683b3b991fb90b11" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_sync_runs_status" ON "sync_runs" ("status")`);
    await queryRunner.query(`CREATE INDEX "idx_sync_runs_workspace_started" ON "sync_runs" ("workspace_id", "started_at")`);
    await queryRunner.query(
      `CREATE TABLE "task_snapshots" ("snapshot_date" date NOT NULL, "task_id" character varying(64) NOT NULL, "workspace_id" character varying(64) NOT NULL, "list_id" character varying(64) NOT NULL, "space_id" character varying(64) NOT NULL, "parent_id" character varying(64), "status" text NOT NULL, "status_type" text NOT NULL, "status_category" text NOT NULL, "assignee_ids" bigint array NOT NULL DEFAULT '{}', "time_estimate" bigint, "time_logged_ms" bigint NOT NULL DEFAULT '0', "due_date" TIMESTAMP WITH TIME ZONE, "archived" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_c99eede5ec6a59cea7782b5fb5e" PRIMARY KEY ("snapshot_date", "task_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_task_snapshots_workspace_date" ON "task_snapshots" ("workspace_id", "snapshot_date")`);
    await queryRunner.query(
      `CREATE TABLE "tasks" ("id" character varying(64) NOT NULL, "custom_id" text, "workspace_id" character varying(64) NOT NULL, "name" text NOT NULL, "text_content" text, "description" text, "status" text NOT NULL, "status_type" text NOT NULL, "status_category" text NOT NULL, "status_color" text, "priority" smallint, "parent_id" character varying(64), "top_level_parent_id" character varying(64), "list_id" character varying(64) NOT NULL, "folder_id" character varying(64), "space_id" character varying(64) NOT NULL, "creator_id" bigint, "date_created" TIMESTAMP WITH TIME ZONE NOT NULL, "date_updated" TIMESTAMP WITH TIME ZONE NOT NULL, "date_done" TIMESTAMP WITH TIME ZONE, "date_closed" TIMESTAMP WITH TIME ZONE, "due_date" TIMESTAMP WITH TIME ZONE, "start_date" TIMESTAMP WITH TIME ZONE, "time_estimate" bigint, "points" numeric, "tags" text array NOT NULL DEFAULT '{}', "custom_fields" jsonb NOT NULL DEFAULT '[]', "custom_item_id" integer, "archived" boolean NOT NULL DEFAULT false, "url" text, "deleted_at" TIMESTAMP WITH TIME ZONE, "raw" jsonb, "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8d12ff38fcc62aaba2cab748772" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_tasks_due_date" ON "tasks" ("due_date")`);
    await queryRunner.query(`CREATE INDEX "idx_tasks_custom_id" ON "tasks" ("custom_id")`);
    await queryRunner.query(`CREATE INDEX "idx_tasks_top_level_parent" ON "tasks" ("top_level_parent_id")`);
    await queryRunner.query(`CREATE INDEX "idx_tasks_parent" ON "tasks" ("parent_id")`);
    await queryRunner.query(`CREATE INDEX "idx_tasks_space" ON "tasks" ("space_id")`);
    await queryRunner.query(`CREATE INDEX "idx_tasks_folder" ON "tasks" ("folder_id")`);
    await queryRunner.query(`CREATE INDEX "idx_tasks_list" ON "tasks" ("list_id")`);
    await queryRunner.query(`CREATE INDEX "idx_tasks_workspace_updated" ON "tasks" ("workspace_id", "date_updated")`);
    await queryRunner.query(
      `CREATE TABLE "task_lists" ("task_id" character varying(64) NOT NULL, "list_id" character varying(64) NOT NULL, CONSTRAINT "PK_94afc5ad6e96eb1e0a802836de2" PRIMARY KEY ("task_id", "list_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_task_lists_list" ON "task_lists" ("list_id")`);
    await queryRunner.query(
      `CREATE TABLE "task_assignees" ("task_id" character varying(64) NOT NULL, "user_id" bigint NOT NULL, CONSTRAINT "PK_7ae8012667c1cc4ca8266002afc" PRIMARY KEY ("task_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_task_assignees_user" ON "task_assignees" ("user_id")`);
    await queryRunner.query(
      `CREATE TABLE "task_watchers" ("task_id" character varying(64) NOT NULL, "user_id" bigint NOT NULL, CONSTRAINT "PK_a9ea28114ca0842fe549b67e5d4" PRIMARY KEY ("task_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_task_watchers_user" ON "task_watchers" ("user_id")`);
    await queryRunner.query(
      `CREATE TABLE "task_dependencies" ("task_id" character varying(64) NOT NULL, "depends_on" character varying(64) NOT NULL, "type" smallint NOT NULL DEFAULT '1', CONSTRAINT "PK_26dedda08faccdb95aff99e112e" PRIMARY KEY ("task_id", "depends_on"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_task_dependencies_depends_on" ON "task_dependencies" ("depends_on")`);
    await queryRunner.query(
      `CREATE TABLE "time_entries" ("id" character varying(64) NOT NULL, "workspace_id" character varying(64) NOT NULL, "task_id" character varying(64), "user_id" bigint NOT NULL, "start_at" TIMESTAMP WITH TIME ZONE NOT NULL, "end_at" TIMESTAMP WITH TIME ZONE, "duration_ms" bigint, "running" boolean NOT NULL DEFAULT false, "billable" boolean NOT NULL DEFAULT false, "description" text, "tags" text array NOT NULL DEFAULT '{}', "source" text, "modified_at" TIMESTAMP WITH TIME ZONE, "list_id" character varying(64), "folder_id" character varying(64), "space_id" character varying(64), "deleted_at" TIMESTAMP WITH TIME ZONE, "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b8bc5f10269ba2fe88708904aa0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_time_entries_task" ON "time_entries" ("task_id")`);
    await queryRunner.query(`CREATE INDEX "idx_time_entries_user_start" ON "time_entries" ("user_id", "start_at")`);
    await queryRunner.query(`CREATE INDEX "idx_time_entries_workspace_start" ON "time_entries" ("workspace_id", "start_at")`);
    await queryRunner.query(
      `CREATE TABLE "workspaces" ("id" character varying(64) NOT NULL, "name" text NOT NULL, "color" text, "plan" text, "deleted_at" TIMESTAMP WITH TIME ZONE, "synced_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_098656ae401f3e1a4586f47fd8e" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "workspaces"`);
    await queryRunner.query(`DROP INDEX "public"."idx_time_entries_workspace_start"`);
    await queryRunner.query(`DROP INDEX "public"."idx_time_entries_user_start"`);
    await queryRunner.query(`DROP INDEX "public"."idx_time_entries_task"`);
    await queryRunner.query(`DROP TABLE "time_entries"`);
    await queryRunner.query(`DROP INDEX "public"."idx_task_dependencies_depends_on"`);
    await queryRunner.query(`DROP TABLE "task_dependencies"`);
    await queryRunner.query(`DROP INDEX "public"."idx_task_watchers_user"`);
    await queryRunner.query(`DROP TABLE "task_watchers"`);
    await queryRunner.query(`DROP INDEX "public"."idx_task_assignees_user"`);
    await queryRunner.query(`DROP TABLE "task_assignees"`);
    await queryRunner.query(`DROP INDEX "public"."idx_task_lists_list"`);
    await queryRunner.query(`DROP TABLE "task_lists"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tasks_workspace_updated"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tasks_list"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tasks_folder"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tasks_space"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tasks_parent"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tasks_top_level_parent"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tasks_custom_id"`);
    await queryRunner.query(`DROP INDEX "public"."idx_tasks_due_date"`);
    await queryRunner.query(`DROP TABLE "tasks"`);
    await queryRunner.query(`DROP INDEX "public"."idx_task_snapshots_workspace_date"`);
    await queryRunner.query(`DROP TABLE "task_snapshots"`);
    await queryRunner.query(`DROP INDEX "public"."idx_sync_runs_workspace_started"`);
    await queryRunner.query(`DROP INDEX "public"."idx_sync_runs_status"`);
    await queryRunner.query(`DROP TABLE "sync_runs"`);
    await queryRunner.query(`DROP TABLE "sync_cursors"`);
    await queryRunner.query(`DROP INDEX "public"."idx_spaces_workspace"`);
    await queryRunner.query(`DROP TABLE "spaces"`);
    await queryRunner.query(`DROP INDEX "public"."uq_projects_alias_key"`);
    await queryRunner.query(`DROP TABLE "projects"`);
    await queryRunner.query(`DROP INDEX "public"."idx_members_username"`);
    await queryRunner.query(`DROP TABLE "members"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lists_space"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lists_folder"`);
    await queryRunner.query(`DROP TABLE "lists"`);
    await queryRunner.query(`DROP INDEX "public"."idx_folders_space"`);
    await queryRunner.query(`DROP TABLE "folders"`);
    await queryRunner.query(`DROP TABLE "app_state"`);
  }
}
