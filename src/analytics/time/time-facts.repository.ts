import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StatusCategory } from '../../common/status-category';
import { Params, taskWhere } from '../tasks/task-query.repository';
import { TaskFilter } from '../tasks/task-query.types';
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
 * running timers (few, partial index) are read separately because they can be old. All history
 * grouped by where tasks are (task, list, folder, space, project, status) reads the per-task
 * totals the triggers keep instead of every entry (fromTotals).
 */
@Injectable()
export class TimeFactsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async facts(q: TimeFactsQuery): Promise<TimeFactRow[]> {
    // The scan's lower bound as a value, not a subquery: the planner then sees how much of the
    // table a window covers (a week: an index range; a year: a hash aggregate over a big scan).
    const longestMs = q.window ? await this.longestEntryMs(q.workspaceId) : undefined;
    return this.general({ ...q, longestMs });
  }

  private async general(q: TimeFactsQuery): Promise<TimeFactRow[]> {
    const p = new Params();
    const rows: Record<string, unknown>[] = await this.ds.query(timeFactsSql(q, p), p.values);
    const setOf = setResolver(q);
    return rows.map((r) => toRow(r, setOf));
  }

  /** The longest stopped entry (an index-only backward scan). */
  async longestEntryMs(workspaceId: string): Promise<number> {
    const [r] = await this.ds.query(LONGEST_ENTRY_SQL, [workspaceId]);
    return Number(r.ms);
  }
}

/** The longest stopped live entry of workspace $1, in ms (an index-only backward scan). */
export const LONGEST_ENTRY_SQL = `SELECT coalesce(max(duration_ms), 0) AS ms FROM time_entries WHERE workspace_id = $1 AND NOT running AND deleted_at IS NULL`;

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

/** The task columns shown with the task dimension, and their names in the answer. */
const TASK_NAME_COLUMNS = [
  ['name', 'task_name'],
  ['custom_id', 'task_custom_id'],
  ['parent_id', 'task_parent_id'],
  ['list_id', 'task_list_id'],
  ['status', 'task_status'],
  ['time_estimate', 'task_estimate'],
] as const;

/** Names joined onto the aggregated groups (a few hundred rows at most), not onto every entry. */
const NAME_JOINS: Partial<Record<TimeDimension, { select: string; join: string }>> = {
  person: {
    select: 'm.username AS user_name, m.email AS user_email, (m.removed_at IS NOT NULL) AS user_removed',
    join: 'LEFT JOIN members m ON m.workspace_id = :ws AND m.user_id = g.user_id',
  },
  task: {
    select: TASK_NAME_COLUMNS.map(([c, as]) => `tk.${c} AS ${as}`).join(', '),
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

/**
 * Task names for the few ranked rows of `top`, looked up one by one: the planner cannot tell how
 * few rows survive the ranking (a year across `large`: 10,232 expected, 2,739 kept), hashed all
 * 100,000 tasks for them (65 ms) and looks up 2,739 in ~5 ms this way (OFFSET 0 keeps it a
 * lookup per row).
 */
const TOP_TASK_NAMES = {
  select: NAME_JOINS.task!.select,
  join: `LEFT JOIN LATERAL (SELECT ${TASK_NAME_COLUMNS.map(([c]) => `t1.${c}`).join(', ')} FROM tasks t1 WHERE t1.id = g.task_id OFFSET 0) tk ON true`,
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
  // Several groupings in one scan (sets): GROUPING SETS, each row tagged with the mask of its set.
  const { dims, groupCols, sets } = grouping(q);
  if (sets && q.countTasks) throw new Error('countTasks cannot be combined with sets');
  const names = dims
    .filter((d) => d !== 'task' || q.taskNames !== false)
    .map((d) => (d === 'task' && q.top ? TOP_TASK_NAMES : NAME_JOINS[d]))
    .filter((x): x is { select: string; join: string } => !!x);
  const live = `e.workspace_id = ${ws} AND e.deleted_at IS NULL AND e.task_live`;
  const totals = fromTotals(q, dims);
  // Every piece is a whole number of ms (ClickUp times and window bounds are ms): summing bigints is exact and cheap.
  const sums: Sums = totals
    ? { ms: 'coalesce(sum(piece_ms), 0)::bigint', billable: 'coalesce(sum(bill_ms), 0)::bigint', entries: 'sum(n)::int' }
    : { ms: 'coalesce(sum(piece_ms), 0)::bigint', billable: 'coalesce(sum(piece_ms) FILTER (WHERE billable), 0)::bigint', entries: 'count(*)::int' };
  const source = totals
    ? `WITH pcs AS (${totalsPieces(q, q.tasks!, p, { ws, now, live, filters })}\n    )`
    : entryPieces(q, p, { ws, now, live, filters, from, to, dims, used: new Set([...groupCols, ...(sets ?? []).flat()]) });
  const aggregated = q.countTasks
    ? taskCounted(groupCols, sums)
    : `g AS (
      SELECT ${groupCols.length ? `${groupCols.join(', ')}, ` : ''}
             ${sums.ms} AS ms, ${sums.billable} AS billable_ms,
             ${sums.entries} AS entries, bool_or(running) AS running${sets ? `, GROUPING(${groupCols.join(', ')}) AS grouping_mask` : ''}
      FROM pcs
      ${sets ? `GROUP BY GROUPING SETS (${sets.map((cols) => `(${cols.join(', ')})`).join(', ')})` : groupCols.length ? `GROUP BY ${groupCols.join(', ')}` : ''}`;
  return `
    ${source}, ${aggregated}
    )${ranked(q, groupCols, p)}
    SELECT g.*${names.map((n) => `, ${n.select}`).join('')}
    FROM ${q.top ? 'top g' : 'g'} ${names.map((n) => n.join.replace(':ws', () => ws)).join(' ')}
    ORDER BY g.ms DESC${groupCols.length ? `, ${groupCols.map((c) => `g.${c}`).join(', ')}` : ''}`;
}

/** How the aggregate of a piece relation sums its time, billable time and entries. */
interface Sums {
  ms: string;
  billable: string;
  entries: string;
}

interface SqlParts {
  ws: string;
  now: string;
  live: string;
  filters: string;
}

/**
 * The `pcs` relation from entries: each entry clipped to the window (a running timer up to now),
 * split at local midnights with the `day` dimension and per tag with `tag`.
 */
function entryPieces(q: TimeFactsQuery, p: Params, x: SqlParts & { from: string; to: string; dims: TimeDimension[]; used: Set<string> }): string {
  const { ws, now, live, filters, from, to, dims, used } = x;
  // Only the columns this question groups by travel with each entry through the pieces, the
  // sort and the aggregate: carrying all of them (tags arrays included) was 40% of a 30-day
  // workspace aggregate by person on `large` (45 → 27 ms over 32,663 entries).
  const place = ['list_id', 'folder_id', 'space_id', 'project_kind', 'project_id'].some((c) => used.has(c));
  const carried = [
    ...(used.has('user_id') ? ['user_id'] : []),
    ...(used.has('task_id') || q.countTasks || q.tasks || dims.includes('status') ? ['task_id'] : []),
    ...(dims.includes('tag') ? ['tags'] : []),
    ...(place ? ['list_id', 'folder_id', 'space_id'] : []),
  ];
  const entryColumn: Record<string, string> = { list_id: 'e.home_list_id', folder_id: 'e.home_folder_id', space_id: 'e.home_space_id' };
  const columns = ['e.billable', 'e.running', 'e.start_at', ...carried.map((c) => (entryColumn[c] ? `${entryColumn[c]} AS ${c}` : `e.${c}`))].join(
    ', ',
  );
  const projectColumns = place
    ? `,
             CASE WHEN src.list_id IS NULL THEN NULL WHEN src.folder_id IS NOT NULL THEN 'folder' ELSE 'list' END AS project_kind,
             coalesce(src.folder_id, src.list_id) AS project_id`
    : '';
  // The task row is read only when a question needs it: its status, or the task-set filter.
  const taskJoin = q.tasks
    ? `JOIN tasks t ON t.id = src.task_id AND ${taskWhere(q.tasks, p)}`
    : dims.includes('status')
      ? 'LEFT JOIN tasks t ON t.id = src.task_id'
      : '';
  const statusColumns = used.has('status')
    ? `, ${taskJoin ? 't.status, t.status_category' : 'NULL::text AS status, NULL::text AS status_category'}`
    : '';
  const byDay = dims.includes('day');
  // Only bound when used: PostgreSQL cannot type a parameter no expression mentions.
  const tz = byDay ? `${p.add(q.timeZone)}::text` : '';
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
  const stopped = `${live} AND NOT e.running`;
  // Stopped entries in two disjoint parts, each with a condition the planner can estimate (a
  // clipped overlap test on expressions was guessed at a third, and the pieces' test at another
  // third: 13,402 entries expected as 1,414, so groups were sorted instead of hashed):
  // entries that start in the window overlap it when they are longer than nothing — the span
  // has statistics of its own (migration 1795410000000) — and the few that start before it,
  // no earlier than the longest entry allows, when they end inside it.
  const lower =
    q.longestMs !== undefined && q.window ? p.instant(q.window.from - q.longestMs) : `${from} - (SELECT ms FROM longest) * interval '1 millisecond'`;
  const before = q.window
    ? `
      UNION ALL
      SELECT ${columns}, ${END_AT} AS end_at
      FROM time_entries e
      WHERE ${stopped} AND e.start_at < ${from} AND e.start_at >= ${lower} AND ${END_AT} > ${from} AND ${to} > ${from}${filters}`
    : '';
  return `WITH ${
    q.longestMs !== undefined || !q.window
      ? ''
      : `longest AS (
      SELECT coalesce(max(duration_ms), 0) AS ms FROM time_entries WHERE workspace_id = ${ws} AND NOT running AND deleted_at IS NULL
    ), `
  }src AS (
      SELECT ${columns}, ${END_AT} AS end_at
      FROM time_entries e
      WHERE ${stopped} AND e.start_at >= ${from} AND e.start_at < ${to} AND ${SPAN} > interval '0'${filters}${before}
      UNION ALL
      SELECT ${columns}, ${now} AS end_at
      FROM time_entries e
      WHERE ${live} AND e.running AND e.start_at < ${to} AND least(${now}, ${to}) > greatest(e.start_at, ${from})${filters}
    ), located AS (
      SELECT ${['billable', 'running', ...carried].map((c) => `src.${c}`).join(', ')},
             greatest(src.start_at, ${from}) AS s, least(src.end_at, ${to}) AS f${projectColumns}${statusColumns}
      FROM src ${taskJoin}
    )${pieces}${tagged}, pcs AS (
      SELECT x.*, ${PIECE_MS} AS piece_ms FROM ${grouped} x${byDay ? ' WHERE x.pf > x.ps' : ''}
    )`;
}

/** When a stopped entry ended (ClickUp gives the end; the duration is the fallback). */
const END_AT = `coalesce(e.end_at, e.start_at + e.duration_ms * interval '1 millisecond')`;

/**
 * A stopped entry's span, written exactly as the expression statistics on time_entries name it
 * (migration 1795410000000), so that "span > 0" is estimated from them.
 */
export const SPAN = `(${END_AT} - e.start_at)`;

/**
 * A piece's length in ms. date_part gives double precision where extract gives numeric, whose
 * arithmetic was a quarter of a 30-day workspace aggregate (60 → 45 ms over 32,663 entries).
 * Exact: every bound is a whole millisecond (ClickUp's instants, Luxon's day bounds, the
 * clock's now), and a double holds any such length, × 1000, to well under half a millisecond.
 */
const PIECE_MS = `round(date_part('epoch', x.pf - x.ps) * 1000)::bigint`;

/** Dimensions a task's maintained lifetime totals can be grouped by (where the task is, and its status). */
const TASK_LEVEL: ReadonlySet<TimeDimension> = new Set<TimeDimension>(['task', 'list', 'folder', 'space', 'project', 'status']);

/**
 * Whether a question can be answered from the per-task lifetime totals (task_time_totals, kept by
 * triggers) plus the running timers, instead of every entry: all history, no per-entry grouping
 * (person, day, tag, billable) or filter (person), and a task set whose rows say where each task
 * is now (entries on tasks never synced cannot match a task set either).
 */
function fromTotals(q: TimeFactsQuery, dims: TimeDimension[]): boolean {
  const taskLevel = (ds: TimeDimension[]) => ds.every((d) => TASK_LEVEL.has(d));
  return q.window === null && !!q.tasks && !q.userIds && taskLevel(dims) && (q.sets ?? []).every(taskLevel);
}

/**
 * The `pcs` relation for all history from the maintained totals: one piece per task holding the
 * sums of its stopped entries (the same entries, unclipped, that the entry path counts), plus
 * one piece per running timer counted up to now.
 */
function totalsPieces(q: TimeFactsQuery, tasks: TaskFilter, p: Params, x: SqlParts): string {
  const { now, live, filters } = x;
  const place = (
    alias: string,
    list: string,
    folder: string,
    space: string,
  ) => `${alias}.task_id, ${list} AS list_id, ${folder} AS folder_id, ${space} AS space_id,
             CASE WHEN ${list} IS NULL THEN NULL WHEN ${folder} IS NOT NULL THEN 'folder' ELSE 'list' END AS project_kind,
             coalesce(${folder}, ${list}) AS project_id, t.status, t.status_category`;
  const runningMs = `(extract(epoch FROM (${now} - e.start_at)) * 1000)::bigint`;
  // Where the task is now is where its entries' time belongs (the home columns follow the task).
  const scope = q.scope ? ` AND t.${q.scope.kind}_id = ${p.add(q.scope.id)}` : '';
  const ids = q.taskIds ? ` AND tt.task_id = ANY(${p.add(q.taskIds)}::text[])` : '';
  return `
      SELECT ${place('tt', 't.list_id', 't.folder_id', 't.space_id')},
             false AS running, tt.stopped_ms AS piece_ms, tt.billable_ms AS bill_ms, tt.entries AS n
      FROM task_time_totals tt JOIN tasks t ON t.id = tt.task_id AND ${taskWhere(tasks, p)}
      WHERE tt.entries > 0${scope}${ids}
      UNION ALL
      SELECT ${place('e', 'e.home_list_id', 'e.home_folder_id', 'e.home_space_id')},
             true AS running, ${runningMs} AS piece_ms, CASE WHEN e.billable THEN ${runningMs} ELSE 0 END AS bill_ms, 1 AS n
      FROM time_entries e JOIN tasks t ON t.id = e.task_id AND ${taskWhere(tasks, p)}
      WHERE ${live} AND e.running AND e.start_at < ${now}${filters}`;
}

/**
 * `countTasks`: per group, the distinct tasks with time and the sum of their own estimates —
 * grouped per task first, so each task's estimate counts once (Reporting rule 5).
 */
function taskCounted(groupCols: string[], sums: Sums): string {
  const cols = groupCols.map((c) => `pt.${c}`);
  return `per_task AS (
      SELECT ${groupCols.length ? `${groupCols.join(', ')}, ` : ''}task_id, ${sums.ms} AS ms,
             ${sums.billable} AS billable_ms, ${sums.entries} AS entries, bool_or(running) AS running
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

/** The dimensions grouped by (each once), their columns, and the columns of each grouping set. */
function grouping(q: TimeFactsQuery): { dims: TimeDimension[]; groupCols: string[]; sets: string[][] | undefined } {
  const dims = [...new Set(q.groupBy)];
  return {
    dims,
    groupCols: dims.flatMap((d) => GROUP_COLUMNS[d]),
    sets: q.sets?.map((set) => [...new Set(set)].flatMap((d) => GROUP_COLUMNS[d])),
  };
}

/**
 * Maps a row's GROUPING() mask to the index of its set, worked out once per mask: a report's
 * thousands of rows carry only as many masks as it has sets.
 */
function setResolver(q: TimeFactsQuery): (mask: number) => number {
  const { groupCols: cols, sets = [] } = grouping(q);
  const known = new Map<number, number>();
  return (mask) => {
    let i = known.get(mask);
    if (i === undefined) known.set(mask, (i = setIndex(mask, cols, sets)));
    return i;
  };
}

/** Which grouping set a row belongs to, from PostgreSQL's GROUPING() mask (bit set = column not grouped). */
function setIndex(mask: number, cols: string[], sets: string[][]): number {
  return sets.findIndex((set) => cols.every((c, i) => ((mask >> (cols.length - 1 - i)) & 1) === (set.includes(c) ? 0 : 1)));
}

function toRow(r: Record<string, unknown>, setOf: (mask: number) => number): TimeFactRow {
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
    set: r.grouping_mask == null ? null : setOf(Number(r.grouping_mask)),
    tasksEstimateMs: r.tasks_estimate_ms == null ? null : Number(r.tasks_estimate_ms),
  };
}
