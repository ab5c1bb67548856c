import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { SyncRunnerService } from '../sync/sync-runner.service';
import { AppConfig } from '../config/app-config';
import { statusCategory, StatusCategory } from '../common/status-category';
import { StatusDefinition } from '../database/entities';
import { matchOne, Named } from '../common/names/name-matcher';
import { DomainError } from '../common/errors/domain-error';
import {
  FolderBase,
  FolderRowView,
  HierarchyQueryRepository,
  ListBase,
  ListCountRow,
  ListRowView,
  MemberRow,
  MemberRowView,
  parseListCounts,
  SpaceBase,
  SpaceRowView,
  WorkspaceRow,
} from './hierarchy-query.repository';
import { CountedHierarchy, countHierarchy, listsInScope } from './hierarchy-counts';
import { CacheRegistry } from '../common/cache/cache-registry';
import { ProjectRegistryRepository } from './project-registry.repository';
import { ProjectKind } from './project-target';

export interface StatusView {
  status: string;
  type: string;
  category: StatusCategory;
  orderindex: number;
}

/** Another process's sync run is noticed within this long (a background probe, never awaited). */
const PROBE_EVERY_MS = 2_000;

/** Everything synced about the hierarchy, read in one pass: a few hundred rows. */
interface Snapshot {
  /** sync_runs' newest finished_at when the load started. */
  runsFinishedAt: number;
  /** performance.now() when the load finished (the cache registry shows the snapshot's age). */
  loadedAt: number;
  workspaces: WorkspaceRow[];
  spaces: SpaceBase[];
  folders: FolderBase[];
  lists: ListBase[];
  members: MemberRow[];
  /** Per workspace: the structure with rule-4 counts (include_archived false) as of the load. */
  counted: Map<string, CountedHierarchy>;
  /** What answers are made of (all but the load bookkeeping): equal fingerprints, equal snapshots. */
  fingerprint: string;
}

/**
 * The synced hierarchy, for tools: resolving names/ids to entities (with "did you mean") and the
 * listings. Names resolve against an in-memory snapshot that is loaded once at start and
 * reloaded when a sync run finishes (before the run reports done, so a caller that waited for
 * it reads what it wrote) or when a probe sees that another process finished one. A reload is
 * single-flight and never blocks a request: requests keep answering from the previous snapshot
 * until the new one is complete. Task counts in listings are read fresh per call from the
 * trigger-kept task_counts table (milliseconds, exact even right after a write-through); views
 * returned by the resolvers (space(), folder(), list()) carry the counts of the snapshot.
 */
@Injectable()
export class HierarchyService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('Hierarchy');
  private snapshot: Snapshot | null = null;
  private loading: Promise<Snapshot> | null = null;
  private reloadAgain = false;
  private probedAt = 0;
  private probing = false;
  /** Per workspace: the version check of this event-loop turn, shared by its callers. */
  private readonly countsPending = new Map<string, Promise<{ version: string; rows: ListCountRow[] }>>();
  /** Per workspace: the task counts last read, with their version. */
  private readonly countsMemo = new Map<string, { version: string; rows: ListCountRow[] }>();
  /** Per workspace and archived flag: the last counted hierarchy, with the snapshot and counts it came from. */
  private readonly countedMemo = new Map<
    string,
    { snapshot: Snapshot; counts: { version: string; rows: ListCountRow[] }; counted: CountedHierarchy }
  >();

  constructor(
    private readonly cfg: AppConfig,
    private readonly repo: HierarchyQueryRepository,
    private readonly runner: SyncRunnerService,
    private readonly registry: ProjectRegistryRepository,
    private readonly caches: CacheRegistry,
  ) {}

  onModuleInit(): void {
    this.runner.onFinished(async () => {
      await this.reload();
    });
    this.caches.register({
      name: 'hierarchy snapshot',
      info: () => {
        const s = this.snapshot;
        return s
          ? { entries: s.spaces.length + s.folders.length + s.lists.length + s.members.length, ageMs: Math.round(performance.now() - s.loadedAt) }
          : { entries: 0, ageMs: null };
      },
      // Dropped, not reloaded: the next read loads it afresh from the database (and waits for it).
      // CacheRegistry.clearAll moves the generation itself.
      clear: () => {
        this.snapshot = null;
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.reload();
    } catch (e) {
      // Not fatal: the first request loads it (e.g. the database came up after the app).
      this.logger.warn(`Could not load the hierarchy at start: ${(e as Error).message}`);
    }
  }

  /** Reload the snapshot in the background (invalidate_cache; every sync run does it by itself). */
  invalidate(): void {
    this.reload().catch((e) => this.logger.warn(`Reloading the hierarchy failed: ${(e as Error).message}`));
  }

  /**
   * Single flight: while a load runs, callers share it; a reload asked for meanwhile runs once
   * more right after, so a run that finished during a load is never missed.
   */
  private reload(): Promise<Snapshot> {
    if (this.loading) {
      this.reloadAgain = true;
      return this.loading;
    }
    const run = async (): Promise<Snapshot> => {
      let s: Snapshot;
      do {
        this.reloadAgain = false;
        s = await this.load();
        // Answers computed from the previous snapshot are not reused once it held something else.
        if (!this.snapshot || s.fingerprint !== this.snapshot.fingerprint) this.caches.changed();
        this.snapshot = s;
      } while (this.reloadAgain);
      return s;
    };
    this.loading = run().finally(() => (this.loading = null));
    return this.loading;
  }

  private async load(): Promise<Snapshot> {
    // One after the other on purpose: each read takes a millisecond, and in parallel they would
    // open five database connections at start (~50 ms each on a busy server).
    const runsFinishedAt = await this.repo.lastRunFinishedAt();
    const workspaces = await this.repo.workspaces();
    const spaces = await this.repo.allSpaces();
    const folders = await this.repo.allFolders();
    const lists = await this.repo.allLists();
    const members = await this.repo.allMembers();
    const counted = new Map<string, CountedHierarchy>();
    for (const w of workspaces) {
      counted.set(w.id, countHierarchy(ofWorkspace({ spaces, folders, lists }, w.id), (await this.workspaceCounts(w.id)).rows, false));
    }
    const fingerprint = JSON.stringify([workspaces, spaces, folders, lists, members, [...counted]]);
    return { runsFinishedAt, loadedAt: performance.now(), workspaces, spaces, folders, lists, members, counted, fingerprint };
  }

  /** The snapshot to answer from; only the very first load (nothing to answer from yet) is awaited. */
  private async current(): Promise<Snapshot> {
    this.probe();
    return this.snapshot ?? this.reload();
  }

  /** Another process's sync may have changed the hierarchy: check now and then, in the background. */
  private probe(): void {
    // Monotonic: this paces a background check, it says nothing about the time reports are about.
    const now = performance.now();
    if (this.probing || !this.snapshot || now - this.probedAt < PROBE_EVERY_MS) return;
    this.probedAt = now;
    this.probing = true;
    this.repo
      .lastRunFinishedAt()
      .then((at) => {
        if (this.snapshot && at > this.snapshot.runsFinishedAt) return this.reload().then(() => undefined);
      })
      .catch(() => undefined)
      .finally(() => (this.probing = false));
  }

  statuses(defs: StatusDefinition[] | null | undefined): StatusView[] {
    return (defs ?? []).map((s) => ({
      status: s.status,
      type: s.type,
      orderindex: s.orderindex,
      category: statusCategory(s.status, s.type, this.cfg.reports.statusOverrides),
    }));
  }

  /** The workspace to answer for: the given one, else the configured one, else the synced one. */
  async workspaceId(given?: string): Promise<string> {
    let all = (await this.current()).workspaces;
    // Nothing in the snapshot: perhaps the first sync just finished in another process.
    if (!all.length) all = (await this.reload()).workspaces;
    if (!all.length) throw new DomainError('Nothing is synced yet: run trigger_sync (or wait for the first sync to finish) and try again.');
    if (given) return matchOne('workspace', given, all).id;
    const configured = this.cfg.clickup.workspaceId;
    return (configured && all.find((w) => w.id === configured)?.id) || all[0].id;
  }

  private async counted(ws: string): Promise<CountedHierarchy> {
    return (await this.current()).counted.get(ws) ?? { spaces: [], folders: [], lists: [] };
  }

  /** The name index (spaces, folders, lists and members, archived included) that resolution matches against: the snapshot's. */
  async nameIndex(ws: string): Promise<CountedHierarchy & { members: MemberRowView[] }> {
    const [counted, members] = await Promise.all([this.counted(ws), this.members(ws)]);
    return { ...counted, members };
  }

  async space(ws: string, given: string): Promise<SpaceRowView> {
    const { spaces } = await this.counted(ws);
    return (await this.aliased(ws, given, 'space', spaces)) ?? matchOne('space', given, spaces, 'get_spaces lists them all.');
  }

  async folder(ws: string, given: string, spaceId?: string): Promise<FolderRowView> {
    const { folders } = await this.counted(ws);
    const pool = spaceId ? folders.filter((f) => f.spaceId === spaceId) : folders;
    return (
      (await this.aliased(ws, given, 'folder', pool)) ??
      matchOne(
        'folder',
        given,
        pool.map((f) => ({ ...f, label: `${f.name} (space ${f.spaceName})` })),
        'get_folders lists them.',
      )
    );
  }

  async list(ws: string, given: string, scope: { spaceId?: string; folderId?: string } = {}): Promise<ListRowView> {
    const { lists } = await this.counted(ws);
    const pool = lists.filter((l) => (!scope.spaceId || l.spaceId === scope.spaceId) && (!scope.folderId || l.folderId === scope.folderId));
    return (
      (await this.aliased(ws, given, 'list', pool)) ??
      matchOne(
        'list',
        given,
        pool.map((l) => ({ ...l, label: `${l.name} (${l.spaceName}${l.folderName ? ` › ${l.folderName}` : ''})` })),
        'get_lists / get_folderless_lists list them.',
      )
    );
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
    const members = await this.members(ws);
    const named: (Named & { m: MemberRowView })[] = members.map((m) => ({
      id: String(m.id),
      name: m.username ?? m.email ?? String(m.id),
      aliases: [m.email, m.username].filter((x): x is string => !!x),
      m,
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

  /**
   * The ids of the lists whose tasks a scope covers (rule 4: without `includeArchived`, lists
   * archived inside the scope are left out). For the workspace, use archivedListIds instead:
   * tasks of lists the hierarchy does not know yet still belong to it.
   */
  async listIdsIn(ws: string, scope: Scope, includeArchived: boolean): Promise<string[]> {
    return listsInScope(ofWorkspace(await this.current(), ws), scope, includeArchived).map((l) => l.id);
  }

  /** The workspace's spaces, folders and lists as synced (no counts), for resolving names in bulk. */
  async structure(ws: string): Promise<{ spaces: SpaceBase[]; folders: FolderBase[]; lists: ListBase[] }> {
    return ofWorkspace(await this.current(), ws);
  }

  /** Lists of the workspace that are archived or sit in an archived folder or space. */
  async archivedListIds(ws: string): Promise<string[]> {
    const s = ofWorkspace(await this.current(), ws);
    const shown = new Set(listsInScope(s, { kind: 'workspace', id: ws }, false).map((l) => l.id));
    return s.lists.filter((l) => !shown.has(l.id)).map((l) => l.id);
  }

  /** Spaces, folders and lists (archived included) with task counts read now (rule 4 for `includeArchived`). */
  countedNow(ws: string, includeArchived: boolean): Promise<CountedHierarchy> {
    return this.fresh(ws, includeArchived);
  }

  /** Spaces, folders and lists with counts read now (rule 4 for `includeArchived`), unfiltered. */
  private async fresh(ws: string, includeArchived: boolean): Promise<CountedHierarchy> {
    const snapshot = await this.current();
    const counts = await this.workspaceCounts(ws);
    // The same structure and the same counts count the same: reuse the last result (counting the
    // whole workspace was 3–9 ms of CPU per listing call on `large`).
    const key = `${ws}\u0000${includeArchived}`;
    const memo = this.countedMemo.get(key);
    if (memo && memo.snapshot === snapshot && memo.counts === counts) return memo.counted;
    const c = countHierarchy(ofWorkspace(snapshot, ws), counts.rows, includeArchived);
    // Shared between calls from now on: frozen, so an in-place sort by a caller fails loudly.
    const counted = { spaces: Object.freeze(c.spaces), folders: Object.freeze(c.folders), lists: Object.freeze(c.lists) } as CountedHierarchy;
    this.countedMemo.set(key, { snapshot, counts, counted });
    return counted;
  }

  /**
   * One list with its counts read now: only that list is counted (a list's counts are its own
   * rows), not the whole workspace's structure around it.
   */
  private async countedList(ws: string, listId: string, includeArchived: boolean): Promise<readonly ListRowView[]> {
    const lists = (await this.current()).lists.filter((l) => l.id === listId && l.workspaceId === ws);
    if (!lists.length) return [];
    return countHierarchy({ spaces: [], folders: [], lists }, parseListCounts(await this.repo.listCountsText(ws, [listId])), includeArchived).lists;
  }

  /**
   * The workspace's task counts as of now: read again only when their version moved (any writer,
   * any process). Callers of the same event-loop turn share one check — a listing that needs
   * folders and lists, or concurrent requests: all of them asked before the check could reach
   * the database, so each still sees every write that finished before it asked.
   */
  private workspaceCounts(ws: string): Promise<{ version: string; rows: ListCountRow[] }> {
    let pending = this.countsPending.get(ws);
    if (!pending) {
      const done = () => this.countsPending.get(ws) === pending && this.countsPending.delete(ws);
      pending = this.checkCounts(ws).finally(done);
      this.countsPending.set(ws, pending);
      setImmediate(done);
    }
    return pending;
  }

  private async checkCounts(ws: string): Promise<{ version: string; rows: ListCountRow[] }> {
    const known = this.countsMemo.get(ws);
    const r = await this.repo.listCountsIfChanged(ws, known?.version ?? null);
    if (r.counts === null && known) return known;
    const counts = { version: r.version, rows: parseListCounts(r.counts ?? '[]') };
    this.countsMemo.set(ws, counts);
    return counts;
  }

  /** workspace → spaces → folders → lists, for the REST mirror and the hierarchy resource. */
  async tree(ws: string, includeArchived: boolean) {
    const [w, counted] = await Promise.all([this.current().then((s) => s.workspaces.find((x) => x.id === ws)), this.fresh(ws, includeArchived)]);
    const { spaces, folders, lists } = visible(counted, includeArchived);
    const listView = (l: ListRowView) => ({ id: l.id, name: l.name, archived: l.archived, taskCount: l.taskCount });
    return {
      workspace: { id: ws, name: w?.name ?? ws },
      spaces: spaces.map((s) => ({
        id: s.id,
        name: s.name,
        archived: s.archived,
        taskCount: s.taskCount,
        folders: folders
          .filter((f) => f.spaceId === s.id)
          .map((f) => ({
            id: f.id,
            name: f.name,
            archived: f.archived,
            taskCount: f.taskCount,
            lists: lists.filter((l) => l.folderId === f.id).map(listView),
          })),
        folderlessLists: lists.filter((l) => l.spaceId === s.id && !l.folderId).map(listView),
      })),
    };
  }

  /** Spaces with counts read now. `countArchived` (default: the same as `includeArchived`) counts archived contents too. */
  async spaces(ws: string, includeArchived: boolean, countArchived = includeArchived): Promise<SpaceRowView[]> {
    return (await this.fresh(ws, countArchived)).spaces.filter((s) => includeArchived || !s.archived);
  }

  /** Folders of a space (archived ones only with `includeArchived`; a space named explicitly shows its folders even when archived). */
  async folders(ws: string, spaceId: string, includeArchived: boolean): Promise<FolderRowView[]> {
    return (await this.fresh(ws, includeArchived)).folders.filter((f) => f.spaceId === spaceId && (includeArchived || !f.archived));
  }

  /**
   * Lists with task counts per status category. `folderId: null` selects folderless lists.
   * `includeArchived` lists archived lists too; `countArchived` (default: the same) counts
   * archived tasks — get_folder and get_list show archived lists but count by rule 4.
   */
  async lists(
    ws: string,
    f: { spaceId?: string; folderId?: string | null; listId?: string },
    includeArchived: boolean,
    countArchived = includeArchived,
  ): Promise<ListRowView[]> {
    const lists = f.listId ? await this.countedList(ws, f.listId, countArchived) : (await this.fresh(ws, countArchived)).lists;
    return lists.filter(
      (l) =>
        (includeArchived || !l.archived) &&
        (!f.spaceId || l.spaceId === f.spaceId) &&
        (f.folderId === undefined || l.folderId === f.folderId) &&
        (!f.listId || l.id === f.listId),
    );
  }

  async members(ws: string): Promise<MemberRowView[]> {
    return (await this.current()).members.filter((m) => m.workspaceId === ws).map(({ workspaceId: _ws, ...m }) => m);
  }

  async workspaces(): Promise<WorkspaceRow[]> {
    return (await this.current()).workspaces;
  }
}

function ofWorkspace(s: { spaces: SpaceBase[]; folders: FolderBase[]; lists: ListBase[] }, ws: string) {
  return {
    spaces: s.spaces.filter((x) => x.workspaceId === ws),
    folders: s.folders.filter((x) => x.workspaceId === ws),
    lists: s.lists.filter((x) => x.workspaceId === ws),
  };
}

/** What the whole tree shows: without archived items, archived spaces, folders and lists (and what is inside them) are hidden. */
function visible(c: CountedHierarchy, includeArchived: boolean): CountedHierarchy {
  if (includeArchived) return c;
  const hiddenFolders = new Set(c.folders.filter((f) => f.archived).map((f) => f.id));
  const hiddenSpaces = new Set(c.spaces.filter((s) => s.archived).map((s) => s.id));
  return {
    spaces: c.spaces.filter((s) => !s.archived),
    folders: c.folders.filter((f) => !f.archived && !hiddenSpaces.has(f.spaceId)),
    lists: c.lists.filter((l) => !l.archived && !(l.folderId && hiddenFolders.has(l.folderId)) && !hiddenSpaces.has(l.spaceId)),
  };
}

export interface Scope {
  kind: 'workspace' | 'space' | 'folder' | 'list';
  id: string;
  name: string;
}
