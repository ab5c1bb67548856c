import { Random } from '../generator/prng';
import { SandboxStore } from '../sandbox-store';
import { SandboxChange } from '../store/sandbox-change.types';
import { SandboxError } from '../store/sandbox-error';

const NOW = Date.UTC(2026, 2, 18, 15, 30);

describe('store.mutations', () => {
  let store: SandboxStore;
  let changes: SandboxChange[];
  const listNamed = (name: string) => [...store.state.lists.values()].find((l) => l.name === name)!;
  const member = () => store.currentMembers().find((m) => m.role === 3 && m.status === 'active')!;

  beforeEach(() => {
    store = SandboxStore.generate({ size: 'tiny', seed: 3, now: NOW });
    changes = [];
    store.onChange((c) => changes.push(c));
  });

  it('creates tasks with fresh ids and custom ids, and emits taskCreated', () => {
    const task = store.mutations.createTask({ listId: listNamed('iOS Bugs').id, name: '  New  ' });
    expect(task.name).toBe('New');
    expect(store.task(task.id)).toBe(task);
    expect(store.taskByCustomId(task.customId!)).toBe(task);
    expect(task.status).toBe('backlog');
    expect(changes).toEqual([expect.objectContaining({ kind: 'taskCreated', taskId: task.id })]);
    expect(() => store.mutations.createTask({ listId: listNamed('iOS Bugs').id, name: ' ' })).toThrow(SandboxError);
  });

  it('moves a task with its same-list subtasks and maps statuses by name, else by type', () => {
    const from = listNamed('iOS Sprint');
    const parent = store.mutations.createTask({ listId: from.id, name: 'P', status: 'in review' });
    const child = store.mutations.createTask({ listId: from.id, name: 'C', parentId: parent.id, status: 'shipped' });
    const to = listNamed('Hotfixes');
    store.mutations.moveTask(parent.id, to.id);
    expect(store.task(parent.id)!.listId).toBe(to.id);
    expect(store.task(child.id)!.listId).toBe(to.id);
    expect(store.statusOf(store.task(parent.id)!).type).toBe('custom');
    expect(store.task(child.id)!.status).toBe('release');
    expect(changes.filter((c) => c.kind === 'taskMoved')).toHaveLength(2);
  });

  it('deletes a task tree, its time entries and the dependencies on it', () => {
    const list = listNamed('iOS Sprint');
    const root = store.mutations.createTask({ listId: list.id, name: 'Root' });
    const leaf = store.mutations.createTask({ listId: list.id, name: 'Leaf', parentId: root.id });
    const waiter = store.mutations.createTask({ listId: list.id, name: 'Waiter' });
    store.mutations.addDependency(waiter.id, leaf.id);
    const entry = store.mutations.addTimeEntry({ userId: member().id, taskId: leaf.id, start: NOW - 7_200_000, duration: 60_000 });
    const before = store.task(waiter.id)!.dateUpdated;
    expect(store.mutations.deleteTask(root.id).sort()).toEqual([root.id, leaf.id].sort());
    expect(store.state.timeEntries.get(entry.id)).toBeUndefined();
    expect(store.task(waiter.id)!.waitsOn).toEqual([]);
    expect(store.task(waiter.id)!.dateUpdated).toBeGreaterThan(before);
    const dump = store.dump();
    expect(dump.deleted.taskIds).toEqual([root.id, leaf.id].sort());
    expect(dump.deleted.timeEntryIds).toEqual([entry.id]);
    expect(dump.tasks.some((t) => t.id === root.id)).toBe(false);
  });

  it('keeps time_spent in step with entry edits and enforces one running timer per user', () => {
    const task = store.mutations.createTask({ listId: listNamed('iOS Sprint').id, name: 'Timed' });
    const user = member().id;
    const e = store.mutations.addTimeEntry({ userId: user, taskId: task.id, start: NOW - 7_200_000, duration: 600_000 });
    expect(store.task(task.id)!.timeSpent).toBe(600_000);
    store.mutations.editTimeEntry(e.id, { duration: 900_000 });
    expect(store.task(task.id)!.timeSpent).toBe(900_000);
    const first = store.mutations.startTimer(user, { taskId: task.id });
    const second = store.mutations.startTimer(user);
    expect(store.state.timeEntries.get(first.id)!.end).not.toBeNull();
    expect(store.state.timeEntries.runningIdFor(user)).toBe(second.id);
    const stopped = store.mutations.stopTimer(user);
    expect(stopped.end).not.toBeNull();
    expect(() => store.mutations.stopTimer(user)).toThrow(SandboxError);
    store.mutations.deleteTimeEntry(e.id);
    expect(store.task(task.id)!.timeSpent).toBe(store.state.timeEntries.get(first.id)!.end! - first.start);
  });

  it('removes a member from every task and stops their timer; their entries stay', () => {
    const user = member();
    const entriesBefore: string[] = [];
    store.state.timeEntries.forEach((e) => e.userId === user.id && entriesBefore.push(e.id));
    store.mutations.startTimer(user.id);
    store.mutations.removeMember(user.id);
    expect([...store.state.tasks.values()].some((t) => t.assigneeIds.includes(user.id) || t.watcherIds.includes(user.id))).toBe(false);
    expect(store.state.timeEntries.runningIdFor(user.id)).toBeUndefined();
    expect(store.dump().members.some((m) => m.id === user.id)).toBe(false);
    expect(store.dump().deleted.memberIds).toEqual([user.id]);
    for (const id of entriesBefore) expect(store.state.timeEntries.has(id)).toBe(true);
    expect(() => store.mutations.removeMember(store.ownerId)).toThrow(SandboxError);
  });

  it('adds members with tokens, invitees without', () => {
    const m = store.mutations.addMember({ username: 'Nina New', role: 2 });
    expect(store.tokenFor(m.id)).toMatch(new RegExp(`^pk_${m.id}_`));
    const invitee = store.mutations.addMember({ invited: true });
    expect(invitee.username).toBeNull();
    expect(() => store.tokenFor(invitee.id)).toThrow();
  });

  it('archives and renames lists with a listUpdated change', () => {
    const list = listNamed('Web Backlog');
    store.mutations.archiveList(list.id);
    store.mutations.renameList(list.id, 'Old Web Backlog');
    expect(store.dump().lists.find((l) => l.id === list.id)).toMatchObject({ archived: true, name: 'Old Web Backlog' });
    expect(changes.map((c) => c.kind)).toEqual(['listUpdated', 'listUpdated']);
  });

  it('moves a list within its space with its tasks, and deletes a list with its tasks and their time', () => {
    const sprint = listNamed('iOS Sprint');
    const android = [...store.state.folders.values()].find((f) => f.name === 'Android App')!;
    const tasksIn = (id: string) => store.dump().tasks.filter((t) => t.listId === id);
    const before = tasksIn(sprint.id).length;
    expect(before).toBeGreaterThan(0);
    store.mutations.moveList(sprint.id, android.id);
    expect(store.dump().lists.find((l) => l.id === sprint.id)).toMatchObject({ folderId: android.id });
    expect(tasksIn(sprint.id).map((t) => t.folderId)).toEqual(Array(before).fill(android.id));
    store.mutations.moveList(sprint.id, null);
    expect(tasksIn(sprint.id).every((t) => t.folderId === null)).toBe(true);
    const otherSpace = [...store.state.folders.values()].find((f) => f.spaceId !== sprint.spaceId)!;
    expect(() => store.mutations.moveList(sprint.id, otherSpace.id)).toThrow(/within their space/);

    const doomed = new Set(tasksIn(sprint.id).map((t) => t.id));
    store.mutations.deleteList(sprint.id);
    const d = store.dump();
    expect(d.lists.some((l) => l.id === sprint.id)).toBe(false);
    expect(d.tasks.some((t) => doomed.has(t.id) || t.extraListIds.includes(sprint.id))).toBe(false);
    expect(d.timeEntries.some((e) => e.taskId !== null && doomed.has(e.taskId))).toBe(false);
  });

  it('bumps the store version on every mutation', () => {
    const v = store.version;
    store.mutations.renameTask([...store.state.tasks.keys()][0], 'Renamed');
    expect(store.version).toBe(v + 1);
  });

  it('applies random mutations of every kind, reproducibly, and the dump stays consistent', () => {
    const applied = store.applyRandomMutations(1500, 21);
    const kinds = new Set(applied.map((a) => a.kind));
    for (const kind of [
      'changeStatus',
      'reassign',
      'moveTask',
      'deleteTask',
      'archiveTask',
      'addTimeEntry',
      'editTimeEntry',
      'deleteTimeEntry',
      'startTimer',
      'stopTimer',
      'addMember',
      'archiveList',
      'renameList',
      'createTask',
      'setDueDate',
      'setEstimate',
      'setPriority',
      'renameTask',
      'addTaskToList',
      'addDependency',
    ]) {
      expect(kinds).toContain(kind);
    }
    expect(applied.some((a) => a.kind === 'createTask' && a.args.parentId)).toBe(true);
    const dump = store.dump();
    const ids = new Set(dump.tasks.map((t) => t.id));
    for (const t of dump.tasks) {
      if (t.parentId) expect(ids.has(t.parentId)).toBe(true);
      for (const d of t.dependencies) expect(ids.has(d.taskId) && ids.has(d.dependsOn)).toBe(true);
    }
    for (const e of dump.timeEntries) if (e.taskId) expect(ids.has(e.taskId)).toBe(true);
    const running = dump.timeEntries.filter((e) => e.running).map((e) => e.userId);
    expect(new Set(running).size).toBe(running.length);

    const replay = SandboxStore.generate({ size: 'tiny', seed: 3, now: NOW });
    expect(replay.applyRandomMutations(1500, 21)).toEqual(applied);
  });

  it('draws single random mutations from a caller-provided stream', () => {
    const random = new Random(5);
    const m = store.randomMutation(random);
    expect(typeof m.kind).toBe('string');
  });
});
