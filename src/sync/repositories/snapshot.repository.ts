import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { countingDeleted, deletedCount, returnedRows } from './sql-result';
import { DataSource } from 'typeorm';
import { Params } from '../../analytics/tasks/task-query.repository';
import { timeFactsSql } from '../../analytics/time/time-facts.repository';
import { addDays, startOfLocalDay } from '../../common/time/zoned-date';

/**
 * Writes the per-day task history. Re-running a day replaces that day's rows (idempotent);
 * other days are never touched, so the history accumulates. The time logged that day per task
 * comes from the one time-facts query (clipped to the local day, running timers up to now).
 */
function snapshotSql(workspaceId: string, date: string, timeZone: string, nowMs: number): { sql: string; params: unknown[] } {
  const p = new Params();
  const ws = p.add(workspaceId);
  const day = p.add(date);
  const logged = timeFactsSql(
    {
      workspaceId,
      window: { from: startOfLocalDay(date, timeZone), to: startOfLocalDay(addDays(date, 1), timeZone) },
      now: nowMs,
      timeZone,
      groupBy: ['task'],
    },
    p,
  );
  const sql = `
WITH logged AS (${logged}),
assignees AS (
  SELECT a.task_id, array_agg(a.user_id ORDER BY a.user_id) AS ids
  FROM task_assignees a JOIN tasks t ON t.id = a.task_id AND t.workspace_id = ${ws}
  GROUP BY a.task_id
)
INSERT INTO task_snapshots (snapshot_date, task_id, workspace_id, list_id, space_id, parent_id, status, status_type,
  status_category, assignee_ids, time_estimate, time_logged_ms, due_date, archived, folder_id, date_updated)
SELECT ${day}::date, t.id, t.workspace_id, t.list_id, t.space_id, t.parent_id, t.status, t.status_type, t.status_category,
       coalesce(a.ids, '{}'), t.time_estimate, coalesce(l.ms, 0), t.due_date, t.archived, t.folder_id, t.date_updated
FROM tasks t
LEFT JOIN logged l ON l.task_id = t.id
LEFT JOIN assignees a ON a.task_id = t.id
WHERE t.workspace_id = ${ws} AND t.deleted_at IS NULL
ON CONFLICT (snapshot_date, task_id) DO UPDATE SET
  workspace_id = EXCLUDED.workspace_id, list_id = EXCLUDED.list_id, space_id = EXCLUDED.space_id,
  parent_id = EXCLUDED.parent_id, status = EXCLUDED.status, status_type = EXCLUDED.status_type,
  status_category = EXCLUDED.status_category, assignee_ids = EXCLUDED.assignee_ids,
  time_estimate = EXCLUDED.time_estimate, time_logged_ms = EXCLUDED.time_logged_ms, due_date = EXCLUDED.due_date,
  archived = EXCLUDED.archived, folder_id = EXCLUDED.folder_id, date_updated = EXCLUDED.date_updated
RETURNING 1`;
  return { sql, params: p.values };
}

@Injectable()
export class SnapshotRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Snapshots every live task of the workspace for `date` (local day in `timeZone`). */
  async snapshotDay(workspaceId: string, date: string, timeZone: string, nowMs: number): Promise<number> {
    return this.ds.transaction(async (em) => {
      // Tasks deleted since an earlier snapshot of the same day drop out of that day.
      await em.query(
        `DELETE FROM task_snapshots s WHERE s.snapshot_date = $2::date AND s.workspace_id = $1
           AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.id = s.task_id AND t.deleted_at IS NULL)`,
        [workspaceId, date],
      );
      const { sql, params } = snapshotSql(workspaceId, date, timeZone, nowMs);
      const rows = returnedRows(await em.query(sql, params));
      return rows.length;
    });
  }

  /** Deletes the workspace's snapshot days before `date` (a local day); returns the rows deleted. */
  async pruneBefore(workspaceId: string, date: string): Promise<number> {
    return deletedCount(
      await this.ds.query(countingDeleted(`DELETE FROM task_snapshots WHERE workspace_id = $1 AND snapshot_date < $2::date`), [workspaceId, date]),
    );
  }

  async workspaceIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(`SELECT id FROM workspaces WHERE deleted_at IS NULL ORDER BY id`);
    return rows.map((r) => r.id);
  }
}
