import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { returnedRows } from './sql-result';
import { DataSource, EntityManager } from 'typeorm';
import { TaskBundle } from '../model/sync-rows';
import { BULK_ROWS, chunk, ms } from './sql-chunks';

/**
 * Writes tasks and their relational parts. Bulk statements pass one array per column through
 * unnest(), so a 2,000-row batch is one statement with ~30 parameters (fast on both engines).
 */
const TASK_COLUMNS = `id, custom_id, workspace_id, name, text_content, description, status, status_type,
  status_category, status_color, priority, parent_id, top_level_parent_id, list_id, folder_id, space_id,
  creator_id, date_created, date_updated, date_done, date_closed, due_date, start_date, time_estimate, points,
  tags, custom_fields, custom_item_id, archived, url, raw, assignee_ids`;

/** Every stored column but the bookkeeping ones (deleted_at, synced_at): what "changed" means. */
const CONTENT = TASK_COLUMNS.split(',')
  .map((c) => c.trim())
  .filter((c) => c !== 'id');
const row = (alias: string) => `(${CONTENT.map((c) => `${alias}.${c}`).join(', ')})`;

const UPSERT_TASKS = `
INSERT INTO tasks (${TASK_COLUMNS}, deleted_at, synced_at)
SELECT t.id, t.custom_id, t.workspace_id, t.name, t.text_content, t.description, t.status, t.status_type,
  t.status_category, t.status_color, t.priority, t.parent_id, t.top_level_parent_id, t.list_id, t.folder_id,
  t.space_id, t.creator_id, to_timestamp(t.date_created / 1000.0), to_timestamp(t.date_updated / 1000.0),
  to_timestamp(t.date_done / 1000.0), to_timestamp(t.date_closed / 1000.0), to_timestamp(t.due_date / 1000.0),
  to_timestamp(t.start_date / 1000.0), t.time_estimate, t.points,
  ARRAY(SELECT jsonb_array_elements_text(t.tags)), t.custom_fields, t.custom_item_id, t.archived, t.url, t.raw,
  ARRAY(SELECT jsonb_array_elements_text(t.assignee_ids)::bigint), NULL, now()
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
  $9::text[], $10::text[], $11::smallint[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[],
  $17::bigint[], $18::bigint[], $19::bigint[], $20::bigint[], $21::bigint[], $22::bigint[], $23::bigint[],
  $24::bigint[], $25::numeric[], $26::jsonb[], $27::jsonb[], $28::integer[], $29::boolean[], $30::text[], $31::jsonb[],
  $32::jsonb[])
  AS t(${TASK_COLUMNS})
ON CONFLICT (id) DO UPDATE SET
  custom_id = EXCLUDED.custom_id, workspace_id = EXCLUDED.workspace_id, name = EXCLUDED.name,
  text_content = EXCLUDED.text_content, description = EXCLUDED.description, status = EXCLUDED.status,
  status_type = EXCLUDED.status_type, status_category = EXCLUDED.status_category, status_color = EXCLUDED.status_color,
  priority = EXCLUDED.priority, parent_id = EXCLUDED.parent_id, top_level_parent_id = EXCLUDED.top_level_parent_id,
  list_id = EXCLUDED.list_id, folder_id = EXCLUDED.folder_id, space_id = EXCLUDED.space_id,
  creator_id = EXCLUDED.creator_id, date_created = EXCLUDED.date_created, date_updated = EXCLUDED.date_updated,
  date_done = EXCLUDED.date_done, date_closed = EXCLUDED.date_closed, due_date = EXCLUDED.due_date,
  start_date = EXCLUDED.start_date, time_estimate = EXCLUDED.time_estimate, points = EXCLUDED.points,
  tags = EXCLUDED.tags, custom_fields = EXCLUDED.custom_fields, custom_item_id = EXCLUDED.custom_item_id,
  archived = EXCLUDED.archived, url = EXCLUDED.url, raw = EXCLUDED.raw, assignee_ids = EXCLUDED.assignee_ids,
  deleted_at = NULL, synced_at = now()
-- A slow page must never overwrite a newer copy (e.g. one a webhook refreshed meanwhile), and a
-- task whose content did not change is not written at all (nor are its relations, below: the
-- payload in raw carries assignees, watchers, extra lists and dependencies, so they did not change either).
WHERE (tasks.date_updated <= EXCLUDED.date_updated OR tasks.deleted_at IS NOT NULL)
  AND (tasks.deleted_at IS NOT NULL OR ${row('tasks')} IS DISTINCT FROM ${row('EXCLUDED')})
RETURNING id`;

@Injectable()
export class TaskWriteRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Upserts tasks with assignees, watchers, extra lists and dependencies. Returns how many were
   * written: tasks identical to the stored copy are left alone (a no-change sync writes nothing).
   */
  async upsert(bundles: TaskBundle[]): Promise<number> {
    let written = 0;
    for (const part of chunk(dedupeById(bundles), BULK_ROWS)) {
      written += await this.ds.transaction((em) => this.upsertChunk(em, part));
    }
    return written;
  }

  private async upsertChunk(em: EntityManager, bundles: TaskBundle[]): Promise<number> {
    const t = bundles.map((b) => b.task);
    const rows: { id: string }[] = await em.query(UPSERT_TASKS, [
      t.map((x) => x.id),
      t.map((x) => x.customId),
      t.map((x) => x.workspaceId),
      t.map((x) => x.name),
      t.map((x) => x.textContent),
      t.map((x) => x.description),
      t.map((x) => x.status),
      t.map((x) => x.statusType),
      t.map((x) => x.statusCategory),
      t.map((x) => x.statusColor),
      t.map((x) => x.priority),
      t.map((x) => x.parentId),
      t.map((x) => x.topLevelParentId),
      t.map((x) => x.listId),
      t.map((x) => x.folderId),
      t.map((x) => x.spaceId),
      t.map((x) => x.creatorId),
      t.map((x) => ms(x.dateCreated)),
      t.map((x) => ms(x.dateUpdated)),
      t.map((x) => ms(x.dateDone)),
      t.map((x) => ms(x.dateClosed)),
      t.map((x) => ms(x.dueDate)),
      t.map((x) => ms(x.startDate)),
      t.map((x) => x.timeEstimate),
      t.map((x) => x.points),
      t.map((x) => JSON.stringify(x.tags)),
      t.map((x) => JSON.stringify(x.customFields)),
      t.map((x) => x.customItemId),
      t.map((x) => x.archived),
      t.map((x) => x.url),
      t.map((x) => (x.raw ? JSON.stringify(x.raw) : null)),
      bundles.map((b) => JSON.stringify(uniq(b.assigneeIds).sort((a, c) => a - c))),
    ]);
    const applied = new Set(rows.map((r) => r.id));
    const mine = bundles.filter((b) => applied.has(b.task.id));
    if (!mine.length) return 0;
    const ids = mine.map((b) => b.task.id);

    await em.query(`DELETE FROM task_assignees WHERE task_id = ANY($1::text[])`, [ids]);
    await em.query(`DELETE FROM task_watchers WHERE task_id = ANY($1::text[])`, [ids]);
    await em.query(`DELETE FROM task_lists WHERE task_id = ANY($1::text[])`, [ids]);
    await em.query(`DELETE FROM task_dependencies WHERE task_id = ANY($1::text[]) OR depends_on = ANY($1::text[])`, [ids]);

    await insertPairs(
      em,
      'task_assignees',
      'user_id',
      'bigint',
      mine.flatMap((b) => uniq(b.assigneeIds).map((u) => [b.task.id, u] as const)),
    );
    await insertPairs(
      em,
      'task_watchers',
      'user_id',
      'bigint',
      mine.flatMap((b) => uniq(b.watcherIds).map((u) => [b.task.id, u] as const)),
    );
    await insertPairs(
      em,
      'task_lists',
      'list_id',
      'text',
      mine.flatMap((b) =>
        uniq(b.extraListIds)
          .filter((l) => l !== b.task.listId)
          .map((l) => [b.task.id, l] as const),
      ),
    );
    const edges = new Map<string, { taskId: string; dependsOn: string; type: number }>();
    for (const b of mine) for (const d of b.dependencies) if (d.taskId !== d.dependsOn) edges.set(`${d.taskId}>${d.dependsOn}`, d);
    if (edges.size) {
      const e = [...edges.values()];
      await em.query(
        `INSERT INTO task_dependencies (task_id, depends_on, type)
         SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[]) ON CONFLICT (task_id, depends_on) DO UPDATE SET type = EXCLUDED.type`,
        [e.map((x) => x.taskId), e.map((x) => x.dependsOn), e.map((x) => x.type)],
      );
    }
    return mine.length;
  }

  /** Soft-deletes tasks ClickUp confirmed gone (reconcile, webhook). Returns how many changed. */
  async softDelete(workspaceId: string, ids: string[]): Promise<number> {
    let n = 0;
    for (const part of chunk(ids, 10_000)) {
      const rows = returnedRows(
        await this.ds.query(
          `UPDATE tasks SET deleted_at = now() WHERE workspace_id = $1 AND id = ANY($2::text[]) AND deleted_at IS NULL RETURNING id`,
          [workspaceId, part],
        ),
      );
      n += rows.length;
    }
    return n;
  }

  /** Ids of the tasks we hold as live, for the reconcile comparison. */
  async liveIds(workspaceId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(`SELECT id FROM tasks WHERE workspace_id = $1 AND deleted_at IS NULL`, [workspaceId]);
    return rows.map((r) => r.id);
  }

  /** Ids of the live tasks we hold in these home lists (a project refresh compares them with what ClickUp listed). */
  async liveIdsInLists(workspaceId: string, listIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM tasks WHERE workspace_id = $1 AND list_id = ANY($2::text[]) AND deleted_at IS NULL`,
      [workspaceId, listIds],
    );
    return rows.map((r) => r.id);
  }

  /** Newest date_updated we hold: a floor for the incremental cursor. */
  async maxDateUpdated(workspaceId: string): Promise<number | null> {
    const [row] = await this.ds.query<{ m: string | Date | null }[]>(`SELECT max(date_updated) AS m FROM tasks WHERE workspace_id = $1`, [
      workspaceId,
    ]);
    return row?.m ? new Date(row.m).getTime() : null;
  }
}

async function insertPairs(
  em: EntityManager,
  table: string,
  column: string,
  type: 'bigint' | 'text',
  pairs: (readonly [string, string | number])[],
): Promise<void> {
  for (const part of chunk(pairs, 20_000)) {
    await em.query(`INSERT INTO ${table} (task_id, ${column}) SELECT * FROM unnest($1::text[], $2::${type}[]) ON CONFLICT DO NOTHING`, [
      part.map((p) => p[0]),
      part.map((p) => p[1]),
    ]);
  }
}

const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];

/** The same task can appear twice in one read (a page boundary shifting under updates): keep the newest. */
function dedupeById(bundles: TaskBundle[]): TaskBundle[] {
  const byId = new Map<string, TaskBundle>();
  for (const b of bundles) {
    const prev = byId.get(b.task.id);
    if (!prev || prev.task.dateUpdated.getTime() <= b.task.dateUpdated.getTime()) byId.set(b.task.id, b);
  }
  return [...byId.values()];
}
