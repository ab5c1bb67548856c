import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Hierarchy lookups the sync needs while it runs. */
@Injectable()
export class HierarchyReadRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** list id → folder and space, for every list we know (deleted ones too: old tasks point there). */
  async listLocations(workspaceId: string): Promise<Map<string, { folderId: string | null; spaceId: string }>> {
    const rows: { id: string; folder_id: string | null; space_id: string }[] = await this.ds.query(
      `SELECT id, folder_id, space_id FROM lists WHERE workspace_id = $1`,
      [workspaceId],
    );
    return new Map(rows.map((r) => [r.id, { folderId: r.folder_id, spaceId: r.space_id }]));
  }

  /**
   * Lists whose tasks the team endpoint does not return: archived lists, and lists inside an
   * archived folder or space.
   */
  async archivedContainerListIds(workspaceId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT l.id FROM lists l
         LEFT JOIN folders f ON f.id = l.folder_id
         LEFT JOIN spaces s ON s.id = l.space_id
       WHERE l.workspace_id = $1 AND l.deleted_at IS NULL
         AND (l.archived OR coalesce(f.archived, false) OR coalesce(s.archived, false))
       ORDER BY l.id`,
      [workspaceId],
    );
    return rows.map((r) => r.id);
  }

  /** True when any of these list names differs from what we hold, or a list is unknown. */
  async listNamesDiffer(workspaceId: string, names: Map<string, string>): Promise<boolean> {
    if (!names.size) return false;
    const rows: { id: string; name: string }[] = await this.ds.query(
      `SELECT id, name FROM lists WHERE workspace_id = $1 AND id = ANY($2::text[]) AND deleted_at IS NULL`,
      [workspaceId, [...names.keys()]],
    );
    if (rows.length !== names.size) return true;
    return rows.some((r) => names.get(r.id) !== r.name);
  }

  /** True when a live task sits in a list the hierarchy does not know (from the per-list counters: no task scan). */
  async tasksInUnknownLists(workspaceId: string): Promise<boolean> {
    const [r] = await this.ds.query(
      `SELECT EXISTS (
         SELECT 1 FROM task_counts c WHERE c.workspace_id = $1 AND NOT c.deleted AND c.n > 0
           AND NOT EXISTS (SELECT 1 FROM lists l WHERE l.id = c.list_id)
       ) AS missing`,
      [workspaceId],
    );
    return Boolean(r?.missing);
  }
}
