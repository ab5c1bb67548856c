import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { num, numOrNull, Params, SCOPE_COLUMN, taskWhere } from './task-query.repository';
import { TaskFilter, TaskScopeKind } from './task-query.types';
import { LoggedTimeRow, OpenWorkRow } from './workload';

/** Workload reads (get_workload): open work per assignee and time logged per person. */
@Injectable()
export class TaskWorkloadRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Open work per assignee for the tasks matching `f` (the caller asks for unfinished ones):
   * task count and estimate split evenly among the task's assignees; `userId: null` is the
   * unassigned tasks. The grand-total row (GROUPING SETS) counts each task once.
   */
  async openWork(f: TaskFilter): Promise<{ rows: OpenWorkRow[]; total: { openTasks: number; openEstimateMs: number } }> {
    const p = new Params();
    const raw: Record<string, unknown>[] = await this.ds.query(
      `SELECT a.user_id, m.username, m.email, GROUPING(a.user_id) AS is_total,
              count(DISTINCT t.id)::int AS open_tasks,
              coalesce(sum(t.time_estimate::numeric / greatest(n.cnt, 1)), 0) AS open_estimate_ms
       FROM tasks t
       LEFT JOIN task_assignees a ON a.task_id = t.id
       LEFT JOIN members m ON m.workspace_id = t.workspace_id AND m.user_id = a.user_id
       CROSS JOIN LATERAL (SELECT count(*)::int AS cnt FROM task_assignees x WHERE x.task_id = t.id) n
       WHERE ${taskWhere(f, p)}
       GROUP BY GROUPING SETS ((a.user_id, m.username, m.email), ())`,
      p.values,
    );
    const total = raw.find((r) => Number(r.is_total) === 1);
    return {
      rows: raw.filter((r) => Number(r.is_total) !== 1).map((r) => ({
        userId: numOrNull(r.user_id), name: r.username as string | null, email: r.email as string | null,
        openTasks: num(r.open_tasks), openEstimateMs: num(r.open_estimate_ms),
      })),
      total: { openTasks: total ? num(total.open_tasks) : 0, openEstimateMs: total ? Math.round(num(total.open_estimate_ms)) : 0 },
    };
  }

  /**
   * Time logged per person in [from, to), clipped to the window (rule 3): an entry counts for
   * the part that overlaps it, a running timer up to `now`. Scope is the entry's task's home
   * location (the entry's own location when the task is unknown); entries on deleted tasks
   * are gone with their task.
   */
  async loggedTime(workspaceId: string, scope: { kind: TaskScopeKind; id: string } | null, fromMs: number, toMs: number, nowMs: number): Promise<LoggedTimeRow[]> {
    const p = new Params();
    const ws = p.add(workspaceId);
    const from = p.instant(fromMs);
    const to = p.instant(toMs);
    const end = `(CASE WHEN e.running THEN ${p.instant(nowMs)} ELSE coalesce(e.end_at, e.start_at + e.duration_ms * interval '1 millisecond') END)`;
    const scoped = scope ? `AND coalesce(t.${SCOPE_COLUMN[scope.kind]}, e.${SCOPE_COLUMN[scope.kind]}) = ${p.add(scope.id)}` : '';
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT e.user_id, m.username, m.email,
              sum(greatest(0, extract(epoch FROM (least(${end}, ${to}) - greatest(e.start_at, ${from}))) * 1000))::bigint AS logged_ms,
              bool_or(e.running) AS running
       FROM time_entries e
       LEFT JOIN tasks t ON t.id = e.task_id
       LEFT JOIN members m ON m.workspace_id = e.workspace_id AND m.user_id = e.user_id
       WHERE e.workspace_id = ${ws} AND e.deleted_at IS NULL AND (t.id IS NULL OR t.deleted_at IS NULL)
         AND e.start_at < ${to} AND ${end} > ${from} ${scoped}
       GROUP BY e.user_id, m.username, m.email`,
      p.values,
    );
    return rows.map((r) => ({ userId: num(r.user_id), name: r.username as string | null, email: r.email as string | null, loggedMs: num(r.logged_ms), running: Boolean(r.running) }));
  }
}
