import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { returnedRows } from '../sync/repositories/sql-result';
import { ProjectKind } from './project-target';

export interface ProjectAliasRow {
  alias: string;
  /** lower(trim(alias)): what uniqueness and lookups use. */
  aliasKey: string;
  targetType: ProjectKind;
  targetId: string;
}

/** The target as an entry remembers it (null fields: never checked). */
export interface RecordedTarget {
  name: string | null;
  spaceId: string | null;
  folderId: string | null;
  path: string | null;
}

/** The target as the synced hierarchy has it now; null in RegistryRow when it was never synced. */
export interface CurrentTarget {
  name: string;
  spaceId: string | null;
  spaceName: string | null;
  /** The folder a list sits in (null: folderless, or not a list). */
  folderId: string | null;
  folderName: string | null;
  archived: boolean;
  /** The folder or space above it that is archived ("space Mobile"), if any. */
  archivedContainer: string | null;
  /** The sync saw it disappear from ClickUp. */
  deleted: boolean;
}

export interface RegistryRow extends ProjectAliasRow {
  id: number;
  notes: string | null;
  createdAt: Date;
  checkedAt: Date | null;
  recorded: RecordedTarget;
  current: CurrentTarget | null;
}

export interface NewRegistryEntry {
  alias: string;
  aliasKey: string;
  targetType: ProjectKind;
  targetId: string;
  notes: string | null;
  recorded: RecordedTarget;
}

/**
 * The project registry (the `projects` table): alias → space, folder or list. Uniqueness of an
 * alias (case-insensitive, per workspace) is the unique index's job: inserts go through
 * ON CONFLICT on it, so of two clients adding the same alias at once exactly one row is written.
 */
@Injectable()
export class ProjectRegistryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async aliases(workspaceId: string): Promise<ProjectAliasRow[]> {
    const rows: Record<string, string>[] = await this.ds.query(
      `SELECT alias, alias_key, target_type, target_id FROM projects WHERE workspace_id = $1 ORDER BY alias_key`,
      [workspaceId],
    );
    return rows.map((r) => ({ alias: r.alias, aliasKey: r.alias_key, targetType: r.target_type as ProjectKind, targetId: r.target_id }));
  }

  /** Every entry with its target as synced now — deleted and archived targets included, so a check can say so. */
  async entries(workspaceId: string, aliasKey?: string): Promise<RegistryRow[]> {
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT p.id, p.alias, p.alias_key, p.target_type, p.target_id, p.notes, p.created_at, p.checked_at,
              p.target_name, p.target_space_id, p.target_folder_id, p.target_path,
              CASE p.target_type WHEN 'space' THEN s.id WHEN 'folder' THEN f.id ELSE l.id END AS cur_id,
              CASE p.target_type WHEN 'space' THEN s.name WHEN 'folder' THEN f.name ELSE l.name END AS cur_name,
              CASE p.target_type WHEN 'space' THEN s.deleted_at WHEN 'folder' THEN f.deleted_at ELSE l.deleted_at END IS NOT NULL AS cur_deleted,
              CASE p.target_type WHEN 'space' THEN s.archived WHEN 'folder' THEN f.archived ELSE l.archived END AS cur_archived,
              s.id AS space_id, s.name AS space_name, s.archived AS space_archived,
              CASE WHEN p.target_type = 'list' THEN f.id END AS folder_id, CASE WHEN p.target_type = 'list' THEN f.name END AS folder_name,
              CASE WHEN p.target_type = 'list' THEN f.archived END AS folder_archived
       FROM projects p
       LEFT JOIN lists l ON p.target_type = 'list' AND l.id = p.target_id
       LEFT JOIN folders f ON f.id = CASE WHEN p.target_type = 'folder' THEN p.target_id ELSE l.folder_id END
       LEFT JOIN spaces s ON s.id = CASE p.target_type WHEN 'space' THEN p.target_id WHEN 'folder' THEN f.space_id ELSE l.space_id END
       WHERE p.workspace_id = $1 AND ($2::text IS NULL OR p.alias_key = $2)
       ORDER BY p.alias_key`,
      [workspaceId, aliasKey ?? null],
    );
    return rows.map(registryRow);
  }

  /** Adds an entry unless the alias is taken (then null): the unique index decides, also between concurrent callers. */
  async insert(workspaceId: string, e: NewRegistryEntry): Promise<number | null> {
    const rows: { id: number }[] = await this.ds.query(
      `INSERT INTO projects (workspace_id, alias, alias_key, target_type, target_id, notes, target_name, target_space_id, target_folder_id, target_path, checked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
       ON CONFLICT (workspace_id, alias_key) DO NOTHING RETURNING id`,
      [
        workspaceId,
        e.alias,
        e.aliasKey,
        e.targetType,
        e.targetId,
        e.notes,
        e.recorded.name,
        e.recorded.spaceId,
        e.recorded.folderId,
        e.recorded.path,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /** Removes an entry; false when there was none. */
  async remove(workspaceId: string, aliasKey: string): Promise<boolean> {
    const rows = returnedRows(
      await this.ds.query(`DELETE FROM projects WHERE workspace_id = $1 AND alias_key = $2 RETURNING id`, [workspaceId, aliasKey]),
    );
    return rows.length > 0;
  }

  /** Remembers the target as it is now (after a check). */
  async record(id: number, t: RecordedTarget): Promise<void> {
    await this.ds.query(
      `UPDATE projects SET target_name = $2, target_space_id = $3, target_folder_id = $4, target_path = $5, checked_at = now(), updated_at = now() WHERE id = $1`,
      [id, t.name, t.spaceId, t.folderId, t.path],
    );
  }
}

function registryRow(r: Record<string, unknown>): RegistryRow {
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const current: CurrentTarget | null =
    r.cur_id === null || r.cur_id === undefined
      ? null
      : {
          name: String(r.cur_name),
          spaceId: str(r.space_id),
          spaceName: str(r.space_name),
          folderId: str(r.folder_id),
          folderName: str(r.folder_name),
          archived: Boolean(r.cur_archived),
          archivedContainer:
            r.target_type !== 'space' && r.space_archived ? `space ${r.space_name}` : r.folder_archived ? `folder ${r.folder_name}` : null,
          deleted: Boolean(r.cur_deleted),
        };
  return {
    id: Number(r.id),
    alias: String(r.alias),
    aliasKey: String(r.alias_key),
    targetType: r.target_type as ProjectKind,
    targetId: String(r.target_id),
    notes: str(r.notes),
    createdAt: new Date(r.created_at as string),
    checkedAt: r.checked_at ? new Date(r.checked_at as string) : null,
    recorded: { name: str(r.target_name), spaceId: str(r.target_space_id), folderId: str(r.target_folder_id), path: str(r.target_path) },
    current,
  };
}
