import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StatusCategory } from '../../common/status-category';
import { StatusCountRow } from './list-progress';
import {
  DependencyRow,
  TaskCandidateRow,
  TaskDetailRow,
  TaskFilter,
  TaskOrder,
  TaskRefRow,
  TaskRow,
  TaskScopeKind,
  TreeSkeletonRow,
} from './task-query.types';
import { MatchedIn } from './task-search-terms';
import { stripNul } from '../../common/text/strip-nul';
import { lifetimeTaskTimeSql } from '../time/lifetime-task-time.sql';

/**
 * Reads of tasks for the tasks toolset: one query per method, parameterised, valid on
 * PostgreSQL 15 and PGlite. Deleted tasks and time entries never come back. A task's scope is
 * its home list: the service passes the scope's list ids (rule 4 applied by HierarchyService).
 * Totals of plain filters come from the trigger-kept task_counts table, never from a scan. The
 * filter builder is shared with TaskWorkloadRepository. Plans: docs/benchmarks.md.
 */

const FINISHED = `t.status_category IN ('done', 'closed')`;

export const SCOPE_COLUMN: Record<TaskScopeKind, string> = { space: 'space_id', folder: 'folder_id', list: 'list_id' };

/**
 * "Archived" covers the task and every container below the scope that was asked for: a
 * workspace answer hides tasks of archived spaces, folders and lists, but naming an archived
 * list (or a list inside an archived space) is asking for its tasks.
 */
export const ARCHIVED_BELOW: Record<TaskScopeKind | 'workspace', string | null> = {
  workspace: 'al.archived OR coalesce(af.archived, false) OR coalesce(asp.archived, false)',
  space: 'al.archived OR coalesce(af.archived, false)',
  folder: 'al.archived',
  list: null,
};
const DESCRIPTION = `(coalesce(t.text_content, '') || ' ' || coalesce(t.description, ''))`;
/** Exactly the expression of the trigram index idx_task_search_doc (the planner matches it textually). */
const SEARCH_DOC = `(s.name_l || ' ' || s.desc_l)`;

const ORDER: Record<Exclude<TaskOrder, 'relevance'>, string> = {
  updated: 't.date_updated DESC, t.id',
  created: 't.date_created DESC, t.id',
  due: 't.due_date ASC NULLS LAST, t.id',
  priority: 'coalesce(t.priority, 5), t.due_date ASC NULLS LAST, t.id',
  finished: 'coalesce(t.date_done, t.date_closed) DESC NULLS LAST, t.id',
};

/** Positional parameters collected while a statement is assembled from fixed fragments. */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
  instant(ms: number): string {
    return `${this.add(new Date(ms).toISOString())}::timestamptz`;
  }
}

/** PostgreSQL text cannot hold NUL: such input can never match anything stored, so drop it. */
const text = stripNul;

/** Home-list conditions of a filter, on `column` (tasks.list_id or task_counts.list_id). */
function listWhere(f: TaskFilter, p: Params, column: string): string[] {
  const c: string[] = [];
  if (f.listIds) c.push(`${column} = ANY(${p.add(f.listIds)}::text[])`);
  if (f.excludeListIds?.length) c.push(`NOT (${column} = ANY(${p.add(f.excludeListIds)}::text[]))`);
  return c;
}

const statusKeys = (statuses: string[]) => statuses.map((s) => text(s).trim().toLowerCase());

export function taskWhere(f: TaskFilter, p: Params): string {
  const c = [`t.workspace_id = ${p.add(f.workspaceId)}`, 't.deleted_at IS NULL', ...listWhere(f, p, 't.list_id')];
  if (f.scope) c.push(`t.${SCOPE_COLUMN[f.scope.kind]} = ${p.add(f.scope.id)}`);
  if (!f.includeArchived) {
    c.push('NOT t.archived');
    // Rule 4 in SQL, for filters that name a scope rather than its precomputed list ids.
    const containers = f.listIds || f.excludeListIds ? null : ARCHIVED_BELOW[f.scope?.kind ?? 'workspace'];
    if (containers) {
      c.push(`NOT EXISTS (SELECT 1 FROM lists al LEFT JOIN folders af ON af.id = al.folder_id LEFT JOIN spaces asp ON asp.id = al.space_id
        WHERE al.id = t.list_id AND (${containers}))`);
    }
  }
  if (!f.includeSubtasks) c.push('t.parent_id IS NULL');
  if (!f.includeClosed) c.push(`NOT (${FINISHED})`);
  if (f.categories?.length) c.push(`t.status_category = ANY(${p.add(f.categories)}::text[])`);
  if (f.statuses?.length) c.push(`lower(t.status) = ANY(${p.add(statusKeys(f.statuses))}::text[])`);
  // The person's task ids first (hundreds, through idx_task_assignees_user), then those tasks by
  // id. Written as a semi-join, the planner walked the whole workspace in date_updated order to
  // fill a page, betting the person's tasks were spread evenly: 209 ms instead of 5 ms for the
  // busiest person of `large` (docs/benchmarks.md).
  if (f.assigneeId !== undefined)
    c.push(`t.id = ANY(ARRAY(SELECT a.task_id FROM task_assignees a WHERE a.user_id = ${p.add(f.assigneeId)}::bigint))`);
  if (f.dueFrom !== undefined) c.push(`t.due_date >= ${p.instant(f.dueFrom)}`);
  if (f.dueTo !== undefined) c.push(`t.due_date < ${p.instant(f.dueTo)}`);
  if (f.updatedFrom !== undefined) c.push(`t.date_updated >= ${p.instant(f.updatedFrom)}`);
  if (f.updatedTo !== undefined) c.push(`t.date_updated < ${p.instant(f.updatedTo)}`);
  if (f.finishedFrom !== undefined) c.push(`${FINISHED} AND coalesce(t.date_done, t.date_closed) >= ${p.instant(f.finishedFrom)}`);
  if (f.finishedTo !== undefined) c.push(`${FINISHED} AND coalesce(t.date_done, t.date_closed) < ${p.instant(f.finishedTo)}`);
  if (f.createdFrom !== undefined) c.push(`t.date_created >= ${p.instant(f.createdFrom)}`);
  if (f.overdueAt !== undefined) c.push(`NOT (${FINISHED}) AND t.due_date < ${p.instant(f.overdueAt)}`);
  if (f.search) c.push(`t.id IN (SELECT s.id FROM task_search s WHERE ${searchWords(f, p)})`);
  if (f.ids) c.push(`t.id = ANY(${p.add(f.ids)}::text[])`);
  if (f.hasEstimate !== undefined) c.push(f.hasEstimate ? 't.time_estimate > 0' : '(t.time_estimate IS NULL OR t.time_estimate <= 0)');
  if (f.hasAssignee !== undefined) c.push(`${f.hasAssignee ? '' : 'NOT '}EXISTS (SELECT 1 FROM task_assignees a WHERE a.task_id = t.id)`);
  return c.join(' AND ');
}

/**
 * Every word in the lowered name-and-description document, one condition per word (the trigram
 * index serves plain LIKE conditions, not LIKE ALL). lower(doc) LIKE lower(pattern) is what
 * ILIKE does in a UTF-8 database.
 */
function searchWords(f: TaskFilter, p: Params): string {
  return f.search!.words.map((w) => `${SEARCH_DOC} LIKE lower(${p.add(w)}::text)`).join(' AND ');
}

/** A search's filter on task_search (alias s): scope lists, archived, level, closed, category and the words. */
function searchWhere(f: TaskFilter, p: Params): string {
  if (beyondCounts(f) || f.statuses?.length) throw new Error('A keyword search filters by scope, archived, level, category and words only.');
  const c = [`s.workspace_id = ${p.add(f.workspaceId)}`, ...listWhere(f, p, 's.list_id')];
  if (!f.includeArchived) c.push('NOT s.archived');
  if (!f.includeSubtasks) c.push('s.top_level');
  if (!f.includeClosed) c.push(`s.status_category NOT IN ('done', 'closed')`);
  if (f.categories?.length) c.push(`s.status_category = ANY(${p.add(f.categories)}::text[])`);
  c.push(searchWords(f, p));
  return c.join(' AND ');
}

/** A filter task_counts can answer: home list, archived, level, status and category only. */
export function countable(f: TaskFilter): boolean {
  return !beyondCounts(f) && !f.search;
}

/** Filters that task_counts and task_search cannot answer: those need the tasks table itself. */
function beyondCounts(f: TaskFilter): boolean {
  return (
    f.scope != null ||
    f.assigneeId !== undefined ||
    f.dueFrom !== undefined ||
    f.dueTo !== undefined ||
    f.updatedFrom !== undefined ||
    f.updatedTo !== undefined ||
    f.finishedFrom !== undefined ||
    f.finishedTo !== undefined ||
    f.createdFrom !== undefined ||
    f.overdueAt !== undefined ||
    f.ids !== undefined ||
    f.hasEstimate !== undefined ||
    f.hasAssignee !== undefined
  );
}

/** The same filter over task_counts (for countable filters): one row per list, status and level. */
function countsWhere(f: TaskFilter, p: Params): string {
  const c = [`c.workspace_id = ${p.add(f.workspaceId)}`, 'NOT c.deleted', ...listWhere(f, p, 'c.list_id')];
  if (!f.includeArchived) c.push('NOT c.archived');
  if (!f.includeSubtasks) c.push('c.top_level');
  if (!f.includeClosed) c.push(`c.status_category NOT IN ('done', 'closed')`);
  if (f.categories?.length) c.push(`c.status_category = ANY(${p.add(f.categories)}::text[])`);
  if (f.statuses?.length) c.push(`lower(c.status) = ANY(${p.add(statusKeys(f.statuses))}::text[])`);
  return c.join(' AND ');
}

/**
 * Case-insensitive matching as lower(text) LIKE lower(pattern): what ILIKE does in a UTF-8
 * database, without lowering the pattern again for every row (ranking thousands of matches
 * with ILIKE cost ~70 ms, this ~4 ms: docs/benchmarks.md).
 */
const lowerPhrase = (f: TaskFilter, p: Params) => `lower(${p.add(f.search!.phrase)}::text)`;
const lowerWords = (f: TaskFilter, p: Params) => `ARRAY(SELECT lower(w) FROM unnest(${p.add(f.search!.words)}::text[]) w)`;

function orderBy(order: TaskOrder, f: TaskFilter, p: Params): string {
  if (order !== 'relevance' || !f.search) return ORDER[order === 'relevance' ? 'updated' : order];
  return relevance(f, p);
}

/** Phrase in the name, then every word in the name, then the same in the description; newest first (on task_search s). */
function relevance(f: TaskFilter, p: Params): string {
  return `${relevanceRank(f, p)}, s.date_updated DESC, s.id`;
}

/**
 * A hit's rank: the phrase in the name, every word in the name, the phrase in the description,
 * every word there, else spread over both. Each word is its own constant condition: LIKE ALL
 * over a subquery's array took the array apart again for every hit (~12 ms of 58 for the
 * 15,841 hits of 'review' on `large`). A one-word query is its own phrase, so its ranks 1 and
 * 3 would only repeat 0 and 2.
 */
function relevanceRank(f: TaskFilter, p: Params): string {
  const { phrase, words } = f.search!;
  const ph = lowerPhrase(f, p);
  if (words.length === 1 && words[0] === phrase) return `CASE WHEN s.name_l LIKE ${ph} THEN 0 WHEN s.desc_l LIKE ${ph} THEN 2 ELSE 4 END`;
  const lowered = words.map((w) => `lower(${p.add(w)}::text)`);
  const every = (column: string) => lowered.map((w) => `${column} LIKE ${w}`).join(' AND ');
  return `CASE WHEN s.name_l LIKE ${ph} THEN 0 WHEN ${every('s.name_l')} THEN 1
    WHEN s.desc_l LIKE ${ph} THEN 2 WHEN ${every('s.desc_l')} THEN 3 ELSE 4 END`;
}

/** A page of tasks (or of ranked search hits) in `order`, numbered, with the total when asked for. */
function pageSql(
  f: TaskFilter,
  order: TaskOrder,
  p: Params,
  limit: number,
  offset: number,
  nowMs: number,
  ranked: boolean,
  withTotal: boolean,
): string {
  const where = ranked ? searchWhere(f, p) : taskWhere(f, p);
  // The same ORDER BY text (same parameters) for the window and the page, so an index that
  // delivers that order serves both and the LIMIT stops the scan early.
  const sort = ranked ? relevance(f, p) : orderBy(order, f, p);
  const alias = ranked ? 's' : 't';
  return `
    WITH page AS (
      SELECT ${alias}.id, row_number() OVER (ORDER BY ${sort}) AS ord, ${withTotal ? 'count(*) OVER ()' : 'NULL::bigint'} AS total
      FROM ${ranked ? 'task_search' : 'tasks'} ${alias} WHERE ${where}
      ORDER BY ${sort} LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}
    )
    ${pageSelect(p, f.workspaceId, nowMs, matchedInSql(f, p))}`;
}

/**
 * A ranked search's page and total: the hits are read and ranked once into a small
 * materialized set (id, rank, updated), then counted, and only the page is sorted out of them
 * (top-N) and numbered. A window count and numbering over the full sort of every hit took
 * 58 ms for 'review' on `large` (15,841 hits).
 */
function rankedWithTotalSql(f: TaskFilter, p: Params, limit: number, offset: number, nowMs: number): string {
  const where = searchWhere(f, p);
  const rank = relevanceRank(f, p);
  return `
    WITH hits AS MATERIALIZED (
      SELECT s.id, ${rank} AS rank, s.date_updated FROM task_search s WHERE ${where}
    ), page AS (
      SELECT top.id, row_number() OVER (ORDER BY top.rank, top.date_updated DESC, top.id) AS ord, (SELECT count(*) FROM hits) AS total
      FROM (SELECT h.id, h.rank, h.date_updated FROM hits h ORDER BY h.rank, h.date_updated DESC, h.id LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}) top
    )
    ${pageSelect(p, f.workspaceId, nowMs, matchedInSql(f, p))}`;
}

/** Where a hit matched, for the rows of a page only. */
function matchedInSql(f: TaskFilter, p: Params): string {
  if (!f.search) return 'NULL::text';
  const words = lowerWords(f, p);
  return `CASE WHEN lower(t.name) LIKE ALL(${words}) THEN 'name' WHEN lower(${DESCRIPTION}) LIKE ALL(${words}) THEN 'description' ELSE 'name_and_description' END`;
}

/**
 * The task columns of a listing, for the ids of a `page` CTE (id, ord, total). Assignees and
 * direct time are aggregated once for the page's ids (set-based: no per-row subqueries).
 */
function pageSelect(p: Params, workspaceId: string, nowMs: number, matchedIn = 'NULL::text'): string {
  return `
    SELECT t.id, t.custom_id, t.name, t.status, t.status_category, t.priority, t.list_id, l.name AS list_name, t.parent_id,
           t.due_date, t.date_created, t.date_updated, t.date_done, t.date_closed, t.time_estimate, t.archived,
           coalesce(asg.people, '[]'::json) AS assignees, coalesce(tt.direct_ms, 0) AS direct_ms,
           coalesce(tt.running, false) AS running, ${matchedIn} AS matched_in, page.total
    FROM page
    JOIN tasks t ON t.id = page.id
    LEFT JOIN lists l ON l.id = t.list_id
    LEFT JOIN (
      SELECT a.task_id, json_agg(json_build_object('id', a.user_id, 'name', coalesce(m.username, m.email, a.user_id::text))
                                 ORDER BY coalesce(m.username, m.email, a.user_id::text)) AS people
      FROM task_assignees a LEFT JOIN members m ON m.workspace_id = ${p.add(workspaceId)} AND m.user_id = a.user_id
      WHERE a.task_id IN (SELECT id FROM page)
      GROUP BY a.task_id
    ) asg ON asg.task_id = t.id
    LEFT JOIN (${lifetimeTaskTimeSql('IN (SELECT id FROM page)', p.instant(nowMs))}) tt ON tt.task_id = t.id
    ORDER BY page.ord`;
}

const SKELETON = 't.id, t.parent_id, t.time_estimate, t.archived, t.date_created';
const toSkeleton = (r: Record<string, unknown>): TreeSkeletonRow => ({
  id: r.id as string,
  parentId: (r.parent_id as string | null) ?? null,
  timeEstimate: numOrNull(r.time_estimate),
  archived: Boolean(r.archived),
  dateCreated: new Date(r.date_created as string).getTime(),
  directMs: 0,
  running: false,
});

export const num = (v: unknown): number => Number(v);
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const ms = (v: unknown): number | null => (v === null || v === undefined ? null : new Date(v as string | Date).getTime());
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

function toTaskRow(r: Record<string, unknown>): TaskRow {
  return {
    id: r.id as string,
    customId: r.custom_id as string | null,
    name: r.name as string,
    status: r.status as string,
    category: r.status_category as StatusCategory,
    priority: numOrNull(r.priority),
    listId: r.list_id as string,
    listName: (r.list_name as string | null) ?? (r.list_id as string),
    parentId: r.parent_id as string | null,
    assignees: json<{ id: number | string; name: string }[]>(r.assignees).map((a) => ({ id: Number(a.id), name: a.name })),
    dueDate: ms(r.due_date),
    dateCreated: ms(r.date_created) as number,
    dateUpdated: ms(r.date_updated) as number,
    dateDone: ms(r.date_done),
    dateClosed: ms(r.date_closed),
    timeEstimate: numOrNull(r.time_estimate),
    archived: Boolean(r.archived),
    directMs: num(r.direct_ms),
    running: Boolean(r.running),
    matchedIn: (r.matched_in as MatchedIn | null) ?? null,
  };
}

@Injectable()
export class TaskQueryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** How many tasks match: from task_counts when the filter allows (no scan), else counted. */
  async countTasks(f: TaskFilter): Promise<number> {
    const p = new Params();
    const sql = f.search
      ? `SELECT count(*)::int AS n FROM task_search s WHERE ${searchWhere(f, p)}`
      : countable(f)
        ? `SELECT coalesce(sum(c.n), 0)::int AS n FROM task_counts c WHERE ${countsWhere(f, p)}`
        : `SELECT count(*)::int AS n FROM tasks t WHERE ${taskWhere(f, p)}`;
    const [row] = await this.ds.query(sql, p.values);
    return num(row.n);
  }

  /** One page of the tasks matching `f`, in `order`, with assignees and direct time. */
  async findTasks(f: TaskFilter, order: TaskOrder, limit: number, offset: number, nowMs: number): Promise<TaskRow[]> {
    return (await this.page(f, order, limit, offset, nowMs, false)).rows;
  }

  /**
   * A page and the number of matches in one pass over the matches (instead of a count and a
   * page): worth it when every match must be read anyway, as for a ranked search. `total` is
   * null when the page is empty (offset past the end): count separately then.
   */
  async findTasksWithTotal(
    f: TaskFilter,
    order: TaskOrder,
    limit: number,
    offset: number,
    nowMs: number,
  ): Promise<{ rows: TaskRow[]; total: number | null }> {
    return this.page(f, order, limit, offset, nowMs, true);
  }

  private async page(f: TaskFilter, order: TaskOrder, limit: number, offset: number, nowMs: number, withTotal: boolean) {
    const p = new Params();
    // A ranked search reads the narrow task_search table; everything else the tasks table.
    const ranked = order === 'relevance' && !!f.search;
    const sql = ranked && withTotal ? rankedWithTotalSql(f, p, limit, offset, nowMs) : pageSql(f, order, p, limit, offset, nowMs, ranked, withTotal);
    const raw: Record<string, unknown>[] = await this.ds.query(sql, p.values);
    return { rows: raw.map(toTaskRow), total: raw.length ? numOrNull(raw[0].total) : null };
  }

  /** The first `limit` tasks of each status category (for grouped answers). */
  async findTasksPerCategory(f: TaskFilter, order: TaskOrder, limit: number, nowMs: number): Promise<TaskRow[]> {
    const p = new Params();
    const where = taskWhere(f, p);
    const sql = `
      WITH ranked AS (
        SELECT t.id, row_number() OVER (PARTITION BY t.status_category ORDER BY ${orderBy(order, f, p)}) AS ord
        FROM tasks t WHERE ${where}
      ), page AS (SELECT id, ord, NULL::bigint AS total FROM ranked WHERE ord <= ${p.add(limit)})
      ${pageSelect(p, f.workspaceId, nowMs)}`;
    return (await this.ds.query<Record<string, unknown>[]>(sql, p.values)).map(toTaskRow);
  }

  /**
   * Tasks matching `f` counted per status, category and level, from task_counts when the filter
   * allows (no scan). `finishedSince` adds throughput, which needs the tasks themselves.
   */
  async statusCounts(f: TaskFilter, finishedSinceMs?: number): Promise<StatusCountRow[]> {
    const p = new Params();
    let sql: string;
    if (finishedSinceMs === undefined && countable(f)) {
      sql = `SELECT c.status, c.status_category, c.top_level, sum(c.n)::int AS n, 0 AS finished_recently
             FROM task_counts c WHERE ${countsWhere(f, p)}
             GROUP BY c.status, c.status_category, c.top_level HAVING sum(c.n) > 0`;
    } else {
      const where = taskWhere(f, p);
      const recent =
        finishedSinceMs === undefined ? 'false' : `${FINISHED} AND coalesce(t.date_done, t.date_closed) >= ${p.instant(finishedSinceMs)}`;
      sql = `SELECT t.status, t.status_category, (t.parent_id IS NULL) AS top_level, count(*)::int AS n,
                    count(*) FILTER (WHERE ${recent})::int AS finished_recently
             FROM tasks t WHERE ${where}
             GROUP BY t.status, t.status_category, (t.parent_id IS NULL)`;
    }
    const rows: Record<string, unknown>[] = await this.ds.query(sql, p.values);
    return rows.map((r) => ({
      status: r.status as string,
      category: r.status_category as StatusCategory,
      topLevel: Boolean(r.top_level),
      count: num(r.n),
      finishedRecently: num(r.finished_recently),
    }));
  }

  /** A live task by id or custom id (case-insensitive), preferring an exact id. */
  async findTaskRef(workspaceId: string, given: string): Promise<TaskRefRow | null> {
    const [r] = await this.ds.query(
      `SELECT id, custom_id, name, list_id FROM tasks
       WHERE workspace_id = $1 AND deleted_at IS NULL AND (id = $2 OR upper(custom_id) = upper($2))
       ORDER BY (id = $2) DESC LIMIT 1`,
      [workspaceId, text(given).trim()],
    );
    return r ? { id: r.id, customId: r.custom_id, name: r.name, listId: r.list_id } : null;
  }

  /** Tasks whose name contains `given`, exact names first: candidates for "did you mean". */
  async taskNameCandidates(workspaceId: string, given: string, limit: number): Promise<TaskCandidateRow[]> {
    const q = text(given).trim();
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT t.id, t.custom_id, t.name, coalesce(l.name, t.list_id) AS list_name, lower(t.name) = lower($2) AS exact
       FROM tasks t LEFT JOIN lists l ON l.id = t.list_id
       WHERE t.workspace_id = $1 AND t.deleted_at IS NULL AND t.name ILIKE $3
       ORDER BY exact DESC, t.date_updated DESC, t.id LIMIT $4`,
      [workspaceId, q, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit],
    );
    return rows.map((r) => ({
      id: r.id as string,
      customId: r.custom_id as string | null,
      name: r.name as string,
      listName: r.list_name as string,
      exact: Boolean(r.exact),
    }));
  }

  async taskDetail(workspaceId: string, id: string): Promise<TaskDetailRow | null> {
    const [r] = await this.ds.query(
      `SELECT t.id, t.custom_id, t.name, t.url, t.status, t.status_category, t.priority, t.archived,
              coalesce(nullif(t.description, ''), t.text_content) AS description, t.tags,
              t.date_created, t.date_updated, t.start_date, t.due_date, t.date_done, t.date_closed, t.time_estimate,
              t.list_id, coalesce(l.name, t.list_id) AS list_name, t.folder_id, f.name AS folder_name,
              t.space_id, coalesce(s.name, t.space_id) AS space_name, p.id AS parent_id, p.name AS parent_name,
              t.creator_id, coalesce(cm.username, cm.email) AS creator_name,
              coalesce((SELECT json_agg(json_build_object('id', a.user_id, 'name', coalesce(m.username, m.email, a.user_id::text), 'email', m.email)
                                        ORDER BY coalesce(m.username, m.email, a.user_id::text))
                        FROM task_assignees a LEFT JOIN members m ON m.workspace_id = t.workspace_id AND m.user_id = a.user_id
                        WHERE a.task_id = t.id), '[]'::json) AS assignees,
              coalesce((SELECT json_agg(json_build_object('id', w.user_id, 'name', coalesce(m.username, m.email, w.user_id::text))
                                        ORDER BY coalesce(m.username, m.email, w.user_id::text))
                        FROM task_watchers w LEFT JOIN members m ON m.workspace_id = t.workspace_id AND m.user_id = w.user_id
                        WHERE w.task_id = t.id), '[]'::json) AS watchers,
              coalesce((SELECT json_agg(json_build_object('id', xl.id, 'name', xl.name) ORDER BY xl.name, xl.id)
                        FROM task_lists x JOIN lists xl ON xl.id = x.list_id AND xl.deleted_at IS NULL
                        WHERE x.task_id = t.id), '[]'::json) AS extra_lists
       FROM tasks t
       LEFT JOIN lists l ON l.id = t.list_id
       LEFT JOIN folders f ON f.id = t.folder_id
       LEFT JOIN spaces s ON s.id = t.space_id
       LEFT JOIN tasks p ON p.id = t.parent_id AND p.deleted_at IS NULL
       LEFT JOIN members cm ON cm.workspace_id = t.workspace_id AND cm.user_id = t.creator_id
       WHERE t.workspace_id = $1 AND t.id = $2 AND t.deleted_at IS NULL`,
      [workspaceId, id],
    );
    if (!r) return null;
    return {
      id: r.id,
      customId: r.custom_id,
      name: r.name,
      url: r.url,
      status: r.status,
      category: r.status_category,
      priority: numOrNull(r.priority),
      archived: Boolean(r.archived),
      description: r.description,
      tags: r.tags ?? [],
      dateCreated: ms(r.date_created) as number,
      dateUpdated: ms(r.date_updated) as number,
      startDate: ms(r.start_date),
      dueDate: ms(r.due_date),
      dateDone: ms(r.date_done),
      dateClosed: ms(r.date_closed),
      timeEstimate: numOrNull(r.time_estimate),
      list: { id: r.list_id, name: r.list_name },
      folder: r.folder_id ? { id: r.folder_id, name: r.folder_name ?? r.folder_id } : null,
      space: { id: r.space_id, name: r.space_name },
      parent: r.parent_id ? { id: r.parent_id, name: r.parent_name } : null,
      creator: r.creator_id == null ? null : { id: Number(r.creator_id), name: r.creator_name ?? String(r.creator_id) },
      assignees: json<{ id: number | string; name: string; email: string | null }[]>(r.assignees).map((a) => ({ ...a, id: Number(a.id) })),
      watchers: json<{ id: number | string; name: string }[]>(r.watchers).map((w) => ({ ...w, id: Number(w.id) })),
      extraLists: json<{ id: string; name: string }[]>(r.extra_lists),
    };
  }

  /**
   * A forest as skeletons, in one statement: the roots (these ids, or the roots of a list's
   * trees) and every live task below them at any depth, wherever it lives. The recursion steps
   * through a LATERAL index lookup per node (idx_tasks_parent), so its cost follows the tree's
   * size; a plain recursive join let the planner guess 68,000 rows for 760 and hash-join the
   * whole table (docs/benchmarks.md). UNION (not UNION ALL) ends a parent cycle.
   */
  async treeSkeleton(
    workspaceId: string,
    anchor: { ids: string[] } | { listId: string; includeArchived: boolean },
  ): Promise<{ rootIds: string[]; nodes: TreeSkeletonRow[] }> {
    const roots =
      'ids' in anchor
        ? `SELECT ${SKELETON}, true FROM tasks t WHERE t.id = ANY($2::text[]) AND t.workspace_id = $1 AND t.deleted_at IS NULL`
        : `SELECT ${SKELETON}, true FROM tasks t
         LEFT JOIN tasks p ON p.id = t.parent_id AND p.deleted_at IS NULL
         WHERE t.workspace_id = $1 AND t.list_id = $2 AND t.deleted_at IS NULL AND ($3 OR NOT t.archived)
           AND (p.id IS NULL OR p.list_id <> t.list_id)`;
    const rows: Record<string, unknown>[] = await this.ds.query(
      `WITH RECURSIVE tree(id, parent_id, time_estimate, archived, date_created, is_root) AS (
         ${roots}
         UNION
         SELECT c.id, c.parent_id, c.time_estimate, c.archived, c.date_created, false
         FROM tree CROSS JOIN LATERAL (
           SELECT x.id, x.parent_id, x.time_estimate, x.archived, x.date_created FROM tasks x
           WHERE x.parent_id = tree.id AND x.workspace_id = $1 AND x.deleted_at IS NULL
           OFFSET 0 -- a fence: pulled up into a join, the lookup per node became a hash join over all tasks
         ) c
       )
       SELECT * FROM tree ORDER BY date_created, id`,
      'ids' in anchor ? [workspaceId, anchor.ids] : [workspaceId, anchor.listId, anchor.includeArchived],
    );
    const nodes = new Map<string, TreeSkeletonRow>();
    const rootSet = new Set<string>();
    for (const r of rows) {
      if (r.is_root) rootSet.add(r.id as string);
      if (!nodes.has(r.id as string)) nodes.set(r.id as string, toSkeleton(r));
    }
    return { rootIds: [...rootSet], nodes: [...nodes.values()] };
  }

  /** Each task's own lifetime time (maintained totals plus running timers up to `now`): the time facts' sums. */
  async directTimes(ids: string[], nowMs: number): Promise<Map<string, { directMs: number; running: boolean }>> {
    const rows: Record<string, unknown>[] = await this.ds.query(lifetimeTaskTimeSql('= ANY($1::text[])', '$2::timestamptz'), [
      ids,
      new Date(nowMs).toISOString(),
    ]);
    return new Map(rows.map((r) => [r.task_id as string, { directMs: num(r.direct_ms), running: Boolean(r.running) }]));
  }

  /** These live tasks as full rows (with direct time and assignees), oldest first. */
  async taskNodes(workspaceId: string, ids: string[], nowMs: number): Promise<TaskRow[]> {
    const p = new Params();
    const sql = `
      WITH page AS (
        SELECT t.id, row_number() OVER (ORDER BY t.date_created, t.id) AS ord, NULL::bigint AS total
        FROM tasks t WHERE t.id = ANY(${p.add(ids)}::text[]) AND t.workspace_id = ${p.add(workspaceId)} AND t.deleted_at IS NULL
      )
      ${pageSelect(p, workspaceId, nowMs)}`;
    return (await this.ds.query<Record<string, unknown>[]>(sql, p.values)).map(toTaskRow);
  }

  /**
   * (Where a list's trees start, in treeSkeleton: its top-level tasks, plus its subtasks whose
   * parent lives in another list or is gone, so every task of the list is in some tree.)
   */

  /** What the task waits on and what waits on it, with names and statuses. */
  async dependencies(taskId: string): Promise<DependencyRow[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT 'waiting_on' AS direction, o.id, o.custom_id, o.name, o.status, o.status_category
       FROM task_dependencies d JOIN tasks o ON o.id = d.depends_on AND o.deleted_at IS NULL WHERE d.task_id = $1
       UNION ALL
       SELECT 'blocking' AS direction, o.id, o.custom_id, o.name, o.status, o.status_category
       FROM task_dependencies d JOIN tasks o ON o.id = d.task_id AND o.deleted_at IS NULL WHERE d.depends_on = $1
       ORDER BY 1, 4, 2`,
      [taskId],
    );
    return rows.map((r) => ({
      direction: r.direction as DependencyRow['direction'],
      id: r.id as string,
      customId: r.custom_id as string | null,
      name: r.name as string,
      status: r.status as string,
      category: r.status_category as StatusCategory,
    }));
  }
}
