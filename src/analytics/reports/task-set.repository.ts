import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StatusCategory } from '../../common/status-category';
import { num, numOrNull, Params, taskWhere } from '../tasks/task-query.repository';
import { TaskFilter } from '../tasks/task-query.types';

/** A task of a task-set report: everything but time (time comes from TimeFactsRepository). */
export interface TaskSetRow {
  id: string;
  customId: string | null;
  name: string;
  status: string;
  category: StatusCategory;
  listId: string;
  listName: string;
  parentId: string | null;
  dueDate: number | null;
  dateCreated: number;
  dateUpdated: number;
  /** date_done, else date_closed, for finished tasks. */
  finishedAt: number | null;
  timeEstimate: number | null;
  assignees: { id: number; name: string }[];
}

export interface SubtreeRow {
  id: string;
  customId: string | null;
  name: string;
  status: string;
  parentId: string | null;
  listName: string;
  archived: boolean;
  timeEstimate: number | null;
  depth: number;
}

export interface StatusChangeRow {
  id: string;
  customId: string | null;
  name: string;
  status: string;
  category: StatusCategory;
  /** Status in the snapshot; null when the task is newer than it. */
  was: string | null;
}

export type EstimateGrouping = 'assignee' | 'status' | 'list';

export interface EstimateGroupRow {
  /** User id, status name or list id; null = unassigned. */
  key: string | null;
  name: string | null;
  /** For status groups. */
  category: StatusCategory | null;
  tasks: number;
  /** Σ own estimates; for assignees each task's estimate split evenly to the millisecond. */
  estimateMs: number;
}

const ms = (v: unknown): number | null => (v === null || v === undefined ? null : new Date(v as string | Date).getTime());
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** Task sets for the reports (rule 5): which tasks, their estimates, assignees, dates. One query per method. */
@Injectable()
export class TaskSetRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async tasks(f: TaskFilter, order: 'due' | 'updated' | 'created' = 'updated', limit?: number): Promise<TaskSetRow[]> {
    const p = new Params();
    const orderBy = { due: 't.due_date ASC NULLS LAST, t.id', updated: 't.date_updated DESC, t.id', created: 't.date_created DESC, t.id' }[order];
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT t.id, t.custom_id, t.name, t.status, t.status_category, t.list_id, coalesce(l.name, t.list_id) AS list_name, t.parent_id,
              t.due_date, t.date_created, t.date_updated, coalesce(t.date_done, t.date_closed) AS finished_at, t.time_estimate,
              coalesce((SELECT json_agg(json_build_object('id', a.user_id, 'name', coalesce(m.username, m.email, 'user ' || a.user_id)) ORDER BY a.user_id)
                        FROM task_assignees a LEFT JOIN members m ON m.workspace_id = t.workspace_id AND m.user_id = a.user_id
                        WHERE a.task_id = t.id), '[]'::json) AS assignees
       FROM tasks t LEFT JOIN lists l ON l.id = t.list_id
       WHERE ${taskWhere(f, p)}
       ORDER BY ${orderBy}${limit ? ` LIMIT ${p.add(limit)}` : ''}`,
      p.values,
    );
    return rows.map((r) => ({
      id: r.id as string,
      customId: r.custom_id as string | null,
      name: r.name as string,
      status: r.status as string,
      category: r.status_category as StatusCategory,
      listId: r.list_id as string,
      listName: r.list_name as string,
      parentId: r.parent_id as string | null,
      dueDate: ms(r.due_date),
      dateCreated: ms(r.date_created) as number,
      dateUpdated: ms(r.date_updated) as number,
      finishedAt: r.status_category === 'done' || r.status_category === 'closed' ? ms(r.finished_at) : null,
      timeEstimate: numOrNull(r.time_estimate),
      assignees: json<{ id: number | string; name: string }[]>(r.assignees).map((a) => ({ id: Number(a.id), name: a.name })),
    }));
  }

  /** Full rows of the given tasks, in the order of `ids`. */
  async byIds(f: TaskFilter, ids: string[]): Promise<TaskSetRow[]> {
    if (!ids.length) return [];
    const rows = await this.tasks({ ...f, ids });
    const at = new Map(ids.map((id, i) => [id, i]));
    return rows.sort((a, b) => (at.get(a.id) as number) - (at.get(b.id) as number));
  }

  async count(f: TaskFilter): Promise<number> {
    const p = new Params();
    const [r] = await this.ds.query(`SELECT count(*)::int AS n FROM tasks t WHERE ${taskWhere(f, p)}`, p.values);
    return num(r.n);
  }

  /** Own estimates of the set per group; an estimate shared by several assignees is split evenly (rule 4). */
  async estimates(f: TaskFilter, by: EstimateGrouping): Promise<EstimateGroupRow[]> {
    const p = new Params();
    const where = taskWhere(f, p);
    const sql =
      by === 'assignee'
        ? // One join of the set with its assignees and one sort, not a window per task (a
          // lookup each): each assignee's share is the even split, the first est % n assignees
          // (by id) taking one ms more; a task with nobody on it falls in the unassigned group. Byte
          // order (COLLATE "C") only groups the ids: it sorts them several times faster.
          `WITH ts AS (SELECT t.id, t.workspace_id, coalesce(greatest(t.time_estimate, 0), 0)::bigint AS est FROM tasks t WHERE ${where}),
                ta AS (
                  SELECT ts.workspace_id, ts.est, x.user_id,
                         row_number() OVER (PARTITION BY ts.id COLLATE "C" ORDER BY x.user_id) AS rn, count(x.user_id) OVER (PARTITION BY ts.id COLLATE "C") AS n
                  FROM ts LEFT JOIN task_assignees x ON x.task_id = ts.id
                ),
                shares AS (
                  SELECT ta.user_id, ta.workspace_id,
                         CASE WHEN ta.n = 0 THEN ta.est ELSE ta.est / ta.n + CASE WHEN ta.rn <= ta.est % ta.n THEN 1 ELSE 0 END END AS share
                  FROM ta
                ),
                g AS (SELECT s.user_id, min(s.workspace_id) AS workspace_id, count(*)::int AS tasks, sum(s.share)::bigint AS estimate_ms FROM shares s GROUP BY s.user_id)
           SELECT g.user_id::text AS key, CASE WHEN g.user_id IS NOT NULL THEN coalesce(m.username, m.email, 'user ' || g.user_id) END AS name,
                  NULL AS category, g.tasks, g.estimate_ms
           FROM g LEFT JOIN members m ON m.workspace_id = g.workspace_id AND m.user_id = g.user_id`
        : by === 'status'
          ? `SELECT t.status AS key, t.status AS name, min(t.status_category) AS category, count(*)::int AS tasks,
                    coalesce(sum(greatest(t.time_estimate, 0)), 0)::bigint AS estimate_ms
             FROM tasks t WHERE ${where} GROUP BY t.status`
          : `SELECT t.list_id AS key, min(coalesce(l.name, t.list_id)) AS name, NULL AS category, count(*)::int AS tasks,
                    coalesce(sum(greatest(t.time_estimate, 0)), 0)::bigint AS estimate_ms
             FROM tasks t LEFT JOIN lists l ON l.id = t.list_id WHERE ${where} GROUP BY t.list_id`;
    const rows: Record<string, unknown>[] = await this.ds.query(sql, p.values);
    return rows
      .map((r) => ({
        key: r.key as string | null,
        name: r.name as string | null,
        category: r.category as StatusCategory | null,
        tasks: num(r.tasks),
        estimateMs: num(r.estimate_ms),
      }))
      .filter((r) => r.key !== null || r.tasks > 0);
  }

  /**
   * A task and every live descendant at any depth, wherever it lives (parent links, not lists),
   * depth-first in creation order. UNION makes a parent cycle terminate.
   */
  async subtree(workspaceId: string, rootId: string): Promise<SubtreeRow[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `WITH RECURSIVE tree(id, depth, path) AS (
         SELECT t.id, 0, ARRAY[lpad((extract(epoch FROM t.date_created) * 1000)::bigint::text, 15, '0') || t.id] FROM tasks t WHERE t.workspace_id = $1 AND t.id = $2 AND t.deleted_at IS NULL
         UNION
         SELECT c.id, tree.depth + 1, tree.path || (lpad((extract(epoch FROM c.date_created) * 1000)::bigint::text, 15, '0') || c.id) FROM tasks c JOIN tree ON c.parent_id = tree.id
         WHERE c.deleted_at IS NULL AND tree.depth < 50
       )
       SELECT t.id, t.custom_id, t.name, t.status, t.parent_id, coalesce(l.name, t.list_id) AS list_name, t.archived, t.time_estimate, tree.depth
       FROM tree JOIN tasks t ON t.id = tree.id LEFT JOIN lists l ON l.id = t.list_id
       ORDER BY tree.path`,
      [workspaceId, rootId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      customId: r.custom_id as string | null,
      name: r.name as string,
      status: r.status as string,
      parentId: r.parent_id as string | null,
      listName: r.list_name as string,
      archived: Boolean(r.archived),
      timeEstimate: numOrNull(r.time_estimate),
      depth: num(r.depth),
    }));
  }

  /** The newest daily snapshot taken before `date` (YYYY-MM-DD), or null. */
  async snapshotBefore(workspaceId: string, date: string): Promise<string | null> {
    const [r] = await this.ds.query(`SELECT max(snapshot_date)::text AS d FROM task_snapshots WHERE workspace_id = $1 AND snapshot_date < $2::date`, [
      workspaceId,
      date,
    ]);
    return (r?.d as string | null) ?? null;
  }

  /** Tasks of the set whose status now differs from the snapshot's (or that the snapshot does not have). */
  async statusChanges(f: TaskFilter, snapshotDate: string): Promise<StatusChangeRow[]> {
    const p = new Params();
    const where = taskWhere(f, p);
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT t.id, t.custom_id, t.name, t.status, t.status_category, s.status AS was
       FROM tasks t LEFT JOIN task_snapshots s ON s.snapshot_date = ${p.add(snapshotDate)}::date AND s.task_id = t.id
       WHERE ${where} AND (s.task_id IS NULL OR s.status IS DISTINCT FROM t.status)
       ORDER BY t.date_updated DESC, t.id`,
      p.values,
    );
    return rows.map((r) => ({
      id: r.id as string,
      customId: r.custom_id as string | null,
      name: r.name as string,
      status: r.status as string,
      category: r.status_category as StatusCategory,
      was: r.was as string | null,
    }));
  }

  /** Own estimates (ms, > 0 only) of the given tasks. */
  async ownEstimates(ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    // unnest + join: one index probe per id (a large `= ANY(array)` tends to scan the wide tasks table).
    const rows: { id: string; e: string }[] = await this.ds.query(
      `SELECT t.id, t.time_estimate AS e FROM unnest($1::text[]) AS x(id) JOIN tasks t ON t.id = x.id WHERE t.time_estimate > 0`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, Number(r.e)]));
  }

  /** Non-archived task counts per project of a space: its folders and folderless lists. */
  async projectTaskCounts(f: TaskFilter): Promise<{ kind: 'folder' | 'list'; id: string; tasks: number }[]> {
    const p = new Params();
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT CASE WHEN t.folder_id IS NOT NULL THEN 'folder' ELSE 'list' END AS kind, coalesce(t.folder_id, t.list_id) AS id, count(*)::int AS n
       FROM tasks t WHERE ${taskWhere(f, p)} GROUP BY 1, 2`,
      p.values,
    );
    return rows.map((r) => ({ kind: r.kind as 'folder' | 'list', id: r.id as string, tasks: num(r.n) }));
  }
}
