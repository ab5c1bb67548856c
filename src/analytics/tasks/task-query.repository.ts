import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StatusCategory } from '../../common/status-category';
import { StatusCountRow } from './list-progress';
import {
  DependencyRow, TaskCandidateRow, TaskDetailRow, TaskFilter, TaskOrder, TaskRefRow, TaskRow, TaskScopeKind,
} from './task-query.types';
import { MatchedIn } from './task-search-terms';

/**
 * Reads of tasks for the tasks toolset: one query per method, parameterised, valid on
 * PostgreSQL 15 and PGlite. Deleted tasks and time entries never come back. A task's scope is
 * its home location (list/folder/space columns), as in get_list's counts. The filter builder
 * is shared with TaskWorkloadRepository.
 */

export const SCOPE_COLUMN: Record<TaskScopeKind, string> = { space: 'space_id', folder: 'folder_id', list: 'list_id' };
const FINISHED = `t.status_category IN ('done', 'closed')`;

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
const text = (s: string) => s.replace(/\u0000/g, '');

export function taskWhere(f: TaskFilter, p: Params): string {
  const c = [`t.workspace_id = ${p.add(f.workspaceId)}`, 't.deleted_at IS NULL'];
  if (f.scope) c.push(`t.${SCOPE_COLUMN[f.scope.kind]} = ${p.add(f.scope.id)}`);
  if (!f.includeArchived) {
    c.push('NOT t.archived');
    const containers = ARCHIVED_BELOW[f.scope?.kind ?? 'workspace'];
    if (containers) {
      c.push(`NOT EXISTS (SELECT 1 FROM lists al LEFT JOIN folders af ON af.id = al.folder_id LEFT JOIN spaces asp ON asp.id = al.space_id
        WHERE al.id = t.list_id AND (${containers}))`);
    }
  }
  if (!f.includeSubtasks) c.push('t.parent_id IS NULL');
  if (!f.includeClosed) c.push(`NOT ${FINISHED}`);
  if (f.categories?.length) c.push(`t.status_category = ANY(${p.add(f.categories)}::text[])`);
  if (f.statuses?.length) c.push(`lower(t.status) = ANY(${p.add(f.statuses.map((s) => text(s).trim().toLowerCase()))}::text[])`);
  if (f.assigneeId !== undefined) {
    c.push(`EXISTS (SELECT 1 FROM task_assignees a WHERE a.task_id = t.id AND a.user_id = ${p.add(f.assigneeId)}::bigint)`);
  }
  if (f.dueFrom !== undefined) c.push(`t.due_date >= ${p.instant(f.dueFrom)}`);
  if (f.dueTo !== undefined) c.push(`t.due_date < ${p.instant(f.dueTo)}`);
  if (f.updatedFrom !== undefined) c.push(`t.date_updated >= ${p.instant(f.updatedFrom)}`);
  if (f.updatedTo !== undefined) c.push(`t.date_updated < ${p.instant(f.updatedTo)}`);
  if (f.finishedFrom !== undefined) c.push(`${FINISHED} AND coalesce(t.date_done, t.date_closed) >= ${p.instant(f.finishedFrom)}`);
  if (f.finishedTo !== undefined) c.push(`${FINISHED} AND coalesce(t.date_done, t.date_closed) < ${p.instant(f.finishedTo)}`);
  if (f.createdFrom !== undefined) c.push(`t.date_created >= ${p.instant(f.createdFrom)}`);
  if (f.overdueAt !== undefined) c.push(`NOT ${FINISHED} AND t.due_date < ${p.instant(f.overdueAt)}`);
  if (f.search) c.push(`(t.name || ' ' || ${DESCRIPTION}) ILIKE ALL(${p.add(f.search.words)}::text[])`);
  if (f.ids) c.push(`t.id = ANY(${p.add(f.ids)}::text[])`);
  if (f.hasEstimate !== undefined) c.push(f.hasEstimate ? 't.time_estimate > 0' : '(t.time_estimate IS NULL OR t.time_estimate <= 0)');
  if (f.hasAssignee !== undefined) c.push(`${f.hasAssignee ? '' : 'NOT '}EXISTS (SELECT 1 FROM task_assignees a WHERE a.task_id = t.id)`);
  return c.join(' AND ');
}

function orderBy(order: TaskOrder, f: TaskFilter, p: Params): string {
  if (order !== 'relevance' || !f.search) return ORDER[order === 'relevance' ? 'updated' : order];
  // Phrase in the name, then every word in the name, then the same in the description; newest first.
  const phrase = p.add(f.search.phrase);
  const words = `${p.add(f.search.words)}::text[]`;
  return `CASE WHEN t.name ILIKE ${phrase} THEN 0 WHEN t.name ILIKE ALL(${words}) THEN 1
    WHEN ${DESCRIPTION} ILIKE ${phrase} THEN 2 WHEN ${DESCRIPTION} ILIKE ALL(${words}) THEN 3 ELSE 4 END, t.date_updated DESC, t.id`;
}

function matchedInSql(f: TaskFilter, p: Params): string {
  if (!f.search) return 'NULL::text';
  const words = `${p.add(f.search.words)}::text[]`;
  return `CASE WHEN t.name ILIKE ALL(${words}) THEN 'name' WHEN ${DESCRIPTION} ILIKE ALL(${words}) THEN 'description' ELSE 'name_and_description' END`;
}

/**
 * The task columns of a listing, for the ids of a `page` CTE (id, ord, matched_in). Time is
 * summed per task only for the rows of the page, not for everything the filter matched.
 */
function pageSelect(p: Params, nowMs: number): string {
  return `
    SELECT t.id, t.custom_id, t.name, t.status, t.status_category, t.priority, t.list_id, l.name AS list_name, t.parent_id,
           t.due_date, t.date_created, t.date_updated, t.date_done, t.date_closed, t.time_estimate, t.archived,
           coalesce(asg.people, '[]'::json) AS assignees, coalesce(tt.direct_ms, 0) AS direct_ms,
           coalesce(tt.running, false) AS running, page.matched_in
    FROM page
    JOIN tasks t ON t.id = page.id
    LEFT JOIN lists l ON l.id = t.list_id
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_object('id', a.user_id, 'name', coalesce(m.username, m.email, a.user_id::text))
                      ORDER BY coalesce(m.username, m.email, a.user_id::text)) AS people
      FROM task_assignees a LEFT JOIN members m ON m.workspace_id = t.workspace_id AND m.user_id = a.user_id
      WHERE a.task_id = t.id
    ) asg ON true
    LEFT JOIN LATERAL (
      SELECT sum(CASE WHEN e.running THEN greatest(0, extract(epoch FROM (${p.instant(nowMs)} - e.start_at)) * 1000)
                      ELSE coalesce(e.duration_ms, 0) END)::bigint AS direct_ms,
             bool_or(e.running) AS running
      FROM time_entries e WHERE e.task_id = t.id AND e.deleted_at IS NULL
    ) tt ON true
    ORDER BY page.ord`;
}

export const num = (v: unknown): number => Number(v);
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const ms = (v: unknown): number | null => (v === null || v === undefined ? null : new Date(v as string | Date).getTime());
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

function toTaskRow(r: Record<string, unknown>): TaskRow {
  return {
    id: r.id as string, customId: r.custom_id as string | null, name: r.name as string, status: r.status as string,
    category: r.status_category as StatusCategory, priority: numOrNull(r.priority), listId: r.list_id as string,
    listName: (r.list_name as string | null) ?? (r.list_id as string), parentId: r.parent_id as string | null,
    assignees: json<{ id: number | string; name: string }[]>(r.assignees).map((a) => ({ id: Number(a.id), name: a.name })),
    dueDate: ms(r.due_date), dateCreated: ms(r.date_created) as number, dateUpdated: ms(r.date_updated) as number,
    dateDone: ms(r.date_done), dateClosed: ms(r.date_closed), timeEstimate: numOrNull(r.time_estimate), archived: Boolean(r.archived),
    directMs: num(r.direct_ms), running: Boolean(r.running), matchedIn: (r.matched_in as MatchedIn | null) ?? null,
  };
}

@Injectable()
export class TaskQueryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async countTasks(f: TaskFilter): Promise<number> {
    const p = new Params();
    const [row] = await this.ds.query(`SELECT count(*)::int AS n FROM tasks t WHERE ${taskWhere(f, p)}`, p.values);
    return num(row.n);
  }

  /** One page of the tasks matching `f`, in `order`, with assignees and direct time. */
  async findTasks(f: TaskFilter, order: TaskOrder, limit: number, offset: number, nowMs: number): Promise<TaskRow[]> {
    const p = new Params();
    const where = taskWhere(f, p);
    const sql = `
      WITH page AS (
        SELECT t.id, row_number() OVER (ORDER BY ${orderBy(order, f, p)}) AS ord, ${matchedInSql(f, p)} AS matched_in
        FROM tasks t WHERE ${where}
        ORDER BY ord LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}
      )
      ${pageSelect(p, nowMs)}`;
    return (await this.ds.query(sql, p.values)).map(toTaskRow);
  }

  /** The first `limit` tasks of each status category (for grouped answers). */
  async findTasksPerCategory(f: TaskFilter, order: TaskOrder, limit: number, nowMs: number): Promise<TaskRow[]> {
    const p = new Params();
    const where = taskWhere(f, p);
    const sql = `
      WITH ranked AS (
        SELECT t.id, row_number() OVER (PARTITION BY t.status_category ORDER BY ${orderBy(order, f, p)}) AS ord
        FROM tasks t WHERE ${where}
      ), page AS (SELECT id, ord, NULL::text AS matched_in FROM ranked WHERE ord <= ${p.add(limit)})
      ${pageSelect(p, nowMs)}`;
    return (await this.ds.query(sql, p.values)).map(toTaskRow);
  }

  /** Tasks matching `f` counted per status, category and level; `finishedSince` adds throughput. */
  async statusCounts(f: TaskFilter, finishedSinceMs?: number): Promise<StatusCountRow[]> {
    const p = new Params();
    const where = taskWhere(f, p);
    const recent = finishedSinceMs === undefined ? 'false' : `${FINISHED} AND coalesce(t.date_done, t.date_closed) >= ${p.instant(finishedSinceMs)}`;
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT t.status, t.status_category, (t.parent_id IS NULL) AS top_level, count(*)::int AS n,
              count(*) FILTER (WHERE ${recent})::int AS finished_recently
       FROM tasks t WHERE ${where}
       GROUP BY t.status, t.status_category, (t.parent_id IS NULL)`,
      p.values,
    );
    return rows.map((r) => ({
      status: r.status as string, category: r.status_category as StatusCategory, topLevel: Boolean(r.top_level),
      count: num(r.n), finishedRecently: num(r.finished_recently),
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
    return rows.map((r) => ({ id: r.id as string, customId: r.custom_id as string | null, name: r.name as string, listName: r.list_name as string, exact: Boolean(r.exact) }));
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
      id: r.id, customId: r.custom_id, name: r.name, url: r.url, status: r.status, category: r.status_category,
      priority: numOrNull(r.priority), archived: Boolean(r.archived), description: r.description, tags: r.tags ?? [],
      dateCreated: ms(r.date_created) as number, dateUpdated: ms(r.date_updated) as number, startDate: ms(r.start_date),
      dueDate: ms(r.due_date), dateDone: ms(r.date_done), dateClosed: ms(r.date_closed), timeEstimate: numOrNull(r.time_estimate),
      list: { id: r.list_id, name: r.list_name }, folder: r.folder_id ? { id: r.folder_id, name: r.folder_name ?? r.folder_id } : null,
      space: { id: r.space_id, name: r.space_name }, parent: r.parent_id ? { id: r.parent_id, name: r.parent_name } : null,
      creator: r.creator_id == null ? null : { id: Number(r.creator_id), name: r.creator_name ?? String(r.creator_id) },
      assignees: json<{ id: number | string; name: string; email: string | null }[]>(r.assignees).map((a) => ({ ...a, id: Number(a.id) })),
      watchers: json<{ id: number | string; name: string }[]>(r.watchers).map((w) => ({ ...w, id: Number(w.id) })),
      extraLists: json<{ id: string; name: string }[]>(r.extra_lists),
    };
  }

  /**
   * The roots and every live descendant at any depth, wherever it lives (parent links, not
   * lists), oldest first. UNION (not UNION ALL) makes a parent cycle terminate.
   */
  async subtreeNodes(workspaceId: string, rootIds: string[], nowMs: number): Promise<TaskRow[]> {
    const p = new Params();
    const sql = `
      WITH RECURSIVE tree(id) AS (
        SELECT t.id FROM tasks t WHERE t.workspace_id = ${p.add(workspaceId)} AND t.id = ANY(${p.add(rootIds)}::text[]) AND t.deleted_at IS NULL
        UNION
        SELECT c.id FROM tasks c JOIN tree ON c.parent_id = tree.id WHERE c.deleted_at IS NULL
      ), page AS (
        SELECT tree.id, row_number() OVER (ORDER BY t.date_created, t.id) AS ord, NULL::text AS matched_in
        FROM tree JOIN tasks t ON t.id = tree.id
      )
      ${pageSelect(p, nowMs)}`;
    return (await this.ds.query(sql, p.values)).map(toTaskRow);
  }

  /**
   * Where a list's trees start: its top-level tasks, plus its subtasks whose parent lives in
   * another list (or is gone), so every task of the list is in some tree.
   */
  async listTreeRootIds(workspaceId: string, listId: string, includeArchived: boolean): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT t.id FROM tasks t
       LEFT JOIN tasks p ON p.id = t.parent_id AND p.deleted_at IS NULL
       WHERE t.workspace_id = $1 AND t.list_id = $2 AND t.deleted_at IS NULL AND ($3 OR NOT t.archived)
         AND (p.id IS NULL OR p.list_id <> t.list_id)
       ORDER BY t.date_created, t.id`,
      [workspaceId, listId, includeArchived],
    );
    return rows.map((r) => r.id);
  }

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
      direction: r.direction as DependencyRow['direction'], id: r.id as string, customId: r.custom_id as string | null,
      name: r.name as string, status: r.status as string, category: r.status_category as StatusCategory,
    }));
  }
}
