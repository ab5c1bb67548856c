import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the read tools need to answer in milliseconds on 100,000 tasks and 1,000,000 time
 * entries (docs/benchmarks.md has the plans before and after):
 *
 * - `task_counts`: live and deleted tasks per list, status, archived flag and level, kept exact by
 *   statement-level triggers on `tasks` (any writer: sync, webhooks, write-through, any process).
 *   Every hierarchy count and the totals of plain task listings are sums over a few hundred rows
 *   instead of scans of the tasks table.
 * - `time_entry_counts`: live/deleted/running entries per workspace, the newest write and the
 *   longest entry (which bounds how far before a window an overlapping entry can start), kept by
 *   the same kind of trigger on `time_entries`.
 * - `tasks.assignee_ids`: the assignees as an array on the task row (task_assignees stays the
 *   relational copy).
 * - `open_work_counts`: open (unfinished, live) tasks per list, person (0: unassigned) and
 *   archived flag, with each task's estimate split evenly among its assignees, kept by a trigger
 *   on `tasks`: workload per person is a sum over these rows instead of spreading every open
 *   task over its assignees per call.
 * - `task_search`: the lowercased name and description of every live task with the columns a
 *   search filters and ranks on, kept by a trigger on `tasks`; with a trigram index when the
 *   server has pg_trgm (without it search is correct, only slower). Ranking thousands of hits
 *   reads this narrow table (16 MB) instead of the tasks heap (55 MB) and lowers no text per row.
 * - partial covering indexes for the hot shapes (open tasks, overdue, live and deleted tasks by
 *   id, custom ids case-insensitively, live entries by start and by task, running timers).
 */
export class ReadPaths1795380000000 implements MigrationInterface {
  name = 'ReadPaths1795380000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tasks" ADD "assignee_ids" bigint array NOT NULL DEFAULT '{}'`);
    await q.query(`UPDATE "tasks" t SET "assignee_ids" = a.ids
      FROM (SELECT task_id, array_agg(user_id ORDER BY user_id) AS ids FROM task_assignees GROUP BY task_id) a WHERE a.task_id = t.id`);

    await q.query(
      `CREATE TABLE "task_counts" ("workspace_id" character varying(64) NOT NULL, "list_id" character varying(64) NOT NULL, "status" text NOT NULL, "status_category" text NOT NULL, "archived" boolean NOT NULL, "top_level" boolean NOT NULL, "deleted" boolean NOT NULL, "n" integer NOT NULL DEFAULT 0, "last_synced_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_task_counts" PRIMARY KEY ("workspace_id", "list_id", "status", "status_category", "archived", "top_level", "deleted"))`,
    );
    await q.query(
      `CREATE TABLE "time_entry_counts" ("workspace_id" character varying(64) NOT NULL, "deleted" boolean NOT NULL, "running" boolean NOT NULL, "n" integer NOT NULL DEFAULT 0, "last_synced_at" TIMESTAMP WITH TIME ZONE, "max_span_ms" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_time_entry_counts" PRIMARY KEY ("workspace_id", "deleted", "running"))`,
    );

    // Net change per key of one statement, applied in key order (concurrent writers then lock
    // counter rows in the same order and cannot deadlock on them).
    await q.query(counterFunction('task_counts_apply', TASK_COUNTS));
    await q.query(counterFunction('time_entry_counts_apply', TIME_ENTRY_COUNTS));
    await q.query(`CREATE FUNCTION read_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_TABLE_NAME = 'tasks' THEN DELETE FROM task_counts; DELETE FROM task_search; DELETE FROM open_work_counts; ELSE DELETE FROM time_entry_counts; END IF;
        RETURN NULL;
      END $fn$`);
    for (const [table, fn] of [
      ['tasks', 'task_counts_apply'],
      ['time_entries', 'time_entry_counts_apply'],
    ]) {
      await q.query(
        `CREATE TRIGGER ${table}_counts_ins AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_counts_upd AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_counts_del AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
      await q.query(`CREATE TRIGGER ${table}_counts_trunc AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION read_counts_truncate()`);
    }
    await q.query(
      `CREATE TABLE "open_work_counts" ("workspace_id" character varying(64) NOT NULL, "list_id" character varying(64) NOT NULL, "user_id" bigint NOT NULL, "archived" boolean NOT NULL, "n" integer NOT NULL DEFAULT 0, "estimate_share_ms" numeric NOT NULL DEFAULT '0', CONSTRAINT "PK_open_work_counts" PRIMARY KEY ("workspace_id", "list_id", "user_id", "archived"))`,
    );
    await q.query(openWorkFunction());
    await q.query(
      `CREATE TRIGGER tasks_open_work_ins AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION open_work_apply()`,
    );
    await q.query(
      `CREATE TRIGGER tasks_open_work_upd AFTER UPDATE ON tasks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION open_work_apply()`,
    );
    await q.query(
      `CREATE TRIGGER tasks_open_work_del AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION open_work_apply()`,
    );
    await q.query(`INSERT INTO open_work_counts (workspace_id, list_id, user_id, archived, n, estimate_share_ms)
      SELECT workspace_id, list_id, user_id, archived, sum(d), sum(share) FROM (${openWorkRows('tasks', 1)}) x GROUP BY 1, 2, 3, 4`);
    await q.query(
      `CREATE TABLE "task_search" ("id" character varying(64) NOT NULL, "workspace_id" character varying(64) NOT NULL, "list_id" character varying(64) NOT NULL, "archived" boolean NOT NULL, "status_category" text NOT NULL, "top_level" boolean NOT NULL, "date_updated" TIMESTAMP WITH TIME ZONE NOT NULL, "name_l" text NOT NULL, "desc_l" text NOT NULL, CONSTRAINT "PK_task_search" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE FUNCTION task_search_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          DELETE FROM task_search s USING old_rows o WHERE s.id = o.id;
          RETURN NULL;
        END IF;
        DELETE FROM task_search s USING new_rows n WHERE s.id = n.id AND n.deleted_at IS NOT NULL;
        INSERT INTO task_search AS s (id, workspace_id, list_id, archived, status_category, top_level, date_updated, name_l, desc_l)
        SELECT ${SEARCH_ROW} FROM new_rows n WHERE n.deleted_at IS NULL ORDER BY n.id
        ON CONFLICT (id) DO UPDATE SET workspace_id = EXCLUDED.workspace_id, list_id = EXCLUDED.list_id, archived = EXCLUDED.archived,
          status_category = EXCLUDED.status_category, top_level = EXCLUDED.top_level, date_updated = EXCLUDED.date_updated,
          name_l = EXCLUDED.name_l, desc_l = EXCLUDED.desc_l
        WHERE (s.workspace_id, s.list_id, s.archived, s.status_category, s.top_level, s.date_updated, s.name_l, s.desc_l)
          IS DISTINCT FROM (EXCLUDED.workspace_id, EXCLUDED.list_id, EXCLUDED.archived, EXCLUDED.status_category, EXCLUDED.top_level,
                            EXCLUDED.date_updated, EXCLUDED.name_l, EXCLUDED.desc_l);
        RETURN NULL;
      END $fn$`);
    await q.query(
      `CREATE TRIGGER tasks_search_ins AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_search_apply()`,
    );
    await q.query(
      `CREATE TRIGGER tasks_search_upd AFTER UPDATE ON tasks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION task_search_apply()`,
    );
    await q.query(
      `CREATE TRIGGER tasks_search_del AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION task_search_apply()`,
    );
    await q.query(`INSERT INTO task_search (id, workspace_id, list_id, archived, status_category, top_level, date_updated, name_l, desc_l)
      SELECT ${SEARCH_ROW} FROM tasks n WHERE n.deleted_at IS NULL`);
    await q.query(`INSERT INTO task_counts (workspace_id, list_id, status, status_category, archived, top_level, deleted, n, last_synced_at)
      SELECT workspace_id, list_id, status, status_category, archived, parent_id IS NULL, deleted_at IS NOT NULL, count(*), max(synced_at)
      FROM tasks GROUP BY 1, 2, 3, 4, 5, 6, 7`);
    await q.query(`INSERT INTO time_entry_counts (workspace_id, deleted, running, n, last_synced_at, max_span_ms)
      SELECT workspace_id, deleted_at IS NOT NULL, running, count(*), max(synced_at),
             coalesce(max(greatest(coalesce(duration_ms, 0), coalesce(extract(epoch FROM (end_at - start_at)) * 1000, 0))), 0)::bigint
      FROM time_entries GROUP BY 1, 2, 3`);

    await q.query(
      `CREATE INDEX "idx_tasks_open" ON "tasks" ("workspace_id", "list_id") INCLUDE ("archived", "parent_id", "time_estimate", "assignee_ids") WHERE deleted_at IS NULL AND status_category NOT IN ('done', 'closed')`,
    );
    await q.query(`CREATE INDEX "idx_tasks_custom_id_upper" ON "tasks" ("workspace_id", upper(custom_id)) WHERE custom_id IS NOT NULL`);
    await q.query(
      `CREATE INDEX "idx_tasks_open_due" ON "tasks" ("workspace_id", "due_date") INCLUDE ("list_id", "archived", "parent_id") WHERE deleted_at IS NULL AND status_category NOT IN ('done', 'closed') AND due_date IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "idx_tasks_live_list" ON "tasks" ("id") INCLUDE ("list_id") WHERE deleted_at IS NULL`);
    await q.query(`CREATE INDEX "idx_tasks_deleted" ON "tasks" ("id") WHERE deleted_at IS NOT NULL`);
    await q.query(
      `CREATE INDEX "idx_time_entries_live_start" ON "time_entries" ("workspace_id", "start_at") INCLUDE ("user_id", "task_id", "list_id", "end_at", "duration_ms", "running") WHERE deleted_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX "idx_time_entries_live_task" ON "time_entries" ("task_id") INCLUDE ("duration_ms", "running", "start_at") WHERE deleted_at IS NULL`,
    );
    // Running timers: only live ones are ever read, so the earlier index (WHERE running) narrows.
    await q.query(`DROP INDEX "public"."idx_time_entries_running"`);
    await q.query(`CREATE INDEX "idx_time_entries_running" ON "time_entries" ("workspace_id") WHERE running AND deleted_at IS NULL`);
    // Every read of time entries by start asks for live ones: the partial index above replaces this
    // one (one index fewer to maintain while a sync writes a million entries). The plain task index
    // stays: the trigger that moves entries with their task updates deleted entries too.
    await q.query(`DROP INDEX "public"."idx_time_entries_workspace_start"`);
    await q.query(`CREATE INDEX "idx_sync_runs_finished" ON "sync_runs" ("finished_at")`);
    // Keyword search: trigram index when the server has pg_trgm (PostgreSQL contrib; PGlite loads it).
    await q.query(`DO $do$ BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
      EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'pg_trgm is not available (%): search_tasks works without its index, only slower', SQLERRM;
      END $do$`);
    await q.query(`DO $do$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
          EXECUTE $ix$CREATE INDEX "idx_task_search_doc" ON "task_search" USING gin ((name_l || ' ' || desc_l) gin_trgm_ops)$ix$;
        END IF;
      END $do$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "public"."idx_task_search_doc"`);
    for (const t of ['ins', 'upd', 'del']) await q.query(`DROP TRIGGER tasks_search_${t} ON tasks`);
    for (const t of ['ins', 'upd', 'del']) await q.query(`DROP TRIGGER tasks_open_work_${t} ON tasks`);
    await q.query(`DROP FUNCTION open_work_apply()`);
    await q.query(`DROP TABLE "open_work_counts"`);
    await q.query(`DROP FUNCTION task_search_apply()`);
    await q.query(`DROP TABLE "task_search"`);
    await q.query(`DROP INDEX "public"."idx_sync_runs_finished"`);
    await q.query(`CREATE INDEX "idx_time_entries_workspace_start" ON "time_entries" ("workspace_id", "start_at")`);
    await q.query(`DROP INDEX "public"."idx_time_entries_running"`);
    await q.query(`CREATE INDEX "idx_time_entries_running" ON "time_entries" ("workspace_id") WHERE running`);
    await q.query(`DROP INDEX "public"."idx_time_entries_live_task"`);
    await q.query(`DROP INDEX "public"."idx_time_entries_live_start"`);
    await q.query(`DROP INDEX "public"."idx_tasks_deleted"`);
    await q.query(`DROP INDEX "public"."idx_tasks_live_list"`);
    await q.query(`DROP INDEX "public"."idx_tasks_open_due"`);
    await q.query(`DROP INDEX "public"."idx_tasks_custom_id_upper"`);
    await q.query(`DROP INDEX "public"."idx_tasks_open"`);
    for (const table of ['tasks', 'time_entries']) {
      for (const t of ['ins', 'upd', 'del', 'trunc']) await q.query(`DROP TRIGGER ${table}_counts_${t} ON ${table}`);
    }
    await q.query(`DROP FUNCTION read_counts_truncate()`);
    await q.query(`DROP FUNCTION time_entry_counts_apply()`);
    await q.query(`DROP FUNCTION task_counts_apply()`);
    await q.query(`DROP TABLE "time_entry_counts"`);
    await q.query(`DROP TABLE "task_counts"`);
    await q.query(`ALTER TABLE "tasks" DROP COLUMN "assignee_ids"`);
  }
}

/**
 * The open-work rows of a set of tasks rows: one per assignee (user 0 when there is none), the
 * estimate split evenly (exact numeric), signed `d` (+1 new rows, -1 old rows).
 */
function openWorkRows(source: string, d: 1 | -1): string {
  return `SELECT r.workspace_id, r.list_id, coalesce(u.user_id, 0) AS user_id, r.archived, ${d} AS d,
      ${d} * coalesce(r.time_estimate, 0)::numeric / greatest(cardinality(r.assignee_ids), 1) AS share
    FROM ${source} r
    CROSS JOIN LATERAL unnest(CASE WHEN cardinality(r.assignee_ids) = 0 THEN ARRAY[NULL::bigint] ELSE r.assignee_ids END) AS u(user_id)
    WHERE r.deleted_at IS NULL AND r.status_category NOT IN ('done', 'closed')`;
}

/** Net change per (list, person, archived) of one statement, applied in key order (see counterFunction). */
function openWorkFunction(): string {
  const apply = (source: string) => `
    INSERT INTO open_work_counts AS c (workspace_id, list_id, user_id, archived, n, estimate_share_ms)
    SELECT workspace_id, list_id, user_id, archived, sum(d), sum(share) FROM (${source}) x
    GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0 OR sum(share) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (workspace_id, list_id, user_id, archived)
    DO UPDATE SET n = c.n + EXCLUDED.n, estimate_share_ms = c.estimate_share_ms + EXCLUDED.estimate_share_ms;`;
  return `CREATE FUNCTION open_work_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF TG_OP = 'INSERT' THEN ${apply(openWorkRows('new_rows', 1))}
      ELSIF TG_OP = 'UPDATE' THEN ${apply(`${openWorkRows('old_rows', -1)} UNION ALL ${openWorkRows('new_rows', 1)}`)}
      ELSE ${apply(openWorkRows('old_rows', -1))}
      END IF;
      RETURN NULL;
    END $fn$`;
}

/** A task_search row from a tasks row `n`: the text lowered once, on write. */
const SEARCH_ROW = `n.id, n.workspace_id, n.list_id, n.archived, n.status_category, n.parent_id IS NULL, n.date_updated,
  lower(n.name), lower(coalesce(n.text_content, '') || ' ' || coalesce(n.description, ''))`;

/** How one counter table is kept: its key columns and the expressions that give them for a changed row. */
interface CounterSpec {
  table: string;
  key: string[];
  keyOfRow: string[];
  /** The longest an entry spans (time_entry_counts only): bounds how early an entry overlapping a window can start. */
  spanOfRow?: string;
}

const TASK_COUNTS: CounterSpec = {
  table: 'task_counts',
  key: ['workspace_id', 'list_id', 'status', 'status_category', 'archived', 'top_level', 'deleted'],
  keyOfRow: ['workspace_id', 'list_id', 'status', 'status_category', 'archived', 'parent_id IS NULL', 'deleted_at IS NOT NULL'],
};

const TIME_ENTRY_COUNTS: CounterSpec = {
  table: 'time_entry_counts',
  key: ['workspace_id', 'deleted', 'running'],
  keyOfRow: ['workspace_id', 'deleted_at IS NOT NULL', 'running'],
  spanOfRow: 'greatest(coalesce(duration_ms, 0), coalesce(extract(epoch FROM (end_at - start_at)) * 1000, 0))::bigint',
};

/**
 * A statement-level trigger function: the net count change per key over every row the statement
 * touched (old rows -1, new rows +1) merged into the counter table, with the newest synced_at.
 * Each operation has its own statement: a transition table exists only where it is defined.
 */
function counterFunction(name: string, c: CounterSpec): string {
  const keys = c.key.join(', ');
  const positions = c.key.map((_, i) => i + 1).join(', ');
  const span = c.spanOfRow ? ', max_span_ms' : '';
  const apply = (source: string) => `
    INSERT INTO ${c.table} AS c (${keys}, n, last_synced_at${span})
    SELECT ${keys}, sum(d), max(synced_at)${c.spanOfRow ? ', coalesce(max(span_ms), 0)' : ''}
    FROM (${source}) x (${keys}, synced_at, span_ms, d)
    GROUP BY ${positions} HAVING sum(d) <> 0 OR max(synced_at) IS NOT NULL ORDER BY ${positions}
    ON CONFLICT (${keys}) DO UPDATE SET n = c.n + EXCLUDED.n, last_synced_at = greatest(c.last_synced_at, EXCLUDED.last_synced_at)${
      c.spanOfRow ? ', max_span_ms = greatest(c.max_span_ms, EXCLUDED.max_span_ms)' : ''
    };`;
  const key = c.keyOfRow.join(', ');
  const oldRows = `SELECT ${key}, NULL::timestamptz, NULL::bigint, -1 FROM old_rows`;
  const newRows = `SELECT ${key}, synced_at, ${c.spanOfRow ?? 'NULL::bigint'}, 1 FROM new_rows`;
  return `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF TG_OP = 'INSERT' THEN ${apply(newRows)}
      ELSIF TG_OP = 'UPDATE' THEN ${apply(`${oldRows} UNION ALL ${newRows}`)}
      ELSE ${apply(oldRows)}
      END IF;
      RETURN NULL;
    END $fn$`;
}
