import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { returnedRows } from './sql-result';
import { DataSource, EntityManager, ObjectLiteral, EntityTarget } from 'typeorm';
import { FolderEntity, ListEntity, MemberEntity, SpaceEntity, WorkspaceEntity } from '../../database/entities';
import { FolderRow, ListRow, MemberRow, SpaceRow, WorkspaceRow } from '../model/sync-rows';
import { chunk } from './sql-chunks';

/** The complete hierarchy of one workspace, as read in one pass. */
export interface HierarchySnapshot {
  workspace: WorkspaceRow;
  members: MemberRow[];
  spaces: SpaceRow[];
  folders: FolderRow[];
  lists: ListRow[];
}

/**
 * Writes workspaces, members, spaces, folders and lists. These tables are small (hundreds of
 * rows), so TypeORM's upsert is plenty; what matters is the "missing ⇒ deleted" step, which
 * runs only with a snapshot that was read completely.
 */
@Injectable()
export class HierarchyWriteRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async replaceSnapshot(s: HierarchySnapshot): Promise<Record<string, number>> {
    return this.ds.transaction(async (em) => {
      const now = new Date();
      const ws = s.workspace.id;
      await upsert(em, WorkspaceEntity, [{ ...s.workspace, deletedAt: null, syncedAt: now }], ['id']);
      const counts = {
        members: await upsert(em, MemberEntity, s.members.map((m) => ({ ...m, removedAt: null, syncedAt: now })), ['workspaceId', 'userId']),
        spaces: await upsert(em, SpaceEntity, s.spaces.map((x) => ({ ...x, deletedAt: null, syncedAt: now })), ['id']),
        folders: await upsert(em, FolderEntity, s.folders.map((x) => ({ ...x, deletedAt: null, syncedAt: now })), ['id']),
        lists: await upsert(em, ListEntity, s.lists.map((x) => ({ ...x, deletedAt: null, syncedAt: now })), ['id']),
        membersRemoved: await markMissing(em, 'members', 'removed_at', 'user_id', 'bigint', ws, s.members.map((m) => m.userId)),
        spacesDeleted: await markMissing(em, 'spaces', 'deleted_at', 'id', 'text', ws, s.spaces.map((x) => x.id)),
        foldersDeleted: await markMissing(em, 'folders', 'deleted_at', 'id', 'text', ws, s.folders.map((x) => x.id)),
        listsDeleted: await markMissing(em, 'lists', 'deleted_at', 'id', 'text', ws, s.lists.map((x) => x.id)),
      };
      return counts;
    });
  }

  /** Members only (cheap refresh): upsert and mark the ones ClickUp no longer lists. */
  async replaceMembers(workspace: WorkspaceRow, members: MemberRow[]): Promise<Record<string, number>> {
    return this.ds.transaction(async (em) => {
      const now = new Date();
      await upsert(em, WorkspaceEntity, [{ ...workspace, deletedAt: null, syncedAt: now }], ['id']);
      return {
        members: await upsert(em, MemberEntity, members.map((m) => ({ ...m, removedAt: null, syncedAt: now })), ['workspaceId', 'userId']),
        membersRemoved: await markMissing(em, 'members', 'removed_at', 'user_id', 'bigint', workspace.id, members.map((m) => m.userId)),
      };
    });
  }

  async upsertLists(lists: ListRow[]): Promise<number> {
    const now = new Date();
    return this.ds.transaction((em) => upsert(em, ListEntity, lists.map((x) => ({ ...x, deletedAt: null, syncedAt: now })), ['id']));
  }

  async listIds(workspaceId: string, opts: { archived?: boolean } = {}): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM lists WHERE workspace_id = $1 AND deleted_at IS NULL ${opts.archived === undefined ? '' : 'AND archived = $2'} ORDER BY id`,
      opts.archived === undefined ? [workspaceId] : [workspaceId, opts.archived],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Every user whose time we may hold: members past and present, and anyone with an entry.
   * Entries of a member who left still exist in ClickUp and can still change.
   */
  async knownUserIds(workspaceId: string): Promise<number[]> {
    const rows: { user_id: string }[] = await this.ds.query(
      `SELECT user_id FROM members WHERE workspace_id = $1
       UNION SELECT DISTINCT user_id FROM time_entries WHERE workspace_id = $1
       ORDER BY 1`,
      [workspaceId],
    );
    return rows.map((r) => Number(r.user_id));
  }
}

async function upsert<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  rows: T[],
  conflict: string[],
): Promise<number> {
  for (const part of chunk(rows, 500)) {
    await em.getRepository(entity).upsert(part as never, { conflictPaths: conflict, skipUpdateIfNoValuesChanged: false });
  }
  return rows.length;
}

async function markMissing(
  em: EntityManager,
  table: string,
  column: string,
  key: string,
  type: 'text' | 'bigint',
  workspaceId: string,
  seen: (string | number)[],
): Promise<number> {
  const rows = returnedRows(await em.query(
    `UPDATE ${table} SET ${column} = now() WHERE workspace_id = $1 AND ${column} IS NULL AND NOT (${key} = ANY($2::${type}[])) RETURNING 1`,
    [workspaceId, seen],
  ));
  return rows.length;
}
