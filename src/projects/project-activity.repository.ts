import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StatusCategory } from '../common/status-category';
import { num, Params, taskWhere } from '../analytics/tasks/task-query.repository';
import { TaskFilter } from '../analytics/tasks/task-query.types';

export type CategoryCounts = Record<StatusCategory, number>;

const HOME_COLUMN = { space: 'home_space_id', folder: 'home_folder_id', list: 'home_list_id' } as const;

/** Task counts per status category and the last sign of life of a project. One query per method. */
@Injectable()
export class ProjectActivityRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Tasks of the set per status category (every category present, zero when empty). */
  async categoryCounts(f: TaskFilter): Promise<CategoryCounts> {
    const p = new Params();
    const rows: { category: StatusCategory; n: number }[] = await this.ds.query(
      `SELECT t.status_category AS category, count(*)::int AS n FROM tasks t WHERE ${taskWhere(f, p)} GROUP BY 1`,
      p.values,
    );
    const out: CategoryCounts = { not_started: 0, active: 0, done: 0, closed: 0 };
    for (const r of rows) out[r.category] = num(r.n);
    return out;
  }

  /**
   * The latest activity in a scope (epoch ms), or null: a task created or changed (any live task
   * there, archived ones too), or time logged on a task whose home is there — its end, or `now`
   * for a running timer.
   */
  async lastActivity(ws: string, scope: { kind: 'space' | 'folder' | 'list'; id: string }, nowMs: number): Promise<number | null> {
    const p = new Params();
    const tasks = taskWhere({ workspaceId: ws, scope, includeArchived: true, includeClosed: true, includeSubtasks: true }, p);
    const now = p.instant(nowMs);
    const [r] = await this.ds.query(
      `SELECT (extract(epoch FROM greatest(
         (SELECT max(t.date_updated) FROM tasks t WHERE ${tasks}),
         (SELECT max(CASE WHEN e.running THEN ${now} ELSE coalesce(e.end_at, e.start_at) END) FROM time_entries e
          WHERE e.workspace_id = ${p.add(ws)} AND e.deleted_at IS NULL AND e.task_live AND e.${HOME_COLUMN[scope.kind]} = ${p.add(scope.id)})
       )) * 1000)::bigint AS at`,
      p.values,
    );
    return r?.at === null || r?.at === undefined ? null : Number(r.at);
  }

  /**
   * The same per home list, for the whole workspace in one pass (dashboards over many projects:
   * a project's last activity is the latest of its lists').
   */
  async lastActivityByList(ws: string, nowMs: number): Promise<Map<string, number>> {
    const rows: { list_id: string; at: string }[] = await this.ds.query(
      `SELECT list_id, (extract(epoch FROM max(at)) * 1000)::bigint AS at FROM (
         SELECT t.list_id, max(t.date_updated) AS at FROM tasks t WHERE t.workspace_id = $1 AND t.deleted_at IS NULL GROUP BY t.list_id
         UNION ALL
         SELECT e.home_list_id, max(CASE WHEN e.running THEN $2::timestamptz ELSE coalesce(e.end_at, e.start_at) END) FROM time_entries e
         WHERE e.workspace_id = $1 AND e.deleted_at IS NULL AND e.task_live AND e.home_list_id IS NOT NULL GROUP BY e.home_list_id
       ) x WHERE at IS NOT NULL GROUP BY list_id`,
      [ws, new Date(nowMs).toISOString()],
    );
    return new Map(rows.map((r) => [r.list_id, Number(r.at)]));
  }
}
