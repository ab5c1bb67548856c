import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StatusCategory } from '../common/status-category';
import { ARCHIVED_BELOW, num, numOrNull, Params, taskWhere } from '../analytics/tasks/task-query.repository';
import { TaskFilter } from '../analytics/tasks/task-query.types';
import { HealthInputs } from './formulas/health';

const FINISHED = `t.status_category IN ('done', 'closed')`;
const DAY_MS = 86_400_000;

export interface StuckRow {
  id: string;
  customId: string | null;
  name: string;
  status: string;
  category: StatusCategory;
  listName: string;
  dateUpdated: number;
  dueDate: number | null;
  assignees: string[];
  /** Unfinished tasks it waits on. */
  waitingOn: { id: string; name: string; status: string }[];
}

export interface StuckCandidate {
  id: string;
  status: string;
  dateUpdated: number;
  waitingOnUnfinished: boolean;
}

/** Open tasks alike for the stuck rule: same status, dependency state and staleness; `dateUpdated` is one of theirs. */
export interface StuckGroup {
  status: string;
  dateUpdated: number;
  waitingOnUnfinished: boolean;
  tasks: number;
}

export interface HistoryPoint {
  date: string;
  inputs: HealthInputs;
  topLevelFinished: number;
}

export interface CompletionPoint {
  /** The instant counted up to (exclusive). */
  at: number;
  total: number;
  finished: number;
  topLevel: number;
  topLevelFinished: number;
}

export interface WorkloadHistoryRow {
  date: string;
  userId: number | null;
  tasks: number;
  estimateMs: number;
}

/** Where a project's snapshots are: by space, folder or list as recorded in the snapshot row. */
export interface SnapshotScope {
  kind: 'workspace' | 'space' | 'folder' | 'list';
  id: string;
}

/**
 * A snapshot row is in a project when its list is (the list's folder as it is now, so rows
 * written before snapshots recorded folders count too), and not archived itself or in a
 * container archived below the project (Reporting rule 4, with containers as they are now).
 */
function snapshotScope(scope: SnapshotScope, p: Params): string {
  const c: string[] = ['NOT s.archived'];
  if (scope.kind === 'space') c.push(`s.space_id = ${p.add(scope.id)}`);
  if (scope.kind === 'list') c.push(`s.list_id = ${p.add(scope.id)}`);
  if (scope.kind === 'folder') c.push(`s.list_id IN (SELECT fl.id FROM lists fl WHERE fl.folder_id = ${p.add(scope.id)})`);
  const containers = ARCHIVED_BELOW[scope.kind];
  if (containers) {
    c.push(`NOT EXISTS (SELECT 1 FROM lists al LEFT JOIN folders af ON af.id = al.folder_id LEFT JOIN spaces asp ON asp.id = al.space_id
      WHERE al.id = s.list_id AND (${containers}))`);
  }
  return c.join(' AND ');
}
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/**
 * Project-level reads for the intelligence toolset: health inputs (now and per snapshot day),
 * stuck tasks, weekly throughput and completion from finish dates, workload history. One query
 * per method; task sets use the same filter as every report (taskWhere).
 */
@Injectable()
export class ProjectFactsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The health formula's counts for a task set at `now`. */
  async healthInputs(f: TaskFilter, nowMs: number, staleDays: number): Promise<HealthInputs> {
    const p = new Params();
    const where = taskWhere(f, p);
    const now = p.instant(nowMs);
    const stale = p.instant(nowMs - staleDays * DAY_MS);
    const [r] = await this.ds.query<Record<string, unknown>[]>(
      `SELECT count(*)::int AS all_tasks,
              count(*) FILTER (WHERE ${FINISHED})::int AS finished,
              count(*) FILTER (WHERE NOT ${FINISHED})::int AS active,
              count(*) FILTER (WHERE NOT ${FINISHED} AND t.due_date < ${now})::int AS overdue_active,
              count(*) FILTER (WHERE NOT ${FINISHED} AND t.date_updated < ${stale})::int AS stale_active,
              count(*) FILTER (WHERE NOT ${FINISHED} AND EXISTS (SELECT 1 FROM task_assignees a WHERE a.task_id = t.id))::int AS assigned_active,
              count(*) FILTER (WHERE t.parent_id IS NULL)::int AS top_level,
              count(*) FILTER (WHERE t.parent_id IS NULL AND t.time_estimate > 0)::int AS top_level_estimated
       FROM tasks t WHERE ${where}`,
      p.values,
    );
    return inputsOf(r);
  }

  /**
   * The same counts from the daily snapshots of `dates`, each as of the end of its day (`ends`
   * are the instants those days end). Freshness is null for days whose rows predate update times.
   */
  async healthHistory(ws: string, scope: SnapshotScope, dates: string[], ends: number[], staleDays: number): Promise<HistoryPoint[]> {
    if (!dates.length) return [];
    const p = new Params();
    const scoped = snapshotScope(scope, p);
    const rows: Record<string, unknown>[] = await this.ds.query(
      `WITH days AS (SELECT d::date AS day, e AS day_end FROM unnest(${p.add(dates)}::text[], ${p.add(ends.map((x) => new Date(x).toISOString()))}::timestamptz[]) AS x(d, e))
       SELECT days.day::text AS date,
              count(*)::int AS all_tasks,
              count(*) FILTER (WHERE s.status_category IN ('done', 'closed'))::int AS finished,
              count(*) FILTER (WHERE s.status_category NOT IN ('done', 'closed'))::int AS active,
              count(*) FILTER (WHERE s.status_category NOT IN ('done', 'closed') AND s.due_date < days.day_end)::int AS overdue_active,
              CASE WHEN bool_or(s.date_updated IS NULL AND s.status_category NOT IN ('done', 'closed')) THEN NULL
                   ELSE count(*) FILTER (WHERE s.status_category NOT IN ('done', 'closed') AND s.date_updated < days.day_end - ${p.add(staleDays)} * interval '1 day') END::int AS stale_active,
              count(*) FILTER (WHERE s.status_category NOT IN ('done', 'closed') AND cardinality(s.assignee_ids) > 0)::int AS assigned_active,
              count(*) FILTER (WHERE s.parent_id IS NULL)::int AS top_level,
              count(*) FILTER (WHERE s.parent_id IS NULL AND s.time_estimate > 0)::int AS top_level_estimated,
              count(*) FILTER (WHERE s.parent_id IS NULL AND s.status_category IN ('done', 'closed'))::int AS top_level_finished
       FROM days JOIN task_snapshots s ON s.snapshot_date = days.day AND s.workspace_id = ${p.add(ws)} AND ${scoped}
       GROUP BY days.day ORDER BY days.day`,
      p.values,
    );
    return rows.map((r) => ({ date: r.date as string, inputs: inputsOf(r), topLevelFinished: num(r.top_level_finished) }));
  }

  /** Snapshot days (YYYY-MM-DD) that exist for the workspace among `dates`. */
  async snapshotDays(ws: string, dates: string[]): Promise<Set<string>> {
    if (!dates.length) return new Set();
    const rows: { d: string }[] = await this.ds.query(
      `SELECT DISTINCT snapshot_date::text AS d FROM task_snapshots WHERE workspace_id = $1 AND snapshot_date = ANY($2::date[])`,
      [ws, dates],
    );
    return new Set(rows.map((r) => r.d));
  }

  /**
   * Every open task of the set judged in one read, without shipping 18k rows to be judged in JS:
   * the tasks grouped by what the stuck rule (formulas/blocked) looks at — status, waiting on an
   * unfinished task, stale (last update before `staleBeforeMs`) — with each group's size and one
   * update time, plus the first `limit` of each group by last update (every tie with the last
   * included). All of a group gets the same reasons, so the service judges groups for the totals
   * and ranks the candidates with its own comparator: the same answer as judging every task.
   */
  async stuckGroups(f: TaskFilter, staleBeforeMs: number, limit: number): Promise<{ groups: StuckGroup[]; candidates: StuckCandidate[] }> {
    const p = new Params();
    const where = taskWhere({ ...f, includeClosed: false }, p);
    // OFFSET 0 keeps the dependency target a per-dependency primary-key probe (3k probes) rather
    // than a hash join over a scan of every task (100k rows).
    const rows: Record<string, unknown>[] = await this.ds.query(
      `WITH w AS (
         SELECT DISTINCT d.task_id FROM task_dependencies d
         JOIN LATERAL (SELECT o.status_category FROM tasks o WHERE o.id = d.depends_on AND o.deleted_at IS NULL OFFSET 0) o
           ON o.status_category NOT IN ('done', 'closed')
       ), ts AS (
         SELECT t.id, t.status, t.date_updated, t.id IN (SELECT w.task_id FROM w) AS waiting, t.date_updated < ${p.instant(staleBeforeMs)} AS stale
         FROM tasks t WHERE ${where}
       )
       SELECT 'group' AS kind, NULL AS id, ts.status, ts.waiting, ts.stale, max(ts.date_updated) AS date_updated, count(*)::int AS n
       FROM ts GROUP BY ts.status, ts.waiting, ts.stale
       UNION ALL
       SELECT 'task', x.id, x.status, x.waiting, x.stale, x.date_updated, NULL FROM (
         SELECT ts.*, rank() OVER (PARTITION BY ts.status, ts.waiting, ts.stale ORDER BY date_trunc('milliseconds', ts.date_updated)) AS r FROM ts
       ) x WHERE x.r <= ${p.add(limit)}`,
      p.values,
    );
    const brief = (r: Record<string, unknown>) => ({
      status: r.status as string,
      dateUpdated: new Date(r.date_updated as string).getTime(),
      waitingOnUnfinished: Boolean(r.waiting),
    });
    return {
      groups: rows.filter((r) => r.kind === 'group').map((r) => ({ ...brief(r), tasks: num(r.n) })),
      candidates: rows.filter((r) => r.kind === 'task').map((r) => ({ id: r.id as string, ...brief(r) })),
    };
  }

  /** The tasks to show, in the given order, with assignees and the unfinished tasks they wait on. */
  async stuckDetails(ids: string[]): Promise<StuckRow[]> {
    if (!ids.length) return [];
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT t.id, t.custom_id, t.name, t.status, t.status_category, coalesce(l.name, t.list_id) AS list_name, t.date_updated, t.due_date,
              coalesce((SELECT json_agg(coalesce(m.username, m.email, 'user ' || a.user_id) ORDER BY a.user_id)
                        FROM task_assignees a LEFT JOIN members m ON m.workspace_id = t.workspace_id AND m.user_id = a.user_id WHERE a.task_id = t.id), '[]'::json) AS assignees,
              coalesce((SELECT json_agg(json_build_object('id', o.id, 'name', o.name, 'status', o.status) ORDER BY o.id)
                        FROM task_dependencies d JOIN tasks o ON o.id = d.depends_on AND o.deleted_at IS NULL
                        WHERE d.task_id = t.id AND o.status_category NOT IN ('done', 'closed')), '[]'::json) AS waiting_on
       FROM unnest($1::text[]) WITH ORDINALITY AS x(id, ord) JOIN tasks t ON t.id = x.id LEFT JOIN lists l ON l.id = t.list_id
       ORDER BY x.ord`,
      [ids],
    );
    return rows.map((r) => ({
      id: r.id as string,
      customId: r.custom_id as string | null,
      name: r.name as string,
      status: r.status as string,
      category: r.status_category as StatusCategory,
      listName: r.list_name as string,
      dateUpdated: new Date(r.date_updated as string).getTime(),
      dueDate: r.due_date ? new Date(r.due_date as string).getTime() : null,
      assignees: json<string[]>(r.assignees),
      waitingOn: json<{ id: string; name: string; status: string }[]>(r.waiting_on),
    }));
  }

  /**
   * Tasks of the set that have started since a snapshot day: not started (or not there) in that
   * day's snapshot, active or finished now.
   */
  async startedSince(f: TaskFilter, snapshotDate: string): Promise<string[]> {
    const p = new Params();
    const where = taskWhere({ ...f, includeClosed: true }, p);
    const rows: { id: string }[] = await this.ds.query(
      `SELECT t.id FROM tasks t LEFT JOIN task_snapshots s ON s.snapshot_date = ${p.add(snapshotDate)}::date AND s.task_id = t.id
       WHERE ${where} AND t.status_category <> 'not_started' AND (s.task_id IS NULL OR s.status_category = 'not_started')
       ORDER BY t.date_updated DESC, t.id`,
      p.values,
    );
    return rows.map((r) => r.id);
  }

  /** Tasks finished and their own estimates per local ISO week (Monday, YYYY-MM-DD) in [from, to). */
  async finishedPerWeek(
    f: TaskFilter,
    fromMs: number,
    toMs: number,
    timeZone: string,
  ): Promise<{ monday: string; tasks: number; estimateMs: number }[]> {
    const p = new Params();
    const where = taskWhere({ ...f, includeClosed: true, finishedFrom: fromMs, finishedTo: toMs }, p);
    const tz = p.add(timeZone);
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT (date_trunc('week', coalesce(t.date_done, t.date_closed), ${tz}::text) AT TIME ZONE ${tz}::text)::date::text AS monday,
              count(*)::int AS tasks, coalesce(sum(greatest(t.time_estimate, 0)), 0)::bigint AS estimate_ms
       FROM tasks t WHERE ${where} GROUP BY 1 ORDER BY 1`,
      p.values,
    );
    return rows.map((r) => ({ monday: r.monday as string, tasks: num(r.tasks), estimateMs: num(r.estimate_ms) }));
  }

  /** Completion at each instant, from creation and finish dates (tasks that exist now). */
  async completionAt(f: TaskFilter, instants: number[]): Promise<CompletionPoint[]> {
    const p = new Params();
    const where = taskWhere({ ...f, includeClosed: true }, p);
    const finishedBefore = `${FINISHED} AND coalesce(t.date_done, t.date_closed) < x.at`;
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT x.at, count(*) FILTER (WHERE t.date_created < x.at)::int AS total,
              count(*) FILTER (WHERE t.date_created < x.at AND ${finishedBefore})::int AS finished,
              count(*) FILTER (WHERE t.date_created < x.at AND t.parent_id IS NULL)::int AS top_level,
              count(*) FILTER (WHERE t.date_created < x.at AND t.parent_id IS NULL AND ${finishedBefore})::int AS top_level_finished
       FROM unnest(${p.add(instants.map((x) => new Date(x).toISOString()))}::timestamptz[]) AS x(at)
       CROSS JOIN tasks t WHERE ${where}
       GROUP BY x.at ORDER BY x.at`,
      p.values,
    );
    const byAt = new Map(rows.map((r) => [new Date(r.at as string).getTime(), r]));
    return instants.map((at) => {
      const r = byAt.get(at);
      return {
        at,
        total: num(r?.total ?? 0),
        finished: num(r?.finished ?? 0),
        topLevel: num(r?.top_level ?? 0),
        topLevelFinished: num(r?.top_level_finished ?? 0),
      };
    });
  }

  /** Unfinished tasks and open estimate per assignee on each snapshot day (estimates split evenly). */
  async workloadHistory(ws: string, scope: SnapshotScope, dates: string[]): Promise<WorkloadHistoryRow[]> {
    if (!dates.length) return [];
    const p = new Params();
    const scoped = snapshotScope(scope, p);
    const rows: Record<string, unknown>[] = await this.ds.query(
      `WITH open AS (
         SELECT s.snapshot_date, s.task_id, coalesce(greatest(s.time_estimate, 0), 0)::bigint AS est, s.assignee_ids
         FROM task_snapshots s
         WHERE s.workspace_id = ${p.add(ws)} AND s.snapshot_date = ANY(${p.add(dates)}::date[])
           AND s.status_category NOT IN ('done', 'closed') AND ${scoped}
       ), shares AS (
         SELECT o.snapshot_date, a.user_id, o.est / a.n + CASE WHEN a.rn <= o.est % a.n THEN 1 ELSE 0 END AS share
         FROM open o CROSS JOIN LATERAL (
           SELECT u AS user_id, row_number() OVER (ORDER BY u) AS rn, count(*) OVER () AS n FROM unnest(o.assignee_ids) u
         ) a
       )
       SELECT snapshot_date::text AS date, user_id, count(*)::int AS tasks, sum(share)::bigint AS estimate_ms FROM shares GROUP BY 1, 2
       UNION ALL
       SELECT snapshot_date::text, NULL, count(*)::int, sum(est)::bigint FROM open WHERE cardinality(assignee_ids) = 0 GROUP BY 1
       ORDER BY 1, 2`,
      p.values,
    );
    return rows.map((r) => ({ date: r.date as string, userId: numOrNull(r.user_id), tasks: num(r.tasks), estimateMs: num(r.estimate_ms) }));
  }
}

function inputsOf(r: Record<string, unknown>): HealthInputs {
  return {
    all: num(r.all_tasks),
    finished: num(r.finished),
    active: num(r.active),
    overdueActive: num(r.overdue_active),
    staleActive: r.stale_active === null || r.stale_active === undefined ? null : num(r.stale_active),
    assignedActive: num(r.assigned_active),
    topLevel: num(r.top_level),
    topLevelEstimated: num(r.top_level_estimated),
  };
}
