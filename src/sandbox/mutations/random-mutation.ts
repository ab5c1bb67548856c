import { Random } from '../generator/prng';
import { TASK_OBJECTS, TASK_VERBS, TIME_ENTRY_DESCRIPTIONS } from '../generator/text-pools';
import { TaskRecord } from '../model/sandbox-entities';
import type { SandboxStore } from '../sandbox-store';

export interface AppliedMutation {
  kind: string;
  args: Record<string, unknown>;
  /** Id of what was created, or the ids deleted. */
  result?: unknown;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

type Applier = (store: SandboxStore, r: Random) => AppliedMutation | null;

function liveTask(store: SandboxStore, r: Random): TaskRecord | undefined {
  const id = store.index.pickLive(() => r.next());
  return id ? store.task(id) : undefined;
}

function activeMembers(store: SandboxStore) {
  return store.currentMembers().filter((m) => m.status === 'active');
}

function openLists(store: SandboxStore) {
  return [...store.state.lists.values()].filter((l) => !store.isInArchivedContainer(l.id));
}

function withTask(fn: (store: SandboxStore, r: Random, task: TaskRecord) => AppliedMutation | null): Applier {
  return (store, r) => {
    const task = liveTask(store, r);
    return task ? fn(store, r, task) : null;
  };
}

const changeStatus = withTask((store, r, task) => {
  const options = store.effectiveStatuses(task.listId).statuses.filter((s) => s.status !== store.statusOf(task).status);
  if (options.length === 0) return null;
  const status = r.pick(options).status;
  store.mutations.changeStatus(task.id, status);
  return { kind: 'changeStatus', args: { taskId: task.id, status } };
});

/**
 * Every kind of change the sync must follow, with weights roughly like a busy workspace: status
 * changes and time tracking dominate, structural changes (archived lists, members leaving) are rare.
 */
const APPLIERS: ReadonlyArray<readonly [number, Applier]> = [
  [14, changeStatus],
  [
    10,
    withTask((store, r, task) => {
      const candidates = activeMembers(store).filter((m) => !task.assigneeIds.includes(m.id));
      const add = candidates.length > 0 && r.chance(0.7) ? [r.pick(candidates).id] : [];
      const rem = task.assigneeIds.length > 0 && r.chance(0.5) ? [r.pick(task.assigneeIds)] : [];
      if (add.length === 0 && rem.length === 0) return null;
      store.mutations.reassign(task.id, { add, rem });
      return { kind: 'reassign', args: { taskId: task.id, add, rem } };
    }),
  ],
  [
    5,
    withTask((store, r, task) => {
      const targets = openLists(store).filter((l) => l.id !== task.listId);
      if (targets.length === 0) return null;
      const listId = r.pick(targets).id;
      store.mutations.moveTask(task.id, listId);
      return { kind: 'moveTask', args: { taskId: task.id, listId } };
    }),
  ],
  [
    4,
    withTask((store, _r, task) => {
      if (store.index.liveCount < 20) return null;
      const deleted = store.mutations.deleteTask(task.id);
      return { kind: 'deleteTask', args: { taskId: task.id }, result: deleted };
    }),
  ],
  [
    4,
    withTask((store, _r, task) => {
      store.mutations.archiveTask(task.id, !task.archived);
      return { kind: 'archiveTask', args: { taskId: task.id, archived: task.archived } };
    }),
  ],
  [
    12,
    (store, r) => {
      const user = r.pick(activeMembers(store));
      const task = r.chance(0.9) ? liveTask(store, r) : undefined;
      const duration = r.int(5, 180) * MINUTE + r.int(0, 59_999);
      const start = store.state.generatedAt - r.int(1, 20 * 24) * 3_600_000 - duration;
      const entry = store.mutations.addTimeEntry({
        userId: user.id,
        taskId: task?.id ?? null,
        start,
        duration,
        billable: r.chance(0.4),
        description: r.pick(TIME_ENTRY_DESCRIPTIONS),
      });
      return { kind: 'addTimeEntry', args: { userId: user.id, taskId: task?.id ?? null, start, duration }, result: entry.id };
    },
  ],
  [
    8,
    (store, r) => {
      const id = store.state.timeEntries.pickLive(() => r.next());
      const entry = id ? store.state.timeEntries.get(id) : undefined;
      if (!entry) return null;
      const patch =
        entry.end === null || r.chance(0.5)
          ? { description: r.pick(TIME_ENTRY_DESCRIPTIONS) || 'Follow-up', billable: !entry.billable }
          : { duration: Math.max(MINUTE, entry.end - entry.start + r.int(-30, 30) * MINUTE) };
      store.mutations.editTimeEntry(entry.id, patch);
      return { kind: 'editTimeEntry', args: { id: entry.id, ...patch } };
    },
  ],
  [
    5,
    (store, r) => {
      const id = store.state.timeEntries.pickLive(() => r.next());
      if (!id) return null;
      store.mutations.deleteTimeEntry(id);
      return { kind: 'deleteTimeEntry', args: { id } };
    },
  ],
  [
    2,
    (store, r) => {
      const user = r.pick(activeMembers(store));
      const task = liveTask(store, r);
      const entry = store.mutations.startTimer(user.id, { taskId: task?.id ?? null });
      return { kind: 'startTimer', args: { userId: user.id, taskId: task?.id ?? null }, result: entry.id };
    },
  ],
  [
    2,
    (store, r) => {
      const running = activeMembers(store).filter((m) => store.state.timeEntries.runningIdFor(m.id));
      if (running.length === 0) return null;
      const user = r.pick(running);
      const entry = store.mutations.stopTimer(user.id);
      return { kind: 'stopTimer', args: { userId: user.id }, result: entry.id };
    },
  ],
  [
    1,
    (store, r) => {
      const role = r.pick([2, 3, 3, 4] as const);
      const member = store.mutations.addMember({ role });
      return { kind: 'addMember', args: { role }, result: member.id };
    },
  ],
  [
    0.5,
    (store, r) => {
      const candidates = activeMembers(store).filter((m) => m.role !== 1);
      if (candidates.length < 4) return null;
      const userId = r.pick(candidates).id;
      store.mutations.removeMember(userId);
      return { kind: 'removeMember', args: { userId } };
    },
  ],
  [
    0.5,
    (store, r) => {
      const lists = openLists(store);
      if (lists.length < 6) return null;
      const listId = r.pick(lists).id;
      store.mutations.archiveList(listId, true);
      return { kind: 'archiveList', args: { listId, archived: true } };
    },
  ],
  [
    0.5,
    (store, r) => {
      const archived = [...store.state.lists.values()].filter((l) => l.archived);
      if (archived.length === 0) return null;
      const listId = r.pick(archived).id;
      store.mutations.archiveList(listId, false);
      return { kind: 'archiveList', args: { listId, archived: false } };
    },
  ],
  [
    1,
    (store, r) => {
      const list = r.pick([...store.state.lists.values()]);
      const name = `${list.name.replace(/ \(renamed \d+\)$/, '')} (renamed ${r.int(1, 999)})`;
      store.mutations.renameList(list.id, name);
      return { kind: 'renameList', args: { listId: list.id, name } };
    },
  ],
  [
    8,
    (store, r) => {
      const list = r.pick(openLists(store));
      const name = `${r.pick(TASK_VERBS)} ${r.pick(TASK_OBJECTS)}`;
      const assigneeIds = r.chance(0.7) ? [r.pick(activeMembers(store)).id] : [];
      const timeEstimate = r.chance(0.5) ? r.int(1, 8) * 3_600_000 : null;
      const task = store.mutations.createTask({ listId: list.id, name, assigneeIds, timeEstimate });
      return { kind: 'createTask', args: { listId: list.id, name, assigneeIds, timeEstimate }, result: task.id };
    },
  ],
  [
    5,
    withTask((store, r, parent) => {
      const name = `${r.pick(TASK_VERBS)} ${r.pick(TASK_OBJECTS)} (subtask)`;
      const task = store.mutations.createTask({ listId: parent.listId, name, parentId: parent.id });
      return { kind: 'createTask', args: { listId: parent.listId, name, parentId: parent.id }, result: task.id };
    }),
  ],
  [
    4,
    withTask((store, r, task) => {
      const dueDate = r.chance(0.15) ? null : store.state.generatedAt + r.int(-20, 40) * DAY;
      store.mutations.setDueDate(task.id, dueDate);
      return { kind: 'setDueDate', args: { taskId: task.id, dueDate } };
    }),
  ],
  [
    4,
    withTask((store, r, task) => {
      const timeEstimate = r.chance(0.15) ? null : r.int(1, 24) * 30 * MINUTE;
      store.mutations.setEstimate(task.id, timeEstimate);
      return { kind: 'setEstimate', args: { taskId: task.id, timeEstimate } };
    }),
  ],
  [
    3,
    withTask((store, r, task) => {
      const priority = r.chance(0.2) ? null : r.int(1, 4);
      store.mutations.setPriority(task.id, priority);
      return { kind: 'setPriority', args: { taskId: task.id, priority } };
    }),
  ],
  [
    2,
    withTask((store, r, task) => {
      const name = `${r.pick(TASK_VERBS)} ${r.pick(TASK_OBJECTS)} v${r.int(2, 9)}`;
      store.mutations.renameTask(task.id, name);
      return { kind: 'renameTask', args: { taskId: task.id, name } };
    }),
  ],
  [
    2,
    withTask((store, r, task) => {
      const lists = openLists(store).filter((l) => l.id !== task.listId && !task.extraListIds.includes(l.id));
      if (lists.length === 0) return null;
      const listId = r.pick(lists).id;
      store.mutations.addTaskToList(task.id, listId);
      return { kind: 'addTaskToList', args: { taskId: task.id, listId } };
    }),
  ],
  [
    1,
    withTask((store, r, task) => {
      if (task.extraListIds.length === 0) return null;
      const listId = r.pick(task.extraListIds);
      store.mutations.removeTaskFromList(task.id, listId);
      return { kind: 'removeTaskFromList', args: { taskId: task.id, listId } };
    }),
  ],
  [
    2,
    withTask((store, r, task) => {
      const other = liveTask(store, r);
      if (!other || other.id === task.id) return null;
      store.mutations.addDependency(task.id, other.id);
      return { kind: 'addDependency', args: { taskId: task.id, dependsOn: other.id } };
    }),
  ],
  [
    1,
    withTask((store, r, task) => {
      if (task.waitsOn.length === 0) return null;
      const dependsOn = r.pick(task.waitsOn).dependsOn;
      store.mutations.removeDependency(task.id, dependsOn);
      return { kind: 'removeDependency', args: { taskId: task.id, dependsOn } };
    }),
  ],
  [
    2,
    withTask((store, r, task) => {
      const space = store.requireSpace(store.requireList(task.listId).spaceId);
      if (space.tags.length === 0) return null;
      const tag = r.pick(space.tags).name;
      const kind = task.tags.includes(tag) ? 'removeTag' : 'addTag';
      store.mutations[kind](task.id, tag);
      return { kind, args: { taskId: task.id, tag } };
    }),
  ],
];

const WEIGHTS = APPLIERS.map(([w]) => w);

/**
 * Picks and applies one random change. Dates in the arguments are relative to the generation
 * anchor, not the running clock, so the same seed on the same state yields the same arguments.
 * A kind that has nothing to act on (no running timer to stop, no dependency to remove…) is
 * redrawn, ending with a status change, so every call changes something.
 */
export function randomMutation(store: SandboxStore, random: Random): AppliedMutation {
  for (let attempt = 0; attempt < 8; attempt++) {
    const applied = APPLIERS[random.weightedIndex(WEIGHTS)][1](store, random);
    if (applied) return applied;
  }
  const applied = changeStatus(store, random);
  if (!applied) throw new Error('no task left to mutate');
  return applied;
}
