import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { returnedRows } from './sql-result';
import { DataSource } from 'typeorm';
import { TimeEntryRow } from '../model/sync-rows';
import { BULK_ROWS, chunk, ms } from './sql-chunks';

const COLUMNS = `id, workspace_id, task_id, user_id, start_at, end_at, duration_ms, running, billable, description,
  tags, source, modified_at, list_id, folder_id, space_id`;

/** Every stored column but the bookkeeping ones: what "changed" means. */
const row = (alias: string) =>
  `(${COLUMNS.split(',')
    .map((c) => c.trim())
    .filter((c) => c !== 'id')
    .map((c) => `${alias}.${c}`)
    .join(', ')})`;

const UPSERT = `
INSERT INTO time_entries (${COLUMNS}, deleted_at, synced_at)
SELECT e.id, e.workspace_id, e.task_id, e.user_id, to_timestamp(e.start_at / 1000.0), to_timestamp(e.end_at / 1000.0),
  e.duration_ms, e.running, e.billable, e.description, ARRAY(SELECT jsonb_array_elements_text(e.tags)), e.source,
  to_timestamp(e.modified_at / 1000.0), e.list_id, e.folder_id, e.space_id, NULL, now()
FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::boolean[],
  $9::boolean[], $10::text[], $11::jsonb[], $12::text[], $13::bigint[], $14::text[], $15::text[], $16::text[])
  AS e(${COLUMNS})
ON CONFLICT (id) DO UPDATE SET
  workspace_id = EXCLUDED.workspace_id, task_id = EXCLUDED.task_id, user_id = EXCLUDED.user_id,
  start_at = EXCLUDED.start_at, end_at = EXCLUDED.end_at, duration_ms = EXCLUDED.duration_ms,
  running = EXCLUDED.running, billable = EXCLUDED.billable, description = EXCLUDED.description, tags = EXCLUDED.tags,
  source = EXCLUDED.source, modified_at = EXCLUDED.modified_at, list_id = EXCLUDED.list_id,
  folder_id = EXCLUDED.folder_id, space_id = EXCLUDED.space_id, deleted_at = NULL, synced_at = now()
-- Only entries that changed: an incremental run re-reads ~40,000 recent entries of a large
-- workspace, nearly all of them as they were.
WHERE time_entries.deleted_at IS NOT NULL OR ${row('time_entries')} IS DISTINCT FROM ${row('EXCLUDED')}
RETURNING id`;

@Injectable()
export class TimeEntryWriteRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Inserts new and updates changed entries; returns how many rows were written. */
  async upsert(entries: TimeEntryRow[]): Promise<number> {
    let n = 0;
    for (const e of chunk(entries, BULK_ROWS)) {
      const written = await this.ds.query(UPSERT, [
        e.map((x) => x.id),
        e.map((x) => x.workspaceId),
        e.map((x) => x.taskId),
        e.map((x) => x.userId),
        e.map((x) => ms(x.startAt)),
        e.map((x) => ms(x.endAt)),
        e.map((x) => x.durationMs),
        e.map((x) => x.running),
        e.map((x) => x.billable),
        e.map((x) => x.description),
        e.map((x) => JSON.stringify(x.tags)),
        e.map((x) => x.source),
        e.map((x) => ms(x.modifiedAt)),
        e.map((x) => x.listId),
        e.map((x) => x.folderId),
        e.map((x) => x.spaceId),
      ]);
      n += returnedRows(written).length;
    }
    return n;
  }

  /**
   * After a COMPLETE read of [fromMs, toMs) for these users, entries we hold in that window
   * that ClickUp did not return are gone. Only ever called after a successful read.
   */
  async markVanished(workspaceId: string, fromMs: number, toMs: number, userIds: number[], seenIds: string[]): Promise<number> {
    const rows = returnedRows(
      await this.ds.query(
        `UPDATE time_entries SET deleted_at = now()
       WHERE workspace_id = $1 AND deleted_at IS NULL
         AND start_at >= to_timestamp($2 / 1000.0) AND start_at < to_timestamp($3 / 1000.0)
         AND user_id = ANY($4::bigint[]) AND NOT (id = ANY($5::text[]))
       RETURNING id`,
        [workspaceId, fromMs, toMs, userIds, seenIds],
      ),
    );
    return rows.length;
  }

  /**
   * After a COMPLETE read of one list's window (ClickUp's list_id filter: entries on tasks whose
   * home is the list): the ones we hold there that ClickUp no longer returns are gone.
   */
  async markVanishedInList(workspaceId: string, listId: string, fromMs: number, toMs: number, userIds: number[], seenIds: string[]): Promise<number> {
    const rows = returnedRows(
      await this.ds.query(
        `UPDATE time_entries SET deleted_at = now()
       WHERE workspace_id = $1 AND home_list_id = $2 AND deleted_at IS NULL
         AND start_at >= to_timestamp($3 / 1000.0) AND start_at < to_timestamp($4 / 1000.0)
         AND user_id = ANY($5::bigint[]) AND NOT (id = ANY($6::text[]))
       RETURNING id`,
        [workspaceId, listId, fromMs, toMs, userIds, seenIds],
      ),
    );
    return rows.length;
  }

  /** After a COMPLETE read of one task's entries: the ones we hold that ClickUp no longer returns are gone. */
  async markVanishedForTask(workspaceId: string, taskId: string, fromMs: number, seenIds: string[]): Promise<number> {
    const rows = returnedRows(
      await this.ds.query(
        `UPDATE time_entries SET deleted_at = now()
       WHERE workspace_id = $1 AND task_id = $2 AND deleted_at IS NULL AND start_at >= to_timestamp($3 / 1000.0)
         AND NOT (id = ANY($4::text[]))
       RETURNING id`,
        [workspaceId, taskId, fromMs, seenIds],
      ),
    );
    return rows.length;
  }

  /**
   * The oldest moment the workspace has shown activity: its oldest task's creation or its oldest
   * time entry's start (ms), or null when we hold neither. Where a full sync's time windows begin.
   */
  async oldestActivity(workspaceId: string): Promise<number | null> {
    const [r] = await this.ds.query(
      `SELECT (extract(epoch FROM least(
         (SELECT min(date_created) FROM tasks WHERE workspace_id = $1),
         (SELECT min(start_at) FROM time_entries WHERE workspace_id = $1)
       )) * 1000)::bigint AS oldest`,
      [workspaceId],
    );
    return r?.oldest == null ? null : Number(r.oldest);
  }

  /** Live entries we hold that start in [fromMs, toMs): sizes the request windows of a range. */
  async countLive(workspaceId: string, fromMs: number, toMs: number): Promise<number> {
    const [r] = await this.ds.query(
      `SELECT count(*)::int AS n FROM time_entries
       WHERE workspace_id = $1 AND deleted_at IS NULL AND start_at >= to_timestamp($2 / 1000.0) AND start_at < to_timestamp($3 / 1000.0)`,
      [workspaceId, fromMs, toMs],
    );
    return Number(r?.n ?? 0);
  }

  /**
   * Entries of tasks ClickUp confirmed deleted (a taskDeleted webhook or a 404): ClickUp deletes
   * a task's time entries with it. Should ClickUp still list any of them, the next window read
   * (incremental trailing window, reconcile) upserts them back to live.
   */
  async softDeleteForTasks(workspaceId: string, taskIds: string[]): Promise<number> {
    const rows = returnedRows(
      await this.ds.query(
        `UPDATE time_entries SET deleted_at = now() WHERE workspace_id = $1 AND task_id = ANY($2::text[]) AND deleted_at IS NULL RETURNING id`,
        [workspaceId, taskIds],
      ),
    );
    return rows.length;
  }

  async softDelete(workspaceId: string, ids: string[]): Promise<number> {
    const rows = returnedRows(
      await this.ds.query(
        `UPDATE time_entries SET deleted_at = now() WHERE workspace_id = $1 AND id = ANY($2::text[]) AND deleted_at IS NULL RETURNING id`,
        [workspaceId, ids],
      ),
    );
    return rows.length;
  }
}
