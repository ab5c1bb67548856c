import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { returnedRows } from './sql-result';
import { DataSource, EntityManager, ObjectLiteral, EntityTarget } from 'typeorm';
import { FolderEntity, ListEntity, MemberEntity, SpaceEntity, WorkspaceEntity } from '../../database/entities';
import { FolderRow, ListRow, MemberRow, SpaceRow, WorkspaceRow } from '../model/sync-rows';
import { chunk } from './sql-chunks';

/** A person known from a task or time entry payload (ClickUp's short user shape). */
export interface FormerMember {
  id: number;
  username: string | null;
  email: string | null;
  color: string | null;
  initials: string | null;
  profilePicture: string | null;
}

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
        members: await upsert(
          em,
          MemberEntity,
          s.members.map((m) => ({ ...m, removedAt: null, syncedAt: now })),
          ['workspaceId', 'userId'],
        ),
        spaces: await upsert(
          em,
          SpaceEntity,
          s.spaces.map((x) => ({ ...x, deletedAt: null, syncedAt: now })),
          ['id'],
        ),
        folders: await upsert(
          em,
          FolderEntity,
          s.folders.map((x) => ({ ...x, deletedAt: null, syncedAt: now })),
          ['id'],
        ),
        lists: await upsert(
          em,
          ListEntity,
          s.lists.map((x) => ({ ...x, deletedAt: null, syncedAt: now })),
          ['id'],
        ),
        membersRemoved: await markMissing(
          em,
          'members',
          'removed_at',
          'user_id',
          'bigint',
          ws,
          s.members.map((m) => m.userId),
        ),
        spacesDeleted: await markMissing(
          em,
          'spaces',
          'deleted_at',
          'id',
          'text',
          ws,
          s.spaces.map((x) => x.id),
        ),
        foldersDeleted: await markMissing(
          em,
          'folders',
          'deleted_at',
          'id',
          'text',
          ws,
          s.folders.map((x) => x.id),
        ),
        listsDeleted: await markMissing(
          em,
          'lists',
          'deleted_at',
          'id',
          'text',
          ws,
          s.lists.map((x) => x.id),
        ),
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
        members: await upsert(
          em,
          MemberEntity,
          members.map((m) => ({ ...m, removedAt: null, syncedAt: now })),
          ['workspaceId', 'userId'],
        ),
        membersRemoved: await markMissing(
          em,
          'members',
          'removed_at',
          'user_id',
          'bigint',
          workspace.id,
          members.map((m) => m.userId),
        ),
      };
    });
  }

  async upsertLists(lists: ListRow[]): Promise<number> {
    const now = new Date();
    return this.ds.transaction((em) =>
      upsert(
        em,
        ListEntity,
        lists.map((x) => ({ ...x, deletedAt: null, syncedAt: now })),
        ['id'],
      ),
    );
  }

  async listIds(workspaceId: string, opts: { archived?: boolean } = {}): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id FROM lists WHERE workspace_id = $1 AND deleted_at IS NULL ${opts.archived === undefined ? '' : 'AND archived = $2'} ORDER BY id`,
      opts.archived === undefined ? [workspaceId] : [workspaceId, opts.archived],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Every user id the workspace has ever shown us: members past and present, entry authors, and
   * the creators, assignees and watchers of tasks. Someone who left before our first sync is no
   * member any more, but their time entries still exist in ClickUp (and still count, rule 2):
   * their tasks are how we learn they existed.
   */
  async knownUserIds(workspaceId: string): Promise<number[]> {
    const rows: { user_id: string }[] = await this.ds.query(
      `SELECT user_id FROM members WHERE workspace_id = $1
       UNION SELECT DISTINCT user_id FROM time_entries WHERE workspace_id = $1
       UNION SELECT DISTINCT creator_id FROM tasks WHERE workspace_id = $1 AND creator_id IS NOT NULL
       UNION SELECT DISTINCT a.user_id FROM task_assignees a JOIN tasks t ON t.id = a.task_id WHERE t.workspace_id = $1
       UNION SELECT DISTINCT w.user_id FROM task_watchers w JOIN tasks t ON t.id = w.task_id WHERE t.workspace_id = $1
       ORDER BY 1`,
      [workspaceId],
    );
    return rows.map((r) => Number(r.user_id));
  }

  /**
   * People seen on tasks or time entries who are not (or no longer) members: recorded as removed
   * members, so reports can name whoever logged the time. Rows we already hold are left alone
   * (a current member's row belongs to the member sync).
   */
  async recordFormerMembers(workspaceId: string, people: FormerMember[]): Promise<number> {
    if (!people.length) return 0;
    const rows = returnedRows(
      await this.ds.query(
        `INSERT INTO members (workspace_id, user_id, username, email, color, initials, profile_picture, status, removed_at, synced_at)
       SELECT $1, p.user_id, p.username, p.email, p.color, p.initials, p.profile_picture, 'removed', now(), now()
       FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
         AS p(user_id, username, email, color, initials, profile_picture)
       ON CONFLICT (workspace_id, user_id) DO NOTHING
       RETURNING 1`,
        [
          workspaceId,
          people.map((p) => p.id),
          people.map((p) => p.username),
          people.map((p) => p.email),
          people.map((p) => p.color),
          people.map((p) => p.initials),
          people.map((p) => p.profilePicture),
        ],
      ),
    );
    return rows.length;
  }
}

async function upsert<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  // Partial: a property left undefined is left out of the UPDATE, so the stored value stays.
  rows: Partial<T>[],
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
  const rows = returnedRows(
    await em.query(
      `UPDATE ${table} SET ${column} = now() WHERE workspace_id = $1 AND ${column} IS NULL AND NOT (${key} = ANY($2::${type}[])) RETURNING 1`,
      [workspaceId, seen],
    ),
  );
  return rows.length;
}
