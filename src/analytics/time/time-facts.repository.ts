import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StatusCategory } from '../../common/status-category';
import { Params, taskWhere } from '../tasks/task-query.repository';
import { TimeDimension, TimeFactRow, TimeFactsQuery } from './time-facts.types';

/**
 * The one place time numbers come from (rule 3, Reporting rules 2–3). An entry counts for the
 * part of it inside the window; a running timer spans [start, now); deleted entries and entries
 * of deleted tasks are gone; time belongs to the person who logged it (removed people too) and
 * to the place its task's home list is in now (a moved task takes its history along). With the
 * `day` dimension an entry is split at the zone's local midnights.
 *
 * The scan is bounded on start_at: an entry overlapping [from, to) starts before `to` and no
 * earlier than `from` minus the longest stopped entry, so a window never reads all history;
 * running timers (few, partial index) are read separately because they can be old.
 */
@Injectable()
export class TimeFactsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async facts(q: TimeFactsQuery): Promise<TimeFactRow[]> {
    if (lifetimePerTask(q)) return this.lifetimeByTask(q);
    // The scan's lower bound as a value, not a subquery: the planner then sees how much of the
    // table a window covers (a week: an index range; a year: a hash aggregate over a big scan).
    const longestMs = q.window ? await this.longestEntryMs(q.workspaceId) : undefined;
    return this.general({ ...q, longestMs });
  }

  /**
   * Lifetime time per task of a task set, from the maintained per-task totals of stopped entries
   * (one row per task, not every entry) plus the running timers counted up to now — the same
   * sums as the general query with an unbounded window.
   */
  private async lifetimeByTask(q: TimeFactsQuery): Promise<TimeFactRow[]> {
    const p = new Params();
    const where = q.tasks ? taskWhere(q.tasks, p) : `t.workspace_id = ${p.add(q.workspaceId)} AND t.deleted_at IS NULL`;
    const ids = q.taskIds ? ` AND t.id = ANY(${p.add(q.taskIds)}::text[])` : '';
    const [stopped, running] = await Promise.all([
      this.ds.query(
        `SELECT tt.task_id, tt.stopped_ms AS ms, tt.billable_ms, tt.entries, false AS running
         FROM task_time_totals tt JOIN tasks t ON t.id = tt.task_id WHERE ${where}${ids} AND tt.entries > 0`,
        p.values,
      ) as Promise<Record<string, unknown>[]>,
      this.general({ ...q, runningOnly: true }),
    ]);
    const byTask = new Map<string, TimeFactRow>(stopped.map((r) => [r.task_id as string, toRow(r, q)]));
    for (const r of running) {
      const x = byTask.get(r.taskId as string);
      if (!x) byTask.set(r.taskId as string, r);
      else
        byTask.set(r.taskId as string, {
          ...x,
          ms: x.ms + r.ms,
          billableMs: x.billableMs + r.billableMs,
          entries: x.entries + r.entries,
          running: true,
        });
    }
    return [...byTask.values()].sort((a, b) => b.ms - a.ms || String(a.taskId).localeCompare(String(b.taskId)));
  }

  private async general(q: TimeFactsQuery): Promise<TimeFactRow[]> {
    const p = new Params();
    const rows: Record<string, unknown>[] = await this.ds.query(timeFactsSql(q, p), p.values);
    return rows.map((r) => toRow(r, q));
  }

  /** The longest stopped entry (an index-only backward scan). */
  async longestEntryMs(workspaceId: string): Promise<number> {
    const [r] = await this.ds.query(
      `SELECT coalesce(max(duration_ms), 0) AS ms FROM time_entries WHERE workspace_id = $1 AND NOT running AND deleted_at IS NULL`,
      [workspaceId],
    );
    return Number(r.ms);
  }
}

/** Lifetime per task of a task set, without names, people or other groupings: the maintained totals can answer. */
function lifetimePerTask(q: TimeFactsQuery): boolean {
  return (
    q.window === null &&
    !q.runningOnly &&
    q.groupBy.length === 1 &&
    q.groupBy[0] === 'task' &&
    (!!q.tasks || !!q.taskIds) &&
    !q.userIds &&
    !q.top &&
    !q.sets &&
    !q.countTasks &&
    q.taskNames === false
  );
}

/** Columns each dimension groups by, on the `pieces` relation. */
const GROUP_COLUMNS: Record<TimeDimension, string[]> = {
  person: ['user_id'],
  day: ['day'],
  task: ['task_id'],
  list: ['list_id'],
  folder: ['folder_id'],
  space: ['space_id'],
  project: ['project_kind', 'project_id'],
  status: ['status', 'status_category'],
  tag: ['tag'],
  billable: ['billable'],
};

/** Names joined onto the aggregated groups (a few hundred rows at most), not onto every entry. */
const NAME_JOINS: Partial<Record<TimeDimension, { select: string; join: string }>> = {
  person: {
    select: 'm.username AS user_name, m.email AS user_email, (m.removed_at IS NOT NULL) AS user_removed',
    join: 'LEFT JOIN members m ON m.workspace_id = :ws AND m.user_id = g.user_id',
  },
  task: {
    select:
      'tk.name AS task_name, tk.custom_id AS task_custom_id, tk.parent_id AS task_parent_id, tk.list_id AS task_list_id, tk.status AS task_status, tk.time_estimate AS task_estimate',
    join: 'LEFT JOIN tasks tk ON tk.id = g.task_id',
  },
  list: { select: 'ls.name AS list_name', join: 'LEFT JOIN lists ls ON ls.id = g.list_id' },
  folder: { select: 'fo.name AS folder_name', join: 'LEFT JOIN folders fo ON fo.id = g.folder_id' },
  space: { select: 'sp.name AS space_name', join: 'LEFT JOIN spaces sp ON sp.id = g.space_id' },
  project: {
    select: "CASE g.project_kind WHEN 'folder' THEN pf.name WHEN 'list' THEN pl.name END AS project_name",
    join: "LEFT JOIN folders pf ON g.project_kind = 'folder' AND pf.id = g.project_id LEFT JOIN lists pl ON g.project_kind = 'list' AND pl.id = g.project_id",
  },
};

const HOME_COLUMN = { space: 'home_space_id', folder: 'home_folder_id', list: 'home_list_id' } as const;

export function timeFactsSql(q: TimeFactsQuery, p: Params): string {
  const ws = p.add(q.workspaceId);
  const from = q.window ? p.instant(q.window.from) : `'-infinity'::timestamptz`;
  const to = q.window ? p.instant(q.window.to) : `'infinity'::timestamptz`;
  const now = p.instant(q.now);
  // Entries are filtered by where their time belongs now (home columns kept by triggers), so a
  // scoped window reads only its own entries; the space narrows folder and list scopes too,
  // which lets the (home_space_id, start_at) index serve every scope.
  const filters = [
    ...(q.scope?.spaceId && q.scope.kind !== 'space' ? [`e.home_space_id = ${p.add(q.scope.spaceId)}`] : []),
    ...(q.scope ? [`e.${HOME_COLUMN[q.scope.kind]} = ${p.add(q.scope.id)}`] : []),
    ...(q.userIds ? [`e.user_id = ANY(${p.add(q.userIds)}::bigint[])`] : []),
    ...(q.taskIds ? [`e.task_id = ANY(${p.add(q.taskIds)}::text[])`] : []),
  ]
    .map((f) => ` AND ${f}`)
    .join('');
  const columns = `e.id, e.user_id, e.task_id, e.billable, e.running, e.tags, e.start_at, e.home_list_id AS list_id, e.home_folder_id AS folder_id, e.home_space_id AS space_id`;
  const dims = [...new Set(q.groupBy)];
  // The task row is read only when a question needs it: its status, or the task-set filter.
  const taskJoin = q.tasks
    ? `JOIN tasks t ON t.id = src.task_id AND ${taskWhere(q.tasks, p)}`
    : dims.includes('status')
      ? 'LEFT JOIN tasks t ON t.id = src.task_id'
      : '';
  const byDay = dims.includes('day');
  // Only bound when used: PostgreSQL cannot type a parameter no expression mentions.
  const tz = byDay ? `${p.add(q.timeZone)}::text` : '';
  const groupCols = dims.flatMap((d) => GROUP_COLUMNS[d]);
  // Several groupings in one scan: GROUPING SETS, each row tagged with the mask of its set.
  const sets = q.sets?.map((set) => [...new Set(set)].flatMap((d) => GROUP_COLUMNS[d]));
  if (sets && q.countTasks) throw new Error('countTasks cannot be combined with sets');
  const names = dims
    .filter((d) => d !== 'task' || q.taskNames !== false)
    .map((d) => NAME_JOINS[d])
    .filter((x): x is { select: string; join: string } => !!x);
  // Pieces: one per entry, or one per entry and local day when grouping by day.
  const pieces = byDay
    ? `, dated AS (
        SELECT l.*, (l.s AT TIME ZONE ${tz})::date AS d0, ((l.f - interval '1 microsecond') AT TIME ZONE ${tz})::date AS d1 FROM located l
      ), pieces AS (
        SELECT d.*, d.d0::text AS day, d.s AS ps, d.f AS pf FROM dated d WHERE d.d0 = d.d1
        UNION ALL
        SELECT d.*, g::date::text AS day,
               greatest(d.s, g AT TIME ZONE ${tz}) AS ps, least(d.f, (g + interval '1 day') AT TIME ZONE ${tz}) AS pf
        FROM dated d CROSS JOIN LATERAL generate_series(d.d0::timestamp, d.d1::timestamp, interval '1 day') g
        WHERE d.d0 < d.d1
      )`
    : `, pieces AS (SELECT l.*, l.s AS ps, l.f AS pf FROM located l)`;
  const tagged = dims.includes('tag')
    ? `, tagged AS (SELECT x.*, tg AS tag FROM pieces x CROSS JOIN LATERAL unnest(CASE WHEN cardinality(x.tags) = 0 THEN ARRAY[NULL::text] ELSE x.tags END) tg)`
    : '';
  const grouped = dims.includes('tag') ? 'tagged' : 'pieces';
  // Every piece is a whole number of ms (ClickUp times and window bounds are ms): summing bigints is exact and cheap.
  const ms = (cond = '') => `coalesce(sum(piece_ms)${cond}, 0)::bigint`;
  const live = `e.workspace_id = ${ws} AND e.deleted_at IS NULL AND e.task_live`;
  return `
    WITH ${
      q.longestMs !== undefined || q.runningOnly
        ? ''
        : `longest AS (
      SELECT coalesce(max(duration_ms), 0) AS ms FROM time_entries WHERE workspace_id = ${ws} AND NOT running AND deleted_at IS NULL
    ), `
    }src AS (${
      q.runningOnly
        ? ''
        : `
      SELECT ${columns}, coalesce(e.end_at, e.start_at + e.duration_ms * interval '1 millisecond') AS end_at
      FROM time_entries e
      WHERE ${live} AND NOT e.running AND e.start_at < ${to}
        AND e.start_at >= ${q.longestMs !== undefined && q.window ? p.instant(q.window.from - q.longestMs) : `${from} - (SELECT ms FROM longest) * interval '1 millisecond'`}${filters}
      UNION ALL`
    }
      SELECT ${columns}, ${now} AS end_at
      FROM time_entries e
      WHERE ${live} AND e.running AND e.start_at < ${to}${filters}
    ), located AS (
      SELECT src.id, src.user_id, src.task_id, src.billable, src.running, src.tags, src.list_id, src.folder_id, src.space_id,
             greatest(src.start_at, ${from}) AS s, least(src.end_at, ${to}) AS f,
             CASE WHEN src.list_id IS NULL THEN NULL WHEN src.folder_id IS NOT NULL THEN 'folder' ELSE 'list' END AS project_kind,
             coalesce(src.folder_id, src.list_id) AS project_id,
             ${taskJoin ? 't.status, t.status_category' : 'NULL::text AS status, NULL::text AS status_category'}
      FROM src ${taskJoin}
      WHERE least(src.end_at, ${to}) > greatest(src.start_at, ${from})
    )${pieces}${tagged}, pcs AS (
      SELECT x.*, (extract(epoch FROM (x.pf - x.ps)) * 1000)::bigint AS piece_ms FROM ${grouped} x WHERE x.pf > x.ps
    ), ${
      q.countTasks
        ? taskCounted(groupCols)
        : `g AS (
      SELECT ${groupCols.length ? `${groupCols.join(', ')}, ` : ''}
             ${ms()} AS ms, ${ms(' FILTER (WHERE billable)')} AS billable_ms,
             count(*)::int AS entries, bool_or(running) AS running${sets ? `, GROUPING(${groupCols.join(', ')}) AS grouping_mask` : ''}
      FROM pcs
      ${sets ? `GROUP BY GROUPING SETS (${sets.map((cols) => `(${cols.join(', ')})`).join(', ')})` : groupCols.length ? `GROUP BY ${groupCols.join(', ')}` : ''}`
    }
    )${ranked(q, groupCols, p)}
    SELECT g.*${names.map((n) => `, ${n.select}`).join('')}
    FROM ${q.top ? 'top g' : 'g'} ${names.map((n) => n.join.replace(':ws', () => ws)).join(' ')}
    ORDER BY g.ms DESC${groupCols.length ? `, ${groupCols.map((c) => `g.${c}`).join(', ')}` : ''}`;
}

/**
 * `countTasks`: per group, the distinct tasks with time and the sum of their own estimates —
 * grouped per task first, so each task's estimate counts once (Reporting rule 5).
 */
function taskCounted(groupCols: string[]): string {
  const cols = groupCols.map((c) => `pt.${c}`);
  return `per_task AS (
      SELECT ${groupCols.length ? `${groupCols.join(', ')}, ` : ''}task_id, coalesce(sum(piece_ms), 0)::bigint AS ms,
             coalesce(sum(piece_ms) FILTER (WHERE billable), 0)::bigint AS billable_ms, count(*)::int AS entries, bool_or(running) AS running
      FROM pcs GROUP BY ${[...groupCols, 'task_id'].join(', ')}
    ), g AS (
      SELECT ${cols.length ? `${cols.join(', ')}, ` : ''}sum(pt.ms)::bigint AS ms, sum(pt.billable_ms)::bigint AS billable_ms,
             sum(pt.entries)::int AS entries, bool_or(pt.running) AS running, count(pt.task_id)::int AS tasks,
             coalesce(sum(greatest(tt.time_estimate, 0)), 0)::bigint AS tasks_estimate_ms
      FROM per_task pt LEFT JOIN tasks tt ON tt.id = pt.task_id
      ${cols.length ? `GROUP BY ${cols.join(', ')}` : ''}`;
}

/**
 * `top`: only the `limit` biggest groups within each partition (e.g. each person's five biggest
 * tasks), with the partition's number of groups, so a report names a few rows and still counts
 * them all — and names are looked up for the few rows only.
 */
function ranked(q: TimeFactsQuery, groupCols: string[], p: Params): string {
  if (!q.top) return '';
  const by = [...(q.sets ? ['grouping_mask'] : []), ...[...new Set(q.top.by)].flatMap((d) => GROUP_COLUMNS[d])];
  const partition = by.length ? `PARTITION BY ${by.join(', ')}` : '';
  return `, top AS (
      SELECT * FROM (
        SELECT g.*, row_number() OVER (${partition} ORDER BY g.ms DESC, ${groupCols.join(', ')}) AS rank,
               count(*) OVER (${partition})::int AS partition_groups
        FROM g
      ) r WHERE r.rank <= ${p.add(q.top.limit)}
    )`;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const groupColsOf = (q: TimeFactsQuery) => [...new Set(q.groupBy)].flatMap((d) => GROUP_COLUMNS[d]);
const setsOf = (q: TimeFactsQuery) => (q.sets ?? []).map((set) => [...new Set(set)].flatMap((d) => GROUP_COLUMNS[d]));

/** Which grouping set a row belongs to, from PostgreSQL's GROUPING() mask (bit set = column not grouped). */
function setIndex(mask: number, cols: string[], sets: string[][]): number {
  return sets.findIndex((set) => cols.every((c, i) => ((mask >> (cols.length - 1 - i)) & 1) === (set.includes(c) ? 0 : 1)));
}

function toRow(r: Record<string, unknown>, q: TimeFactsQuery): TimeFactRow {
  return {
    userId: r.user_id == null ? null : Number(r.user_id),
    userName: str(r.user_name),
    userEmail: str(r.user_email),
    userRemoved: Boolean(r.user_removed),
    day: str(r.day),
    taskId: str(r.task_id),
    taskName: str(r.task_name),
    taskCustomId: str(r.task_custom_id),
    taskParentId: str(r.task_parent_id),
    taskListId: str(r.task_list_id),
    taskStatus: str(r.task_status),
    taskEstimate: r.task_estimate == null ? null : Number(r.task_estimate),
    listId: str(r.list_id),
    listName: str(r.list_name),
    folderId: str(r.folder_id),
    folderName: str(r.folder_name),
    spaceId: str(r.space_id),
    spaceName: str(r.space_name),
    projectKind: (r.project_kind as 'folder' | 'list' | null) ?? null,
    projectId: str(r.project_id),
    projectName: str(r.project_name),
    status: str(r.status),
    statusCategory: (r.status_category as StatusCategory | null) ?? null,
    tag: str(r.tag),
    billable: r.billable == null ? null : Boolean(r.billable),
    ms: Number(r.ms),
    billableMs: Number(r.billable_ms),
    entries: Number(r.entries),
    running: Boolean(r.running),
    partitionGroups: r.partition_groups == null ? null : Number(r.partition_groups),
    tasks: r.tasks == null ? null : Number(r.tasks),
    set: r.grouping_mask == null ? null : setIndex(Number(r.grouping_mask), groupColsOf(q), setsOf(q)),
    tasksEstimateMs: r.tasks_estimate_ms == null ? null : Number(r.tasks_estimate_ms),
  };
}
