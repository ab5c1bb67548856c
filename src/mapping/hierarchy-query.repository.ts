import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StatusCategory } from '../common/status-category';
import { StatusDefinition } from '../database/entities';

export interface WorkspaceRow {
  id: string;
  name: string;
  color: string | null;
  plan: string | null;
  memberCount: number;
}

/** A space, folder or list as stored, before counts. */
export interface SpaceBase {
  id: string;
  workspaceId: string;
  name: string;
  private: boolean;
  archived: boolean;
  statuses: StatusDefinition[];
  features: Record<string, unknown>;
}
export interface FolderBase {
  id: string;
  workspaceId: string;
  spaceId: string;
  spaceName: string;
  name: string;
  archived: boolean;
  hidden: boolean;
  overrideStatuses: boolean;
  statuses: StatusDefinition[] | null;
}
export interface ListBase {
  id: string;
  workspaceId: string;
  name: string;
  spaceId: string;
  spaceName: string;
  folderId: string | null;
  folderName: string | null;
  archived: boolean;
  statuses: StatusDefinition[];
  statusesSource: string;
  statusesSourceId: string | null;
}

/** Counts follow the contract's rule 4 (see hierarchy-counts.ts). */
export interface SpaceRowView extends SpaceBase {
  folderCount: number;
  listCount: number;
  taskCount: number;
}
export interface FolderRowView extends Omit<FolderBase, 'workspaceId' | 'hidden'> {
  listCount: number;
  taskCount: number;
}
export interface ListRowView extends Omit<ListBase, 'workspaceId'> {
  taskCount: number;
  byCategory: Record<string, number>;
}
export interface MemberRowView {
  id: number;
  username: string | null;
  email: string | null;
  role: number | null;
  roleKey: string | null;
  status: string;
}
export interface MemberRow extends MemberRowView {
  workspaceId: string;
}

/** Live tasks of one list in one status category, archived or not (from the task_counts table). */
export interface ListCountRow {
  listId: string;
  category: StatusCategory;
  archived: boolean;
  n: number;
}

/** Live tasks per list, status category and archived flag ($1 workspace, $2 lists or null for all). */
const COUNTS_BY_LIST = `SELECT list_id, status_category, archived, sum(n)::int AS n FROM task_counts
  WHERE workspace_id = $1 AND NOT deleted AND ($2::text[] IS NULL OR list_id = ANY($2::text[]))
  GROUP BY list_id, status_category, archived HAVING sum(n) > 0`;
const COUNTS_JSON = `coalesce(json_agg(json_build_array(c.list_id, c.status_category, c.archived, c.n)), '[]')::text`;

/** The rows of HierarchyQueryRepository.listCountsText and listCountsIfChanged. */
export function parseListCounts(text: string): ListCountRow[] {
  return (JSON.parse(text) as [string, StatusCategory, boolean, number][]).map(([listId, category, archived, n]) => ({
    listId,
    category,
    archived,
    n,
  }));
}

/**
 * Reads of the synced hierarchy. The structure (a few hundred rows) is read whole by
 * HierarchyService's snapshot; task counts come from the trigger-kept task_counts table, never
 * from a scan of tasks. One query per method.
 */
@Injectable()
export class HierarchyQueryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async workspaces(): Promise<WorkspaceRow[]> {
    // Columns are aliased to the row's field names: the rows come back in their final shape.
    return this.ds.query<WorkspaceRow[]>(`
      SELECT w.id, w.name, w.color, w.plan,
             (SELECT count(*) FROM members m WHERE m.workspace_id = w.id AND m.removed_at IS NULL)::int AS "memberCount"
      FROM workspaces w WHERE w.deleted_at IS NULL ORDER BY w.name`);
  }

  async allSpaces(): Promise<SpaceBase[]> {
    return this.ds.query<SpaceBase[]>(
      `SELECT id, workspace_id AS "workspaceId", name, private, archived, statuses, features FROM spaces WHERE deleted_at IS NULL ORDER BY name, id`,
    );
  }

  async allFolders(): Promise<FolderBase[]> {
    return this.ds.query<FolderBase[]>(
      `SELECT f.id, f.workspace_id AS "workspaceId", f.space_id AS "spaceId", s.name AS "spaceName", f.name, f.archived, f.hidden,
              f.override_statuses AS "overrideStatuses", f.statuses
       FROM folders f JOIN spaces s ON s.id = f.space_id
       WHERE f.deleted_at IS NULL AND s.deleted_at IS NULL AND NOT f.hidden ORDER BY s.name, f.name, f.id`,
    );
  }

  async allLists(): Promise<ListBase[]> {
    return this.ds.query<ListBase[]>(
      `SELECT l.id, l.workspace_id AS "workspaceId", l.name, l.space_id AS "spaceId", s.name AS "spaceName", l.folder_id AS "folderId",
              fo.name AS "folderName", l.archived, l.statuses, l.statuses_source AS "statusesSource", l.statuses_source_id AS "statusesSourceId"
       FROM lists l
       JOIN spaces s ON s.id = l.space_id
       LEFT JOIN folders fo ON fo.id = l.folder_id
       WHERE l.deleted_at IS NULL AND s.deleted_at IS NULL
       ORDER BY s.name, fo.name NULLS FIRST, l.name, l.id`,
    );
  }

  async allMembers(): Promise<MemberRow[]> {
    const rows = await this.ds.query<Record<string, unknown>[]>(
      `SELECT workspace_id, user_id, username, email, role, role_key, status FROM members
       WHERE removed_at IS NULL ORDER BY coalesce(username, email), user_id`,
    );
    return rows.map((r: Record<string, unknown>) => ({
      workspaceId: r.workspace_id as string,
      id: Number(r.user_id),
      username: r.username as string | null,
      email: r.email as string | null,
      role: r.role as number | null,
      roleKey: r.role_key as string | null,
      status: r.status as string,
    }));
  }

  /**
   * Live task counts per list, status category and archived flag, as one JSON text
   * `[[list_id, category, archived, n], …]` (read with parseListCounts): parsed natively in one
   * go, not as 2,239 driver rows (6 ms of CPU per call on `large`). For a few lists only.
   */
  async listCountsText(workspaceId: string, listIds: string[]): Promise<string> {
    const [row]: { counts: string }[] = await this.ds.query(`SELECT ${COUNTS_JSON} AS counts FROM (${COUNTS_BY_LIST}) c`, [workspaceId, listIds]);
    return row.counts;
  }

  /**
   * The whole workspace's counts (as listCountsText) with their version, the counts only when
   * the version differs from `known`: aggregating them costs 6–10 ms of database CPU on
   * `large`, the version 2 ms. The version is the count, sum and hash sum of the task_counts
   * rows' xmin (the id of the transaction that wrote each row version): every committed change
   * to a counter row replaces its xmin with the writer's, a deletion drops one, so the version
   * moves with any change another process may have committed too — yet readers and writers
   * share no lock (a counter row bumped by the triggers would serialize every writer, and
   * deadlock a writer holding task rows against one holding the counter). Unchanged versions
   * that are not the same data would need rows whose xmins add up and hash-add up to the
   * same values: not a case to plan for. Read before the counts in one statement, so counts
   * are never older than their version.
   */
  async listCountsIfChanged(workspaceId: string, known: string | null): Promise<{ version: string; counts: string | null }> {
    const [row]: { version: string; counts: string | null }[] = await this.ds.query(
      `WITH v AS (
         SELECT count(*) || ':' || coalesce(sum(x), 0) || ':' || coalesce(sum(hashint8(x)), 0) AS version
         FROM (SELECT xmin::text::bigint AS x FROM task_counts WHERE workspace_id = $1) r
       )
       SELECT v.version, CASE WHEN v.version IS DISTINCT FROM $3 THEN (SELECT ${COUNTS_JSON} FROM (${COUNTS_BY_LIST}) c) END AS counts FROM v`,
      [workspaceId, null, known],
    );
    return row;
  }

  /** When the newest sync run ended: the hierarchy snapshot reloads when this moves (runs of other processes too). */
  async lastRunFinishedAt(): Promise<number> {
    const [r] = await this.ds.query<{ at: string | Date | null }[]>(`SELECT max(finished_at) AS at FROM sync_runs`);
    return r?.at ? new Date(r.at).getTime() : 0;
  }
}
