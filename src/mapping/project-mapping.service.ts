import { Injectable } from '@nestjs/common';
import { CacheInfo, CacheRegistry } from '../common/cache/cache-registry';
import { DomainError } from '../common/errors/domain-error';
import { SyncProgressListener } from '../sync/sync-context';
import { SyncRunnerService } from '../sync/sync-runner.service';
import { SyncRunView, SyncStatusService } from '../sync/sync-status.service';
import { listIdsOf, Structure, structureOf } from './hierarchy-structure';
import { HierarchyService } from './hierarchy.service';
import { ProjectRegistryService, RegistryEntryView } from './project-registry.service';
import { ProjectKind } from './project-target';
import { locationPath } from './registry-check';
import { ResolvedScope, ScopeResolverService } from './scope-resolver.service';

export interface MappedTarget {
  /** The registry entry, when the project was named by its alias. */
  entry: RegistryEntryView | null;
  target: { type: ProjectKind; id: string; name: string; location: string; archived: boolean };
  structure: Structure;
}

export interface CacheStatus {
  counts: { spaces: number; folders: number; lists: number; tasks: number; timeEntries: number; members: number; projects: number };
  lastFull: SyncRunView | null;
  lastIncremental: SyncRunView | null;
  running: { runId: number | null; kind: string; since: string } | null;
  nextRunAt: string | null;
  caches: CacheInfo[];
}

/**
 * The mapping toolset's services: what an alias (or any space/folder/list) contains, hierarchy
 * discovery, what is synced and cached, and a sync of just one project's lists.
 */
@Injectable()
export class ProjectMappingService {
  constructor(
    private readonly scopes: ScopeResolverService,
    private readonly hierarchy: HierarchyService,
    private readonly registry: ProjectRegistryService,
    private readonly runner: SyncRunnerService,
    private readonly status: SyncStatusService,
    private readonly caches: CacheRegistry,
  ) {}

  /** Every alias with its target and a summary of what it contains. */
  async mappings(): Promise<{ entry: RegistryEntryView; counts: Structure['counts'] | null }[]> {
    const ws = await this.scopes.workspaceId();
    const [entries, index] = await Promise.all([this.registry.list(ws), this.hierarchy.countedNow(ws, false)]);
    return entries.map((entry) => ({ entry, counts: entry.state === 'deleted' ? null : structureOf(entry.type, entry.id, index, false).counts }));
  }

  /** A project (alias, or any space/folder/list) with its structure: folders → lists, with counts. */
  async mapped(project: string, includeArchived: boolean): Promise<MappedTarget> {
    const ws = await this.scopes.workspaceId();
    const scope = await this.project(ws, project);
    const index = await this.hierarchy.countedNow(ws, includeArchived);
    const entry = scope.alias ? await this.registry.entry(ws, scope.alias) : null;
    return { entry, target: await this.target(ws, scope), structure: structureOf(scope.kind as ProjectKind, scope.id, index, includeArchived) };
  }

  async discoverSpace(space: string, includeArchived: boolean): Promise<MappedTarget> {
    const ws = await this.scopes.workspaceId();
    const s = await this.hierarchy.space(ws, space);
    const index = await this.hierarchy.countedNow(ws, includeArchived);
    return {
      entry: null,
      target: { type: 'space', id: s.id, name: s.name, location: '', archived: s.archived },
      structure: structureOf('space', s.id, index, includeArchived),
    };
  }

  async discoverFolder(folder: string, space: string | undefined, includeArchived: boolean): Promise<MappedTarget> {
    const ws = await this.scopes.workspaceId();
    const spaceId = space ? (await this.hierarchy.space(ws, space)).id : undefined;
    const f = await this.hierarchy.folder(ws, folder, spaceId);
    const index = await this.hierarchy.countedNow(ws, includeArchived);
    return {
      entry: null,
      target: { type: 'folder', id: f.id, name: f.name, location: f.spaceName, archived: f.archived },
      structure: structureOf('folder', f.id, index, includeArchived),
    };
  }

  /** Syncs one project's lists now (tasks and recent time entries), as a 'project' run. */
  async refresh(project: string, listener?: SyncProgressListener) {
    const ws = await this.scopes.workspaceId();
    const scope = await this.project(ws, project);
    const lists = listIdsOf(scope.kind as ProjectKind, scope.id, await this.hierarchy.nameIndex(ws));
    if (!lists.length) throw new DomainError(`${cap(scopeLabel(scope))} has no lists to sync.`);
    const r = await this.runner.runListsNow(lists, 'mcp', listener);
    return { scope: { ...(await this.target(ws, scope)), alias: scope.alias }, lists: lists.length, result: r };
  }

  async cacheStatus(): Promise<CacheStatus> {
    const v = await this.status.view();
    const ws = v.workspaceId;
    const projects = ws ? (await this.registry.list(ws)).length : 0;
    const last = (kind: string) => v.lastRuns.find((r) => r.kind === kind) ?? null;
    const next =
      [v.schedule.nextIncrementalAt, v.schedule.nextReconcileAt, v.schedule.nextSnapshotAt].filter((x): x is string => !!x).sort()[0] ?? null;
    return {
      counts: {
        spaces: v.counts.spaces,
        folders: v.counts.folders,
        lists: v.counts.lists,
        tasks: v.counts.tasks,
        timeEntries: v.counts.timeEntries,
        members: v.counts.members,
        projects,
      },
      lastFull: last('full'),
      lastIncremental: last('incremental'),
      running: v.running,
      nextRunAt: next,
      caches: this.caches.list(),
    };
  }

  /** Drops every in-memory cache; synced data and the registry stay. */
  clearCaches(): CacheInfo[] {
    return this.caches.clearAll();
  }

  private project(ws: string, given: string): Promise<ResolvedScope> {
    return this.scopes.project(ws, given);
  }

  private async target(ws: string, scope: ResolvedScope): Promise<MappedTarget['target']> {
    const index = await this.hierarchy.nameIndex(ws);
    const list = scope.kind === 'list' ? index.lists.find((l) => l.id === scope.id) : undefined;
    const location =
      scope.kind === 'folder' ? (index.folders.find((f) => f.id === scope.id)?.spaceName ?? '') : list ? locationPath('list', list) : '';
    return { type: scope.kind as ProjectKind, id: scope.id, name: scope.name, location, archived: scope.archived };
  }
}

const scopeLabel = (s: ResolvedScope) => s.label;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
