import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { StatusDefinition } from '../database/entities';

export interface WorkspaceRow { id: string; name: string; color: string | null; plan: string | null; memberCount: number }
export interface SpaceRowView {
  id: string; workspaceId: string; name: string; private: boolean; archived: boolean; statuses: StatusDefinition[];
  features: Record<string, unknown>; folderCount: number; listCount: number; taskCount: number;
}
export interface FolderRowView {
  id: string; spaceId: string; spaceName: string; name: string; archived: boolean; overrideStatuses: boolean;
  statuses: StatusDefinition[] | null; listCount: number; taskCount: number;
}
export interface ListRowView {
  id: string; name: string; spaceId: string; spaceName: string; folderId: string | null; folderName: string | null;
  archived: boolean; statuses: StatusDefinition[]; statusesSource: string; statusesSourceId: string | null;
  taskCount: number; byCategory: Record<string, number>;
}
export interface MemberRowView {
  id: number; username: string | null; email: string | null; role: number | null; roleKey: string | null; status: string;
}

/** Reads of the synced hierarchy for the workspace tools. One query per method. */
@Injectable()
export class HierarchyQueryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async workspaces(): Promise<WorkspaceRow[]> {
    const rows = await this.ds.query(`
      SELECT w.id, w.name, w.color, w.plan,
             (SELECT count(*) FROM members m WHERE m.workspace_id = w.id AND m.removed_at IS NULL)::int AS member_count
      FROM workspaces w WHERE w.deleted_at IS NULL ORDER BY w.name`);
    return rows.map((r: Record<string, unknown>) => ({ id: r.id, name: r.name, color: r.color, plan: r.plan, memberCount: r.member_count }));
  }

  async spaces(workspaceId: string, includeArchived: boolean): Promise<SpaceRowView[]> {
    const rows = await this.ds.query(
      `SELECT s.id, s.workspace_id, s.name, s.private, s.archived, s.statuses, s.features,
              (SELECT count(*) FROM folders f WHERE f.space_id = s.id AND f.deleted_at IS NULL AND NOT f.hidden)::int AS folder_count,
              (SELECT count(*) FROM lists l WHERE l.space_id = s.id AND l.deleted_at IS NULL)::int AS list_count,
              (SELECT count(*) FROM tasks t WHERE t.space_id = s.id AND t.deleted_at IS NULL)::int AS task_count
       FROM spaces s WHERE s.workspace_id = $1 AND s.deleted_at IS NULL AND ($2 OR NOT s.archived)
       ORDER BY s.name, s.id`,
      [workspaceId, includeArchived],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id, workspaceId: r.workspace_id, name: r.name, private: r.private, archived: r.archived, statuses: r.statuses,
      features: r.features, folderCount: r.folder_count, listCount: r.list_count, taskCount: r.task_count,
    }));
  }

  async folders(workspaceId: string, spaceId: string | null, includeArchived: boolean): Promise<FolderRowView[]> {
    const rows = await this.ds.query(
      `SELECT f.id, f.space_id, s.name AS space_name, f.name, f.archived, f.override_statuses, f.statuses,
              (SELECT count(*) FROM lists l WHERE l.folder_id = f.id AND l.deleted_at IS NULL)::int AS list_count,
              (SELECT count(*) FROM tasks t WHERE t.folder_id = f.id AND t.deleted_at IS NULL)::int AS task_count
       FROM folders f JOIN spaces s ON s.id = f.space_id
       WHERE f.workspace_id = $1 AND f.deleted_at IS NULL AND NOT f.hidden AND ($2::text IS NULL OR f.space_id = $2)
         AND ($3 OR NOT f.archived)
       ORDER BY s.name, f.name, f.id`,
      [workspaceId, spaceId, includeArchived],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id, spaceId: r.space_id, spaceName: r.space_name, name: r.name, archived: r.archived,
      overrideStatuses: r.override_statuses, statuses: r.statuses, listCount: r.list_count, taskCount: r.task_count,
    }));
  }

  /** Lists with home-list task counts per status category. `folderId: null` selects folderless lists. */
  async lists(workspaceId: string, f: { spaceId?: string; folderId?: string | null; listId?: string }, includeArchived: boolean): Promise<ListRowView[]> {
    const rows = await this.ds.query(
      `SELECT l.id, l.name, l.space_id, s.name AS space_name, l.folder_id, fo.name AS folder_name, l.archived, l.statuses,
              l.statuses_source, l.statuses_source_id,
              coalesce(c.by_category, '{}'::jsonb) AS by_category, coalesce(c.total, 0)::int AS task_count
       FROM lists l
       JOIN spaces s ON s.id = l.space_id
       LEFT JOIN folders fo ON fo.id = l.folder_id
       LEFT JOIN LATERAL (
         SELECT jsonb_object_agg(status_category, n) AS by_category, sum(n) AS total FROM (
           SELECT t.status_category, count(*)::int AS n FROM tasks t
           WHERE t.list_id = l.id AND t.deleted_at IS NULL GROUP BY t.status_category) x
       ) c ON true
       WHERE l.workspace_id = $1 AND l.deleted_at IS NULL AND ($2 OR NOT l.archived)
         AND ($3::text IS NULL OR l.space_id = $3)
         AND ($4::boolean IS NOT TRUE OR l.folder_id IS NULL)
         AND ($5::text IS NULL OR l.folder_id = $5)
         AND ($6::text IS NULL OR l.id = $6)
       ORDER BY s.name, fo.name NULLS FIRST, l.name, l.id`,
      [workspaceId, includeArchived, f.spaceId ?? null, f.folderId === null, f.folderId ?? null, f.listId ?? null],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: r.id, name: r.name, spaceId: r.space_id, spaceName: r.space_name, folderId: r.folder_id, folderName: r.folder_name,
      archived: r.archived, statuses: r.statuses, statusesSource: r.statuses_source, statusesSourceId: r.statuses_source_id,
      taskCount: r.task_count, byCategory: r.by_category,
    }));
  }

  async members(workspaceId: string): Promise<MemberRowView[]> {
    const rows = await this.ds.query(
      `SELECT user_id, username, email, role, role_key, status FROM members
       WHERE workspace_id = $1 AND removed_at IS NULL ORDER BY coalesce(username, email), user_id`,
      [workspaceId],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: Number(r.user_id), username: r.username, email: r.email, role: r.role, roleKey: r.role_key, status: r.status,
    }));
  }
}
