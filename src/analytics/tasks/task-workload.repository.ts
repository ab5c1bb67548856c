import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { num, numOrNull, Params, taskWhere } from './task-query.repository';
import { TaskFilter } from './task-query.types';
import { OpenWorkRow } from './workload';

/** The filter open_work_counts answers: open tasks, subtasks included, archived ones left out, by home list only. */
function fromCounters(f: TaskFilter): boolean {
  return (
    !f.includeClosed &&
    f.includeSubtasks &&
    !f.includeArchived &&
    !f.categories?.length &&
    !f.statuses?.length &&
    f.assigneeId === undefined &&
    f.dueFrom === undefined &&
    f.dueTo === undefined &&
    f.updatedFrom === undefined &&
    f.updatedTo === undefined &&
    f.finishedFrom === undefined &&
    f.overdueAt === undefined &&
    !f.search &&
    !f.scope &&
    f.finishedTo === undefined &&
    f.createdFrom === undefined &&
    !f.ids &&
    f.hasEstimate === undefined &&
    f.hasAssignee === undefined
  );
}

/** Workload reads (get_workload): open work per assignee (time logged comes from the time facts). Plans: docs/benchmarks.md. */
@Injectable()
export class TaskWorkloadRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * Open work per assignee for the tasks matching `f` (the caller asks for unfinished ones):
   * task count and estimate split evenly among the task's assignees to the millisecond (the
   * first `estimate mod n` assignees by id get one ms more); `userId: null` is the unassigned
   * tasks. get_workload's filter is answered from the trigger-kept counters; any other by one
   * index-only pass over idx_tasks_open, tasks grouped by their assignee set and remainder (a few
   * thousand groups for 50,000 tasks) before the groups are spread over people.
   */
  async openWork(f: TaskFilter): Promise<{ rows: OpenWorkRow[]; total: { openTasks: number; openEstimateMs: number } }> {
    if (fromCounters(f)) return this.openWorkFromCounters(f);
    const p = new Params();
    const raw: Record<string, unknown>[] = await this.ds.query(
      `WITH g AS (
         SELECT t.assignee_ids, coalesce(t.time_estimate, 0) % greatest(cardinality(t.assignee_ids), 1) AS rem, count(*) AS n,
                sum(coalesce(t.time_estimate, 0) / greatest(cardinality(t.assignee_ids), 1)) AS base, sum(t.time_estimate) AS est
         FROM tasks t WHERE ${taskWhere(f, p)} GROUP BY 1, 2
       ), per AS (
         SELECT u.user_id, sum(g.n) AS n, sum(g.base + CASE WHEN u.ord <= g.rem THEN g.n ELSE 0 END) AS share
         FROM g CROSS JOIN LATERAL unnest(
           CASE WHEN cardinality(g.assignee_ids) = 0 THEN ARRAY[NULL::bigint] ELSE ARRAY(SELECT x FROM unnest(g.assignee_ids) x ORDER BY x) END
         ) WITH ORDINALITY AS u(user_id, ord)
         GROUP BY u.user_id
       )
       SELECT per.user_id, m.username, m.email, sum(per.n)::int AS open_tasks, coalesce(sum(per.share), 0) AS open_estimate_ms,
              (SELECT coalesce(sum(n), 0) FROM g)::int AS total_tasks, (SELECT coalesce(sum(est), 0) FROM g)::bigint AS total_estimate
       FROM per LEFT JOIN members m ON m.workspace_id = ${p.add(f.workspaceId)} AND m.user_id = per.user_id
       GROUP BY per.user_id, m.username, m.email`,
      p.values,
    );
    return openWorkOf(raw);
  }

  /**
   * The same from the trigger-kept counters: per person from open_work_people (a few hundred
   * rows, the whole workspace) less the excluded lists' rows of open_work_counts, or, for some
   * lists, their open_work_counts rows (one per list, person and archived flag); the distinct
   * open tasks from task_counts.
   */
  private async openWorkFromCounters(f: TaskFilter): Promise<{ rows: OpenWorkRow[]; total: { openTasks: number; openEstimateMs: number } }> {
    const p = new Params();
    const ws = p.add(f.workspaceId);
    const lists = f.listIds ? p.add(f.listIds) : null;
    const excluded = f.excludeListIds?.length ? p.add(f.excludeListIds) : null;
    /** The list filter on a list_id column, as ` AND …` conditions. */
    const inLists = (column: string) =>
      [...(lists ? [`${column} = ANY(${lists}::text[])`] : []), ...(excluded ? [`NOT (${column} = ANY(${excluded}::text[]))`] : [])]
        .map((c) => ` AND ${c}`)
        .join('');
    const shares = lists
      ? `SELECT w.user_id, w.n, w.estimate_share_ms AS share FROM open_work_counts w
         WHERE w.workspace_id = ${ws} AND NOT w.archived${inLists('w.list_id')}`
      : `SELECT o.user_id, o.n, o.estimate_share_ms AS share FROM open_work_people o WHERE o.workspace_id = ${ws} AND NOT o.archived${
          excluded
            ? `
         UNION ALL
         SELECT w.user_id, -w.n, -w.estimate_share_ms FROM open_work_counts w
         WHERE w.workspace_id = ${ws} AND NOT w.archived AND w.list_id = ANY(${excluded}::text[])`
            : ''
        }`;
    const raw: Record<string, unknown>[] = await this.ds.query(
      `WITH per AS (
         SELECT x.user_id, sum(x.n)::int AS n, sum(x.share) AS share FROM (${shares}) x
         GROUP BY x.user_id HAVING sum(x.n) > 0
       )
       SELECT nullif(per.user_id, 0) AS user_id, m.username, m.email, per.n AS open_tasks, per.share AS open_estimate_ms,
              (SELECT coalesce(sum(share), 0) FROM per) AS total_estimate,
              (SELECT coalesce(sum(c.n), 0) FROM task_counts c WHERE c.workspace_id = ${ws} AND NOT c.deleted AND NOT c.archived
                 AND c.status_category NOT IN ('done', 'closed')${inLists('c.list_id')})::int AS total_tasks
       FROM per LEFT JOIN members m ON m.workspace_id = ${ws} AND m.user_id = per.user_id`,
      p.values,
    );
    return openWorkOf(raw);
  }
}

/** Rows of either open-work query: one per person (null: unassigned), each row also carrying the set's totals. */
function openWorkOf(raw: Record<string, unknown>[]): { rows: OpenWorkRow[]; total: { openTasks: number; openEstimateMs: number } } {
  return {
    rows: raw.map((r) => ({
      userId: numOrNull(r.user_id),
      name: r.username as string | null,
      email: r.email as string | null,
      openTasks: num(r.open_tasks),
      openEstimateMs: num(r.open_estimate_ms),
    })),
    total: { openTasks: raw.length ? num(raw[0].total_tasks) : 0, openEstimateMs: raw.length ? num(raw[0].total_estimate) : 0 },
  };
}
