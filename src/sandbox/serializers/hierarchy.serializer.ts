import { FolderRecord, ListRecord, SpaceRecord, StatusDef } from '../model/sandbox-entities';
import type { SandboxStore } from '../sandbox-store';

const PRIORITIES = [
  { color: '#f50000', id: '1', orderindex: '1', priority: 'urgent' },
  { color: '#ffcc00', id: '2', orderindex: '2', priority: 'high' },
  { color: '#6fddff', id: '3', orderindex: '3', priority: 'normal' },
  { color: '#d8d8d8', id: '4', orderindex: '4', priority: 'low' },
] as const;

export function priorityObject(priority: number | null) {
  return priority === null ? null : { ...PRIORITIES[priority - 1] };
}

export function statusObjects(statuses: readonly StatusDef[]) {
  return statuses.map((s) => ({ id: s.id, status: s.status, type: s.type, orderindex: s.orderindex, color: s.color }));
}

const countCache = new WeakMap<SandboxStore, { version: number; counts: Map<string, number> }>();

/** Non-archived tasks (subtasks and closed ones included) per home list, recomputed once per store version. */
function taskCounts(store: SandboxStore): Map<string, number> {
  const cached = countCache.get(store);
  if (cached && cached.version === store.version) return cached.counts;
  const counts = new Map<string, number>();
  for (const t of store.state.tasks.values()) if (!t.archived) counts.set(t.listId, (counts.get(t.listId) ?? 0) + 1);
  countCache.set(store, { version: store.version, counts });
  return counts;
}

export function serializeSpace(store: SandboxStore, space: SpaceRecord) {
  const f = space.features;
  // A private space is shared with the owner and admins only; others see every space.
  const members = store
    .currentMembers()
    .filter((m) => m.status === 'active' && (!space.private || m.role <= 2))
    .map((m) => ({ user: { id: m.id, username: m.username, color: m.color, profilePicture: null, initials: m.initials } }));
  return {
    id: space.id,
    name: space.name,
    color: space.color,
    private: space.private,
    avatar: null,
    admin_can_manage: false,
    archived: space.archived,
    members,
    statuses: statusObjects(space.statuses),
    multiple_assignees: space.multipleAssignees,
    features: {
      due_dates: { enabled: f.dueDates, start_date: f.startDates, remap_due_dates: true, remap_closed_due_date: false },
      sprints: { enabled: false },
      time_tracking: { enabled: f.timeTracking, harvest: false, rollup: false },
      points: { enabled: f.points },
      custom_items: { enabled: false },
      priorities: { enabled: f.priorities, priorities: PRIORITIES.map((p) => ({ ...p })) },
      tags: { enabled: f.tags },
      time_estimates: { enabled: f.timeEstimates, rollup: false, per_assignee: false },
      check_unresolved: { enabled: true, subtasks: null, checklists: null, comments: null },
      milestones: { enabled: false },
      custom_fields: { enabled: f.customFields },
      remap_dependencies: { enabled: true },
      dependency_warning: { enabled: f.dependencyWarning },
      status_pies: { enabled: false },
      multiple_assignees: { enabled: space.multipleAssignees },
      emails: { enabled: true },
      portfolios: { enabled: false },
      checklists: { enabled: f.checklists },
    },
  };
}

const ms = (v: number | null) => (v === null ? null : String(v));

/** The list object of list listings; GET /list/{id} adds `statuses` and a few fields. */
export function serializeList(store: SandboxStore, list: ListRecord, detailed = false) {
  const space = store.requireSpace(list.spaceId);
  const folder = list.folderId ? store.state.folders.get(list.folderId) : undefined;
  const base = {
    id: list.id,
    name: list.name,
    orderindex: list.orderindex,
    content: list.content,
    status: null,
    priority: null,
    assignee: null,
    task_count: String(taskCounts(store).get(list.id) ?? 0),
    due_date: ms(list.dueDate),
    start_date: ms(list.startDate),
    // Folderless lists report the space's hidden folder.
    folder: folder
      ? { id: folder.id, name: folder.name, hidden: folder.hidden, access: true }
      : { id: space.hiddenFolderId, name: 'hidden', hidden: true, access: true },
    space: { id: space.id, name: space.name, access: true },
    archived: list.archived,
    override_statuses: list.overrideStatuses,
    permission_level: 'create',
  };
  if (!detailed) return base;
  return {
    ...base,
    due_date_time: false,
    start_date_time: false,
    inbound_address: `a.${list.id}.sandbox@tasks.clickup.com`,
    statuses: statusObjects(store.effectiveStatuses(list.id).statuses),
  };
}

/** A folder with its (non-archived) lists embedded, as GET /space/{id}/folder and GET /folder/{id} return it. */
export function serializeFolder(store: SandboxStore, folder: FolderRecord) {
  const space = store.requireSpace(folder.spaceId);
  const lists = [...store.state.lists.values()].filter((l) => l.folderId === folder.id);
  const counts = taskCounts(store);
  return {
    id: folder.id,
    name: folder.name,
    orderindex: folder.orderindex,
    override_statuses: folder.overrideStatuses,
    hidden: folder.hidden,
    space: { id: space.id, name: space.name, access: true },
    task_count: String(lists.reduce((n, l) => n + (counts.get(l.id) ?? 0), 0)),
    archived: folder.archived,
    statuses: statusObjects(folder.overrideStatuses && folder.statuses ? folder.statuses : space.statuses),
    lists: lists.filter((l) => !l.archived).map((l) => serializeList(store, l)),
    permission_level: 'create',
  };
}
