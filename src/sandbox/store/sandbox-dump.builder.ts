import { MemberRecord, StatusDef, TagDef, TaskRecord } from '../model/sandbox-entities';
import { DumpMember, DumpOptions, DumpStatus, DumpTagDef, DumpTask, DumpTaskDependency, DumpTimeEntry, SandboxDump } from '../sandbox-dump.types';
import type { SandboxStore } from '../sandbox-store';

export const ROLE_KEYS = { 1: 'owner', 2: 'admin', 3: 'member', 4: 'guest' } as const;

/** Stable order for comparisons: numbers numerically, strings by code unit. */
function byId<T extends { id: string | number }>(a: T, b: T): number {
  if (typeof a.id === 'number' && typeof b.id === 'number') return a.id - b.id;
  const x = String(a.id);
  const y = String(b.id);
  return x < y ? -1 : x > y ? 1 : 0;
}

const statuses = (list: StatusDef[] | null): DumpStatus[] | null => (list ? list.map((s) => ({ ...s })) : null);
const tagDef = (t: TagDef): DumpTagDef => ({ name: t.name, tagFg: t.tagFg, tagBg: t.tagBg, creator: t.creator });
const sortStrings = (values: string[]) => values.slice().sort();

export function buildDump(store: SandboxStore, options: DumpOptions): SandboxDump {
  const s = store.state;
  const workspaceId = s.workspace.id;
  return {
    generatedAt: s.generatedAt,
    seed: s.seed,
    size: s.sizeName,
    workspaces: [
      {
        id: workspaceId,
        name: s.workspace.name,
        color: s.workspace.color,
        avatar: s.workspace.avatar,
        plan: { id: s.workspace.planId, name: s.workspace.planName },
      },
    ],
    members: store
      .currentMembers()
      .map((m) => dumpMember(workspaceId, m))
      .sort(byId),
    spaces: [...s.spaces.values()]
      .map((sp) => ({
        id: sp.id,
        workspaceId,
        name: sp.name,
        color: sp.color,
        private: sp.private,
        archived: sp.archived,
        orderindex: sp.orderindex,
        statuses: statuses(sp.statuses)!,
        features: { ...sp.features },
        multipleAssignees: sp.multipleAssignees,
        hiddenFolderId: sp.hiddenFolderId,
        customIdPrefix: sp.customIdPrefix,
        tags: sp.tags.map(tagDef),
      }))
      .sort(byId),
    folders: [...s.folders.values()]
      .map((f) => ({
        id: f.id,
        spaceId: f.spaceId,
        name: f.name,
        orderindex: f.orderindex,
        hidden: f.hidden,
        archived: f.archived,
        overrideStatuses: f.overrideStatuses,
        statuses: statuses(f.statuses),
      }))
      .sort(byId),
    lists: [...s.lists.values()]
      .map((l) => ({
        id: l.id,
        spaceId: l.spaceId,
        folderId: l.folderId,
        name: l.name,
        content: l.content,
        orderindex: l.orderindex,
        archived: l.archived,
        overrideStatuses: l.overrideStatuses,
        statuses: statuses(l.statuses),
        effectiveStatusSource: store.effectiveStatuses(l.id).source,
        dueDate: l.dueDate,
        startDate: l.startDate,
      }))
      .sort(byId),
    customFields: [...s.customFields.values()].map((f) => ({ ...f, typeConfig: structuredClone(f.typeConfig) })).sort(byId),
    tasks: [...s.tasks.values()].map((t) => dumpTask(store, workspaceId, t)).sort(byId),
    timeEntries: options.includeTimeEntries === false ? [] : dumpTimeEntries(store, workspaceId),
    timeEntryTags: [...s.timeEntryTags.values()].map(tagDef).sort((a, b) => (a.name < b.name ? -1 : 1)),
    deleted: {
      taskIds: sortStrings([...s.deletedTaskIds]),
      timeEntryIds: sortStrings([...s.deletedTimeEntryIds]),
      memberIds: [...s.members.values()]
        .filter((m) => m.status === 'removed')
        .map((m) => m.id)
        .sort((a, b) => a - b),
    },
  };
}

function dumpMember(workspaceId: string, m: MemberRecord): DumpMember {
  return {
    workspaceId,
    id: m.id,
    username: m.username,
    email: m.email,
    color: m.color,
    initials: m.initials,
    role: m.role,
    roleKey: ROLE_KEYS[m.role],
    status: m.status === 'invited' ? 'invited' : 'active',
    dateInvited: m.dateInvited,
    dateJoined: m.dateJoined,
    lastActive: m.lastActive,
  };
}

/** Dependencies as ClickUp shows them on this task: the ones it waits on, then the ones it blocks. */
export function dependenciesOf(store: SandboxStore, task: TaskRecord): DumpTaskDependency[] {
  const waiting = task.waitsOn.map((d) => ({
    taskId: task.id,
    dependsOn: d.dependsOn,
    type: 0 as const,
    dateCreated: d.dateCreated,
    userId: d.userId,
  }));
  const blocking = store
    .waiters(task.id)
    .flatMap((w) =>
      w.waitsOn
        .filter((d) => d.dependsOn === task.id)
        .map((d) => ({ taskId: w.id, dependsOn: task.id, type: 1 as const, dateCreated: d.dateCreated, userId: d.userId })),
    );
  const key = (d: DumpTaskDependency) => `${d.type}:${d.taskId}:${d.dependsOn}`;
  return [...waiting, ...blocking].sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

function dumpTask(store: SandboxStore, workspaceId: string, t: TaskRecord): DumpTask {
  const { list, folder, space } = store.locationOf(t.listId);
  const status = store.statusOf(t);
  return {
    id: t.id,
    customId: t.customId,
    workspaceId,
    name: t.name,
    textContent: t.description,
    description: t.description,
    status: status.status,
    statusType: status.type,
    priority: t.priority,
    parentId: t.parentId,
    topLevelParentId: store.topLevelParentId(t),
    listId: list.id,
    folderId: folder?.id ?? null,
    spaceId: space.id,
    extraListIds: sortStrings(t.extraListIds),
    assigneeIds: t.assigneeIds.slice().sort((a, b) => a - b),
    watcherIds: t.watcherIds.slice().sort((a, b) => a - b),
    creatorId: t.creatorId,
    tags: sortStrings(t.tags),
    customFields: Object.keys(t.customFieldValues)
      .sort()
      .map((fieldId) => ({ fieldId, value: t.customFieldValues[fieldId] })),
    dependencies: dependenciesOf(store, t),
    dateCreated: t.dateCreated,
    dateUpdated: t.dateUpdated,
    dateDone: t.dateDone,
    dateClosed: t.dateClosed,
    dueDate: t.dueDate,
    startDate: t.startDate,
    timeEstimate: t.timeEstimate,
    points: t.points,
    archived: t.archived,
    timeSpent: t.timeSpent,
    orderindex: t.orderindex,
  };
}

function dumpTimeEntries(store: SandboxStore, workspaceId: string): DumpTimeEntry[] {
  const out: DumpTimeEntry[] = [];
  store.state.timeEntries.forEach((e) => {
    out.push({
      id: e.id,
      workspaceId,
      taskId: e.taskId,
      userId: e.userId,
      start: e.start,
      end: e.end,
      duration: e.end === null ? -e.start : e.end - e.start,
      running: e.end === null,
      billable: e.billable,
      description: e.description,
      tags: e.tags,
      source: e.source,
      at: e.at,
    });
  });
  // Ids are fixed-width digit strings, so string order is numeric order.
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
