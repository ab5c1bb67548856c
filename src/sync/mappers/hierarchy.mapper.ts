import { ClickupFolder, ClickupList, ClickupMember, ClickupSpace, ClickupStatus, ClickupTeam } from '../../clickup/clickup.types';
import { FolderRow, ListRow, MemberRow, SpaceRow, StatusRow, WorkspaceRow } from '../model/sync-rows';
import { stripNulDeep } from '../../common/text/strip-nul';

// Every row leaves through stripNulDeep: PostgreSQL cannot store NUL, and any ClickUp client can write one into a name.

const ROLE_KEYS: Record<number, string> = { 1: 'owner', 2: 'admin', 3: 'member', 4: 'guest' };
const date = (ms: number | null | undefined): Date | null => (ms == null ? null : new Date(ms));

export function mapStatuses(statuses: ClickupStatus[]): StatusRow[] {
  return statuses
    .map((s, i) => ({ id: s.id, status: s.status, type: s.type ?? 'custom', orderindex: s.orderindex ?? i, color: s.color }))
    .sort((a, b) => a.orderindex - b.orderindex);
}

/**
 * `plan` is the plan's name from GET /team/{id}/plan; undefined (not read this time, or ClickUp
 * refused) leaves the stored plan as it is, null clears it.
 */
export function mapWorkspace(team: ClickupTeam, plan?: string | null): WorkspaceRow {
  return stripNulDeep({ id: team.id, name: team.name, color: team.color, plan });
}

export function mapMember(workspaceId: string, m: ClickupMember): MemberRow {
  return stripNulDeep({
    workspaceId,
    userId: m.id,
    username: m.username,
    email: m.email,
    color: m.color,
    initials: m.initials,
    profilePicture: m.profilePicture,
    role: m.role,
    roleKey: m.roleKey ?? (m.role ? (ROLE_KEYS[m.role] ?? null) : null),
    status: m.pending ? 'invited' : 'active',
    lastActive: date(m.lastActive),
    dateJoined: date(m.dateJoined),
  });
}

export function mapSpace(workspaceId: string, s: ClickupSpace): SpaceRow {
  return stripNulDeep({
    id: s.id,
    workspaceId,
    name: s.name,
    color: s.color,
    private: s.private,
    archived: s.archived,
    multipleAssignees: s.multipleAssignees,
    statuses: mapStatuses(s.statuses),
    features: s.features as Record<string, unknown>,
  });
}

export function mapFolder(workspaceId: string, spaceId: string, f: ClickupFolder): FolderRow {
  return stripNulDeep({
    id: f.id,
    workspaceId,
    spaceId: f.space?.id ?? spaceId,
    name: f.name,
    orderindex: f.orderindex,
    hidden: f.hidden,
    archived: f.archived,
    overrideStatuses: f.overrideStatuses,
    statuses: f.overrideStatuses && f.statuses.length ? mapStatuses(f.statuses) : null,
    taskCount: f.taskCount,
  });
}

/**
 * A list's effective statuses: its own set when it overrides, else its folder's when the folder
 * overrides, else the space's (docs/tools.md: "own or inherited, and from where").
 */
export function mapList(
  workspaceId: string,
  l: ClickupList,
  ctx: { spaceId: string; folder: FolderRow | null; space: SpaceRow | undefined },
): ListRow {
  let statuses: StatusRow[];
  let source: ListRow['statusesSource'];
  let sourceId: string | null;
  if (l.overrideStatuses && l.statuses.length) {
    [statuses, source, sourceId] = [mapStatuses(l.statuses), 'list', l.id];
  } else if (ctx.folder?.overrideStatuses && ctx.folder.statuses?.length) {
    [statuses, source, sourceId] = [ctx.folder.statuses, 'folder', ctx.folder.id];
  } else {
    [statuses, source, sourceId] = [ctx.space?.statuses ?? mapStatuses(l.statuses), 'space', ctx.spaceId];
  }
  return stripNulDeep({
    id: l.id,
    workspaceId,
    spaceId: l.space?.id ?? ctx.spaceId,
    folderId: ctx.folder && !ctx.folder.hidden ? ctx.folder.id : null,
    name: l.name,
    orderindex: l.orderindex,
    content: l.content,
    archived: l.archived,
    overrideStatuses: l.overrideStatuses ?? false,
    statuses,
    statusesSource: source,
    statusesSourceId: sourceId,
    taskCount: l.taskCount,
    dueDate: date(l.dueDate),
    startDate: date(l.startDate),
  });
}
