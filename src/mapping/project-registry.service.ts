import { Injectable } from '@nestjs/common';
import { DomainError, notFoundError } from '../common/errors/domain-error';
import { closest } from '../common/names/name-matcher';
import { FolderRowView, ListRowView, SpaceRowView } from './hierarchy-query.repository';
import { HierarchyService } from './hierarchy.service';
import { normaliseAlias } from './project-alias';
import { EXPORT_FORMAT, EXPORT_VERSION, ImportItem, parseImport, ProjectsExport } from './project-map.format';
import { CurrentTarget, RecordedTarget, ProjectRegistryRepository, RegistryRow } from './project-registry.repository';
import { ProjectKind } from './project-target';
import { checkTarget, locationPath, recordChanged, TargetCheck } from './registry-check';
import { ResolvedScope, ScopeResolverService } from './scope-resolver.service';

/** A registry entry as tools and REST show it. */
export interface RegistryEntryView {
  alias: string;
  type: ProjectKind;
  id: string;
  /** The target's name now (as last known when it was deleted). */
  name: string;
  /** "Space › Folder" it sits in; "" for a space. */
  location: string;
  state: 'ok' | 'archived' | 'deleted';
  notes: string | null;
  addedAt: string;
  checkedAt: string | null;
  /** Against what the entry recorded at its last check. */
  check: TargetCheck;
}

export interface AddProjectInput {
  alias: string;
  /** A space, folder or list: id or name (an existing alias works too). */
  target: string;
  /** Settles a name that several kinds share. */
  type?: ProjectKind;
  notes?: string | null;
}

export interface ImportReport {
  source: 'export' | 'project_map';
  added: { alias: string; type: ProjectKind; id: string; name: string; matchedBy: 'id' | 'name' }[];
  /** Already there with the same target. */
  unchanged: string[];
  /** The alias is taken by an entry pointing elsewhere: left as it was. */
  conflicts: { alias: string; reason: string }[];
  /** No synced space/folder/list matched the entry's id or name. */
  unmatched: { alias: string; type: ProjectKind; id: string | null; name: string | null; reason: string }[];
  unreadable: { entry: string; reason: string }[];
}

type Row = SpaceRowView | FolderRowView | ListRowView;
const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The one project registry (alias → space, folder or list), shared by the projects and mapping
 * toolsets, REST and the CLI. Entries point at ids, so renames never break them; checks compare
 * them with the synced hierarchy and report, they never delete an entry by themselves.
 */
@Injectable()
export class ProjectRegistryService {
  constructor(
    private readonly scopes: ScopeResolverService,
    private readonly hierarchy: HierarchyService,
    private readonly repo: ProjectRegistryRepository,
  ) {}

  workspaceId(): Promise<string> {
    return this.scopes.workspaceId();
  }

  /**
   * Tracks a target under an alias. The same alias for the same target again changes nothing
   * (created: false); for another target it is a conflict naming the entry that holds it.
   */
  async add(ws: string, a: AddProjectInput): Promise<{ created: boolean; entry: RegistryEntryView; warnings: string[] }> {
    const { alias, key } = normaliseAlias(a.alias);
    const target = await this.resolveTarget(ws, a.target, a.type);
    const current = await this.currentOf(ws, target.kind as ProjectKind, target.id);
    const recorded = checkTarget(target.kind as ProjectKind, emptyRecord, current).record as RecordedTarget;
    const id = await this.repo.insert(ws, {
      alias,
      aliasKey: key,
      targetType: target.kind as ProjectKind,
      targetId: target.id,
      notes: a.notes ?? null,
      recorded,
    });
    const [row] = await this.repo.entries(ws, key);
    if (id === null) {
      if (row && row.targetType === target.kind && row.targetId === target.id) return { created: false, entry: entryView(row), warnings: [] };
      throw new DomainError(
        row
          ? `The alias '${alias}' is already taken: '${row.alias}' tracks ${row.targetType} ${nameOf(row)} (${row.targetId}). Choose another alias, or remove_project '${row.alias}' first.`
          : `The alias '${alias}' was taken at the same moment by another request. Run list_projects and try again.`,
        'conflict',
      );
    }
    return { created: true, entry: entryView(row), warnings: await this.warningsFor(ws, row) };
  }

  /** Stops tracking an alias (exact, case-insensitive); returns the entry removed. */
  async remove(ws: string, given: string): Promise<RegistryEntryView> {
    const { key } = normaliseAlias(given);
    const [row] = await this.repo.entries(ws, key);
    if (!row || !(await this.repo.remove(ws, key))) throw await this.unknownAlias(ws, given);
    return entryView(row);
  }

  /** Every entry with its target as synced now (nothing written). */
  async list(ws: string): Promise<RegistryEntryView[]> {
    return (await this.repo.entries(ws)).map(entryView);
  }

  /** One entry by its exact alias (case-insensitive). */
  async entry(ws: string, given: string): Promise<RegistryEntryView> {
    const [row] = await this.repo.entries(ws, normaliseAlias(given).key);
    if (!row) throw await this.unknownAlias(ws, given);
    return entryView(row);
  }

  /**
   * Re-checks every entry against the synced hierarchy: reports renamed, moved, archived and
   * deleted targets, and remembers each target as found (so a rename is reported once).
   */
  async refresh(ws: string): Promise<RegistryEntryView[]> {
    const rows = await this.repo.entries(ws);
    for (const row of rows) {
      const check = checkTarget(row.targetType, row.recorded, row.current);
      if (check.record && (!row.checkedAt || recordChanged(row.recorded, check.record))) await this.repo.record(row.id, check.record);
    }
    return rows.map(entryView);
  }

  /** Candidates for tracking at a level, with what already tracks each. */
  async discover(ws: string, level: ProjectKind, space: string | undefined, includeArchived: boolean) {
    const spaceRow = space ? await this.hierarchy.space(ws, space) : undefined;
    const [{ spaces, folders, lists }, aliases] = await Promise.all([this.hierarchy.countedNow(ws, includeArchived), this.repo.aliases(ws)]);
    const trackedAs = (kind: ProjectKind, id: string) => aliases.filter((x) => x.targetType === kind && x.targetId === id).map((x) => x.alias);
    const inSpace = (sid: string) => !spaceRow || sid === spaceRow.id;
    const rows: { type: ProjectKind; id: string; name: string; location: string; archived: boolean; taskCount: number; trackedAs: string[] }[] =
      level === 'space'
        ? spaces
            .filter((s) => inSpace(s.id))
            .map((s) => ({
              type: 'space' as const,
              id: s.id,
              name: s.name,
              location: '',
              archived: s.archived,
              taskCount: s.taskCount,
              trackedAs: trackedAs('space', s.id),
            }))
        : level === 'folder'
          ? folders
              .filter((f) => inSpace(f.spaceId))
              .map((f) => ({
                type: 'folder' as const,
                id: f.id,
                name: f.name,
                location: f.spaceName,
                archived: f.archived,
                taskCount: f.taskCount,
                trackedAs: trackedAs('folder', f.id),
              }))
          : lists
              .filter((l) => inSpace(l.spaceId))
              .map((l) => ({
                type: 'list' as const,
                id: l.id,
                name: l.name,
                location: locationPath('list', l),
                archived: l.archived,
                taskCount: l.taskCount,
                trackedAs: trackedAs('list', l.id),
              }));
    return { space: spaceRow ? { id: spaceRow.id, name: spaceRow.name } : null, candidates: rows.filter((r) => includeArchived || !r.archived) };
  }

  async exportDoc(ws: string, now: Date): Promise<ProjectsExport> {
    const rows = await this.repo.entries(ws);
    return {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      workspace_id: ws,
      exported_at: now.toISOString(),
      projects: rows.map((r) => {
        const v = entryView(r);
        return { alias: r.alias, type: r.targetType, id: r.targetId, name: v.name, path: v.location, notes: r.notes };
      }),
    };
  }

  /**
   * Adds the entries of an export or of an original project_map.json. Each target is matched by
   * id in the synced hierarchy, else by its exact name (unique within its kind); what matches
   * nothing is reported, and an alias already taken is never overwritten.
   */
  async import(ws: string, data: unknown): Promise<ImportReport> {
    const parsed = parseImport(data);
    const report: ImportReport = { source: parsed.source, added: [], unchanged: [], conflicts: [], unmatched: [], unreadable: parsed.unreadable };
    const index = await this.hierarchy.nameIndex(ws);
    for (const item of parsed.items) {
      const match = matchItem(item, item.type === 'space' ? index.spaces : item.type === 'folder' ? index.folders : index.lists);
      if (typeof match === 'string') {
        report.unmatched.push({ alias: item.alias, type: item.type, id: item.id, name: item.name, reason: match });
        continue;
      }
      try {
        const r = await this.add(ws, { alias: item.alias, target: match.row.id, type: item.type, notes: item.notes });
        if (r.created) report.added.push({ alias: r.entry.alias, type: item.type, id: match.row.id, name: match.row.name, matchedBy: match.by });
        else report.unchanged.push(r.entry.alias);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        report.conflicts.push({ alias: item.alias, reason: e.message });
      }
    }
    return report;
  }

  /** A target argument: with `type`, only that kind; else any project name (aliases first). */
  private async resolveTarget(ws: string, target: string, type?: ProjectKind): Promise<ResolvedScope> {
    const s = type ? await this.scopes.scope(ws, { [type]: target }) : await this.scopes.project(ws, target);
    if (type && s.kind !== type) {
      throw new DomainError(`'${target}' is the alias '${s.alias}' of ${s.label}, not a ${type}: pass the ${type}'s id or name.`);
    }
    return s;
  }

  private async currentOf(ws: string, kind: ProjectKind, id: string): Promise<CurrentTarget> {
    const { spaces, folders, lists } = await this.hierarchy.nameIndex(ws);
    if (kind === 'space') {
      const s = spaces.find((x) => x.id === id)!;
      return {
        name: s.name,
        spaceId: s.id,
        spaceName: s.name,
        folderId: null,
        folderName: null,
        archived: s.archived,
        archivedContainer: null,
        deleted: false,
      };
    }
    if (kind === 'folder') {
      const f = folders.find((x) => x.id === id)!;
      return {
        name: f.name,
        spaceId: f.spaceId,
        spaceName: f.spaceName,
        folderId: null,
        folderName: null,
        archived: f.archived,
        archivedContainer: null,
        deleted: false,
      };
    }
    const l = lists.find((x) => x.id === id)!;
    return {
      name: l.name,
      spaceId: l.spaceId,
      spaceName: l.spaceName,
      folderId: l.folderId,
      folderName: l.folderName,
      archived: l.archived,
      archivedContainer: null,
      deleted: false,
    };
  }

  /** An alias that is also a space/folder/list name now wins over that name everywhere: say so. */
  private async warningsFor(ws: string, row: RegistryRow): Promise<string[]> {
    const { spaces, folders, lists } = await this.hierarchy.nameIndex(ws);
    const shadowed = [
      ...spaces.map((x) => ['space', x] as const),
      ...folders.map((x) => ['folder', x] as const),
      ...lists.map((x) => ['list', x] as const),
    ].filter(([kind, x]) => norm(x.name) === row.aliasKey && !(kind === row.targetType && x.id === row.targetId));
    return shadowed
      .slice(0, 3)
      .map(
        ([kind, x]) =>
          `'${row.alias}' is also the name of ${kind} ${x.name} (${x.id}); as an alias it now means ${row.targetType} ${nameOf(row)} wherever a scope is named. Use the id to reach the ${kind}.`,
      );
  }

  private async unknownAlias(ws: string, given: string): Promise<DomainError> {
    const aliases = await this.repo.aliases(ws);
    const near = closest(
      norm(given),
      aliases.map((a) => ({ id: a.targetId, name: a.alias, label: `${a.alias} → ${a.targetType}` })),
      5,
    );
    return notFoundError(
      'project alias',
      given,
      near.map((a) => ({ id: a.id, name: a.label ?? a.name })),
      aliases.length ? 'list_projects lists them.' : 'add_project creates one.',
    );
  }
}

const emptyRecord: RecordedTarget = { name: null, spaceId: null, folderId: null, path: null };
const nameOf = (r: RegistryRow) => r.current?.name ?? r.recorded.name ?? r.targetId;

export function entryView(r: RegistryRow): RegistryEntryView {
  const check = checkTarget(r.targetType, r.recorded, r.current);
  const deleted = check.changes.includes('deleted');
  return {
    alias: r.alias,
    type: r.targetType,
    id: r.targetId,
    name: nameOf(r),
    location: deleted || !r.current ? (r.recorded.path ?? '') : locationPath(r.targetType, r.current),
    state: deleted ? 'deleted' : check.archived ? 'archived' : 'ok',
    notes: r.notes,
    addedAt: r.createdAt.toISOString(),
    checkedAt: r.checkedAt?.toISOString() ?? null,
    check,
  };
}

/** An import entry's target: by id when the synced hierarchy has it, else by a unique exact name. */
function matchItem(item: ImportItem, rows: Row[]): { row: Row; by: 'id' | 'name' } | string {
  const byId = item.id ? rows.find((r) => r.id === item.id) : undefined;
  if (byId) return { row: byId, by: 'id' };
  const named = item.name ? rows.filter((r) => norm(r.name) === norm(item.name as string)) : [];
  if (named.length === 1) return { row: named[0], by: 'name' };
  const what = `${item.type}${item.id ? ` ${item.id}` : ''}${item.name ? ` '${item.name}'` : ''}`;
  if (named.length > 1)
    return `no ${item.type} has id ${item.id ?? '(none)'}, and ${named.length} ${item.type}s are named '${item.name}': map it with add_project and the id (${named.map((r) => r.id).join(', ')}).`;
  return `no synced ${what}: it may be in another workspace or deleted. Map it with add_project.`;
}
