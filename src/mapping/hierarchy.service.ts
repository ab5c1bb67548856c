import { Injectable, OnModuleInit } from '@nestjs/common';
import { SyncRunnerService } from '../sync/sync-runner.service';
import { AppConfig } from '../config/app-config';
import { statusCategory, StatusCategory } from '../common/status-category';
import { StatusDefinition } from '../database/entities';
import { matchOne, Named } from '../common/names/name-matcher';
import { DomainError } from '../common/errors/domain-error';
import { FolderRowView, HierarchyQueryRepository, ListRowView, MemberRowView, SpaceRowView } from './hierarchy-query.repository';
import { CacheRegistry } from '../common/cache/cache-registry';
import { ProjectRegistryRepository } from './project-registry.repository';
import { ProjectKind } from './project-target';

export interface StatusView {
  status: string;
  type: string;
  category: StatusCategory;
  orderindex: number;
}

const CACHE_MS = 30_000;

/**
 * The synced hierarchy, for tools: resolving names/ids to entities (with "did you mean"), and
 * the listings. A short in-memory cache of the name index keeps resolution at microseconds;
 * invalidate_cache and every sync drop it.
 */
@Injectable()
export class HierarchyService implements OnModuleInit {
  private cache: { at: number; ws: string; spaces: SpaceRowView[]; folders: FolderRowView[]; lists: ListRowView[]; members: MemberRowView[] } | null = null;

  constructor(
    private readonly cfg: AppConfig,
    private readonly repo: HierarchyQueryRepository,
    private readonly runner: SyncRunnerService,
    private readonly registry: ProjectRegistryRepository,
    private readonly caches: CacheRegistry,
  ) {}

  onModuleInit(): void {
    this.runner.onFinished(() => this.invalidate());
    this.caches.register({
      name: 'hierarchy name index',
      info: () => {
        const c = this.cache;
        return c ? { entries: c.spaces.length + c.folders.length + c.lists.length + c.members.length, ageMs: Date.now() - c.at } : { entries: 0, ageMs: null };
      },
      clear: () => this.invalidate(),
    });
  }

  invalidate(): void {
    this.cache = null;
  }

  statuses(defs: StatusDefinition[] | null | undefined): StatusView[] {
    return (defs ?? []).map((s) => ({
      status: s.status, type: s.type, orderindex: s.orderindex,
      category: statusCategory(s.status, s.type, this.cfg.reports.statusOverrides),
    }));
  }

  /** The workspace to answer for: the given one, else the configured one, else the synced one. */
  async workspaceId(given?: string): Promise<string> {
    const all = await this.repo.workspaces();
    if (!all.length) throw new DomainError('Nothing is synced yet: run trigger_sync (or wait for the first sync to finish) and try again.');
    if (given) return matchOne('workspace', given, all).id;
    const configured = this.cfg.clickup.workspaceId;
    return (configured && all.find((w) => w.id === configured)?.id) || all[0].id;
  }

  /** The cached name index (spaces, folders, lists and members, archived included) that resolution matches against. */
  async nameIndex(ws: string) {
    if (this.cache && this.cache.ws === ws && Date.now() - this.cache.at < CACHE_MS) return this.cache;
    const [spaces, folders, lists, members] = await Promise.all([
      this.repo.spaces(ws, true), this.repo.folders(ws, null, true), this.repo.lists(ws, {}, true), this.repo.members(ws),
    ]);
    this.cache = { at: Date.now(), ws, spaces, folders, lists, members };
    return this.cache;
  }

  async space(ws: string, given: string): Promise<SpaceRowView> {
    const { spaces } = await this.nameIndex(ws);
    return (await this.aliased(ws, given, 'space', spaces)) ?? matchOne('space', given, spaces, 'get_spaces lists them all.');
  }

  async folder(ws: string, given: string, spaceId?: string): Promise<FolderRowView> {
    const { folders } = await this.nameIndex(ws);
    const pool = spaceId ? folders.filter((f) => f.spaceId === spaceId) : folders;
    return (await this.aliased(ws, given, 'folder', pool)) ?? matchOne('folder', given, pool.map((f) => ({ ...f, label: `${f.name} (space ${f.spaceName})` })), 'get_folders lists them.');
  }

  async list(ws: string, given: string, scope: { spaceId?: string; folderId?: string } = {}): Promise<ListRowView> {
    const { lists } = await this.nameIndex(ws);
    const pool = lists.filter((l) => (!scope.spaceId || l.spaceId === scope.spaceId) && (!scope.folderId || l.folderId === scope.folderId));
    return (await this.aliased(ws, given, 'list', pool)) ?? matchOne('list', given, pool.map((l) => ({ ...l, label: `${l.name} (${l.spaceName}${l.folderName ? ` › ${l.folderName}` : ''})` })), 'get_lists / get_folderless_lists list them.');
  }

  /**
   * A project alias of this kind names its target exactly (an alias is chosen on purpose, so it
   * wins over names), in every tool that takes a space, folder or list. Undefined: no such alias.
   */
  private async aliased<T extends { id: string }>(ws: string, given: string, kind: ProjectKind, pool: T[]): Promise<T | undefined> {
    const key = given.trim().toLowerCase().replace(/\s+/g, ' ');
    const alias = (await this.registry.aliases(ws)).find((a) => a.aliasKey === key && a.targetType === kind);
    if (!alias) return undefined;
    const hit = pool.find((x) => x.id === alias.targetId);
    if (hit) return hit;
    throw new DomainError(
      `Project alias '${alias.alias}' points at ${kind} ${alias.targetId}, which is not in the synced hierarchy (deleted, or not visible to the token) or not inside the space given. refresh_projects re-checks the registry.`,
      'not_found',
    );
  }

  async member(ws: string, given: string): Promise<MemberRowView> {
    const { members } = await this.nameIndex(ws);
    const named: (Named & { m: MemberRowView })[] = members.map((m) => ({
      id: String(m.id), name: m.username ?? m.email ?? String(m.id), aliases: [m.email, m.username].filter((x): x is string => !!x), m,
    }));
    return matchOne('member', given.replace(/^@/, ''), named, 'get_workspace_members lists them.').m;
  }

  /** A scope argument that may name a space, folder or list (tried in that order of specificity). */
  async scope(ws: string, given: { space?: string; folder?: string; list?: string }): Promise<Scope> {
    if (given.list) {
      const space = given.space ? await this.space(ws, given.space) : undefined;
      const l = await this.list(ws, given.list, { spaceId: space?.id });
      return { kind: 'list', id: l.id, name: l.name };
    }
    if (given.folder) {
      const space = given.space ? await this.space(ws, given.space) : undefined;
      const f = await this.folder(ws, given.folder, space?.id);
      return { kind: 'folder', id: f.id, name: f.name };
    }
    if (given.space) {
      const s = await this.space(ws, given.space);
      return { kind: 'space', id: s.id, name: s.name };
    }
    return { kind: 'workspace', id: ws, name: 'whole workspace' };
  }

  /** workspace → spaces → folders → lists, for the REST mirror and the hierarchy resource. */
  async tree(ws: string, includeArchived: boolean) {
    const [workspaces, spaces, folders, lists] = await Promise.all([
      this.repo.workspaces(), this.repo.spaces(ws, includeArchived), this.repo.folders(ws, null, includeArchived), this.repo.lists(ws, {}, includeArchived),
    ]);
    const listView = (l: ListRowView) => ({ id: l.id, name: l.name, archived: l.archived, taskCount: l.taskCount });
    const w = workspaces.find((x) => x.id === ws);
    return {
      workspace: { id: ws, name: w?.name ?? ws },
      spaces: spaces.map((s) => ({
        id: s.id, name: s.name, archived: s.archived, taskCount: s.taskCount,
        folders: folders.filter((f) => f.spaceId === s.id).map((f) => ({
          id: f.id, name: f.name, archived: f.archived, taskCount: f.taskCount, lists: lists.filter((l) => l.folderId === f.id).map(listView),
        })),
        folderlessLists: lists.filter((l) => l.spaceId === s.id && !l.folderId).map(listView),
      })),
    };
  }

  spaces(ws: string, includeArchived: boolean) { return this.repo.spaces(ws, includeArchived); }
  folders(ws: string, spaceId: string, includeArchived: boolean) { return this.repo.folders(ws, spaceId, includeArchived); }
  lists(ws: string, f: { spaceId?: string; folderId?: string | null; listId?: string }, includeArchived: boolean) { return this.repo.lists(ws, f, includeArchived); }
  members(ws: string) { return this.repo.members(ws); }
  workspaces() { return this.repo.workspaces(); }
}

export interface Scope {
  kind: 'workspace' | 'space' | 'folder' | 'list';
  id: string;
  name: string;
}
