import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { matchOne, Named } from '../common/names/name-matcher';
import { FolderRowView, ListRowView, SpaceRowView } from './hierarchy-query.repository';
import { HierarchyService } from './hierarchy.service';
import { PeopleRepository, PersonRow } from './people.repository';
import { ProjectAliasRow, ProjectRegistryRepository } from './project-registry.repository';
import { ProjectCandidate, ProjectKind, resolveProjectTarget } from './project-target';

/** Scope arguments every report and listing shares (one vocabulary across toolsets). */
export interface ScopeArgs {
  space?: string;
  folder?: string;
  list?: string;
  /** A registry alias, or any space, folder or list. */
  project?: string;
}

export type ScopeKind = 'workspace' | ProjectKind;

export interface ResolvedScope {
  kind: ScopeKind;
  id: string;
  name: string;
  /** "space Mobile", "folder iOS App in Mobile", "list Sprint 3 in Mobile › iOS App", "whole workspace". */
  label: string;
  /** The container itself is archived (its own tasks still count: Reporting rule 4). */
  archived: boolean;
  /** The registry alias the caller used, if any. */
  alias: string | null;
  /** The space it is in (itself for a space); null for the workspace. */
  spaceId: string | null;
}

export interface ResolvedPerson {
  id: number;
  name: string;
  email: string | null;
  /** Removed from the workspace since; their logged time still counts (Reporting rule 2). */
  removed: boolean;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
export const personName = (p: Pick<PersonRow, 'id' | 'username' | 'email'>): string => p.username ?? p.email ?? `user ${p.id}`;

/**
 * The one resolver for "workspace / space / folder / list / project alias / person" (rule 2):
 * ids or names, case-insensitive, unique prefixes, "did you mean" errors. Registry aliases work
 * in every scope argument: an exact alias wins, because someone chose it on purpose.
 */
@Injectable()
export class ScopeResolverService {
  constructor(
    private readonly hierarchy: HierarchyService,
    private readonly registry: ProjectRegistryRepository,
    private readonly peopleRepo: PeopleRepository,
  ) {}

  workspaceId(given?: string): Promise<string> {
    return this.hierarchy.workspaceId(given);
  }

  /** The scope of a report: list wins over folder over space (space narrows the name); project stands alone; none = workspace. */
  async scope(ws: string, a: ScopeArgs): Promise<ResolvedScope> {
    if (a.project !== undefined) {
      const others = (['space', 'folder', 'list'] as const).filter((k) => a[k] !== undefined);
      if (others.length)
        throw new DomainError(`Pass either project or ${others.join('/')}, not both: project already names a space, folder or list.`);
      return this.project(ws, a.project);
    }
    const aliases = (a.list ?? a.folder ?? a.space) ? await this.registry.aliases(ws) : [];
    const viaAlias = (given: string | undefined) => (given === undefined ? undefined : aliases.find((x) => x.aliasKey === norm(given)));
    const mostSpecific = a.list ?? a.folder ?? a.space;
    const alias = viaAlias(mostSpecific);
    if (alias) return this.aliasTarget(ws, alias);
    const spaceAlias = viaAlias(a.space);
    const space =
      a.space === undefined
        ? undefined
        : spaceAlias?.targetType === 'space'
          ? await this.space(ws, spaceAlias.targetId)
          : await this.space(ws, a.space);
    if (a.list !== undefined) return listScope(await this.hierarchy.list(ws, a.list, { spaceId: space?.id }));
    if (a.folder !== undefined) return folderScope(await this.hierarchy.folder(ws, a.folder, space?.id));
    if (space) return spaceScope(space);
    return { kind: 'workspace', id: ws, name: 'whole workspace', label: 'whole workspace', archived: false, alias: null, spaceId: null };
  }

  /** A project: a registry alias, else a space, folder or list (resolveProjectTarget's order). */
  async project(ws: string, given: string): Promise<ResolvedScope> {
    const [aliases, { spaces, folders, lists }] = await Promise.all([this.registry.aliases(ws), this.hierarchy.nameIndex(ws)]);
    const candidates: ProjectCandidate[] = [
      ...aliases.map((x) => ({
        kind: 'alias' as const,
        id: `alias:${x.aliasKey}`,
        name: x.alias,
        label: `${x.alias} (alias of ${x.targetType} ${x.targetId})`,
        target: { kind: x.targetType, id: x.targetId },
      })),
      ...spaces.map((s) => ({ kind: 'space' as const, id: s.id, name: s.name, label: `${s.name} (space)` })),
      ...folders.map((f) => ({ kind: 'folder' as const, id: f.id, name: f.name, label: `${f.name} (folder in ${f.spaceName})` })),
      ...lists.map((l) => ({
        kind: 'list' as const,
        id: l.id,
        name: l.name,
        label: `${l.name} (list in ${l.spaceName}${l.folderName ? ` › ${l.folderName}` : ''})`,
      })),
    ];
    const hit = resolveProjectTarget(given, candidates);
    if (hit.kind === 'alias') return this.aliasTarget(ws, aliases.find((x) => `alias:${x.aliasKey}` === hit.id) as ProjectAliasRow);
    if (hit.kind === 'space') return spaceScope(spaces.find((s) => s.id === hit.id) as SpaceRowView);
    if (hit.kind === 'folder') return folderScope(folders.find((f) => f.id === hit.id) as FolderRowView);
    return listScope(lists.find((l) => l.id === hit.id) as ListRowView);
  }

  /**
   * A person by id, name or email. Current members first; then people removed from the
   * workspace, whose history still counts (labelled as removed).
   */
  async person(ws: string, given: string): Promise<ResolvedPerson> {
    const all = await this.peopleRepo.people(ws);
    const named = (rows: PersonRow[]): (Named & { p: PersonRow })[] =>
      rows.map((p) => ({
        id: String(p.id),
        name: personName(p),
        aliases: [p.email, p.username].filter((x): x is string => !!x),
        label: p.removed ? `${personName(p)} (removed)` : undefined,
        p,
      }));
    const q = given.trim().replace(/^@/, '');
    try {
      return view(matchOne('member', q, named(all.filter((p) => !p.removed)), 'get_workspace_members lists them.').p);
    } catch (e) {
      const removed = all.filter((p) => p.removed);
      if (!(e instanceof DomainError) || e.kind !== 'not_found' || !removed.length) throw e;
      try {
        return view(matchOne('member', q, named(removed)).p);
      } catch {
        throw e;
      }
    }
  }

  /** The projects of a space (Reporting rule 1): its folders and its folderless lists, archived ones flagged. */
  async projectsOf(ws: string, spaceId: string): Promise<{ kind: 'folder' | 'list'; id: string; name: string; archived: boolean }[]> {
    const { folders, lists } = await this.hierarchy.nameIndex(ws);
    return [
      ...folders.filter((f) => f.spaceId === spaceId).map((f) => ({ kind: 'folder' as const, id: f.id, name: f.name, archived: f.archived })),
      ...lists
        .filter((l) => l.spaceId === spaceId && !l.folderId)
        .map((l) => ({ kind: 'list' as const, id: l.id, name: l.name, archived: l.archived })),
    ];
  }

  /** Everyone the workspace has known (for names in reports), removed people included. */
  people(ws: string): Promise<PersonRow[]> {
    return this.peopleRepo.people(ws);
  }

  private async aliasTarget(ws: string, alias: ProjectAliasRow): Promise<ResolvedScope> {
    const gone = () =>
      new DomainError(
        `Project alias '${alias.alias}' points at ${alias.targetType} ${alias.targetId}, which is no longer in the synced hierarchy (deleted, or not visible to the token). refresh_projects re-checks the registry.`,
        'not_found',
      );
    const { spaces, folders, lists } = await this.hierarchy.nameIndex(ws);
    let scope: ResolvedScope | undefined;
    if (alias.targetType === 'space') scope = spaces.filter((s) => s.id === alias.targetId).map(spaceScope)[0];
    else if (alias.targetType === 'folder') scope = folders.filter((f) => f.id === alias.targetId).map(folderScope)[0];
    else scope = lists.filter((l) => l.id === alias.targetId).map(listScope)[0];
    if (!scope) throw gone();
    return { ...scope, alias: alias.alias };
  }

  private async space(ws: string, given: string): Promise<SpaceRowView> {
    return this.hierarchy.space(ws, given);
  }
}

function view(p: PersonRow): ResolvedPerson {
  return { id: p.id, name: personName(p), email: p.email, removed: p.removed };
}

const spaceScope = (s: SpaceRowView): ResolvedScope => ({
  kind: 'space',
  id: s.id,
  name: s.name,
  label: `space ${s.name}`,
  archived: s.archived,
  alias: null,
  spaceId: s.id,
});
const folderScope = (f: FolderRowView): ResolvedScope => ({
  kind: 'folder',
  id: f.id,
  name: f.name,
  label: `folder ${f.name} in ${f.spaceName}`,
  archived: f.archived,
  alias: null,
  spaceId: f.spaceId,
});
const listScope = (l: ListRowView): ResolvedScope => ({
  kind: 'list',
  id: l.id,
  name: l.name,
  label: `list ${l.name} in ${l.spaceName}${l.folderName ? ` › ${l.folderName}` : ''}`,
  archived: l.archived,
  alias: null,
  spaceId: l.spaceId,
});
