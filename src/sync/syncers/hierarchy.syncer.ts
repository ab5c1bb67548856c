import { Injectable } from '@nestjs/common';
import { ClickupClient } from '../../clickup/clickup.client';
import { ClickupError } from '../../clickup/clickup.errors';
import { ClickupFolder, ClickupList, ClickupSpace } from '../../clickup/clickup.types';
import { FolderRow, ListRow, SpaceRow } from '../model/sync-rows';
import { mapFolder, mapList, mapMember, mapSpace, mapWorkspace } from '../mappers/hierarchy.mapper';
import { HierarchySnapshot, HierarchyWriteRepository } from '../repositories/hierarchy-write.repository';
import { SyncContext } from '../sync-context';

/**
 * Reads the whole hierarchy — spaces, folders, folderless lists, archived ones too (ClickUp's
 * `archived=true` returns ONLY archived items, so every level is read twice) — and replaces
 * the stored copy. Anything missing is marked deleted only because every read succeeded:
 * an exception anywhere aborts before the write.
 */
@Injectable()
export class HierarchySyncer {
  constructor(
    private readonly client: ClickupClient,
    private readonly repo: HierarchyWriteRepository,
  ) {}

  async syncAll(ctx: SyncContext): Promise<HierarchySnapshot> {
    const ws = ctx.workspaceId;
    // One answer can name the same id twice (and an item archived between the two passes shows in
    // both): a second copy in one upsert would fail it ("cannot affect row a second time").
    const spaces = dedupe(await both((archived) => this.client.getSpaces(ws, { archived })));
    const spaceRows = spaces.map((s) => mapSpace(ws, s));
    const folders: FolderRow[] = [];
    const lists: ListRow[] = [];
    let i = 0;
    for (const space of spaces) {
      ctx.progress('hierarchy', i++, spaces.length, `Reading space ${space.name}`);
      const spaceRow = spaceRows.find((s) => s.id === space.id);
      const [spaceFolders, folderless] = await Promise.all([
        both((archived) => this.client.getFolders(space.id, { archived })),
        both((archived) => this.client.getFolderlessLists(space.id, { archived })),
      ]);
      for (const f of dedupe(spaceFolders)) {
        const folderRow = mapFolder(ws, space.id, f);
        folders.push(folderRow);
        for (const l of await this.folderLists(f)) lists.push(await this.list(ws, l, space.id, folderRow, spaceRow));
      }
      for (const l of folderless) lists.push(await this.list(ws, l, space.id, null, spaceRow));
    }
    const snapshot: HierarchySnapshot = {
      workspace: mapWorkspace(ctx.team, await this.plan(ctx)),
      members: ctx.team.members.map((m) => mapMember(ws, m)),
      spaces: spaceRows,
      folders: dedupe(folders),
      lists: dedupe(lists),
    };
    const counts = await this.repo.replaceSnapshot(snapshot);
    for (const [k, v] of Object.entries(counts)) ctx.add(k, v);
    ctx.progress('hierarchy', spaces.length, spaces.length, `${spaces.length} spaces, ${folders.length} folders, ${snapshot.lists.length} lists`);
    return snapshot;
  }

  /** Members only: one request (GET /team, already made to resolve the workspace). */
  async syncMembers(ctx: SyncContext): Promise<void> {
    const counts = await this.repo.replaceMembers(
      mapWorkspace(ctx.team),
      ctx.team.members.map((m) => mapMember(ctx.workspaceId, m)),
    );
    for (const [k, v] of Object.entries(counts)) ctx.add(k, v);
  }

  /**
   * The Workspace's plan name. It is informational: if ClickUp will not say (a token that may not
   * see billing, an error), the stored plan stays and the run carries a warning.
   */
  private async plan(ctx: SyncContext): Promise<string | null | undefined> {
    try {
      return (await this.client.getWorkspacePlan(ctx.workspaceId)).planName;
    } catch (e) {
      if (!(e instanceof ClickupError)) throw e;
      ctx.warnings.push(`The workspace plan could not be read (${e.message}); kept the stored one.`);
      return undefined;
    }
  }

  /**
   * Lists of a folder: the payload embeds the non-archived ones; archived ones need a call.
   * For an archived folder the embedded set may be empty, so its active lists are read too.
   */
  private async folderLists(f: ClickupFolder): Promise<ClickupList[]> {
    const archived = await this.client.getFolderLists(f.id, { archived: true });
    const active = f.archived ? await this.client.getFolderLists(f.id, { archived: false }) : f.lists;
    return [...active, ...archived];
  }

  /** Lists that override statuses but came without them need GET /list/{id} for the set. */
  private async list(ws: string, l: ClickupList, spaceId: string, folder: FolderRow | null, space: SpaceRow | undefined): Promise<ListRow> {
    const full = l.overrideStatuses && !l.statuses.length ? await this.client.getList(l.id) : l;
    return mapList(ws, { ...full, archived: l.archived || full.archived }, { spaceId, folder, space });
  }
}

async function both<T>(read: (archived: boolean) => Promise<T[]>): Promise<T[]> {
  const [active, archived] = await Promise.all([read(false), read(true)]);
  return [...active, ...archived];
}

function dedupe<T extends { id: string }>(rows: T[]): T[] {
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}

export type { ClickupSpace };
