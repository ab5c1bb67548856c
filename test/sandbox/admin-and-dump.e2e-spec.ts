import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SandboxStore } from '../../src/sandbox/sandbox-store';
import { SandboxDump } from '../../src/sandbox/sandbox-dump.types';
import { allTaskPages, SandboxClient, TEST_NOW } from './support/sandbox-client';

const ALL = { subtasks: true, include_closed: true };

/** Reads every task and time entry through the public API, the way a full sync would. */
async function readEverything(api: SandboxClient, store: SandboxStore) {
  const team = `/team/${store.workspaceId}`;
  const tasks = new Map<string, any>();
  for (const archived of [false, true]) {
    for (const t of await allTaskPages(api, `${team}/task`, { ...ALL, archived })) tasks.set(t.id, t);
  }
  // Tasks in archived lists, folders and spaces only come through the list endpoint.
  const spaces = [...(await api.get(`${team}/space`)).body.spaces, ...(await api.get(`${team}/space?archived=true`)).body.spaces];
  for (const space of spaces) {
    const lists: any[] = [];
    for (const archived of [false, true]) {
      lists.push(...(await api.get(`/space/${space.id}/list?archived=${archived}`)).body.lists);
      for (const folder of (await api.get(`/space/${space.id}/folder?archived=${archived}`)).body.folders) {
        for (const a of [false, true]) lists.push(...(await api.get(`/folder/${folder.id}/list?archived=${a}`)).body.lists);
      }
    }
    for (const list of lists) {
      for (const archived of [false, true]) {
        for (const t of await allTaskPages(api, `/list/${list.id}/task`, { ...ALL, archived })) tasks.set(t.id, t);
      }
    }
  }
  const members = (await api.get('/team')).body.teams[0].members.map((m: any) => m.user.id);
  const entries = (await api.get(`${team}/time_entries?start_date=0&end_date=${store.clock.now() + 1}&assignee=${members.join(',')}`)).body.data;
  return { tasks, entries, members };
}

describe('sandbox: admin routes, mutations and the ground-truth dump', () => {
  let server: SandboxServer;
  let api: SandboxClient;
  let admin: SandboxClient;
  let store: SandboxStore;

  beforeAll(async () => {
    server = await SandboxServer.start({ size: 'tiny', seed: 11, now: TEST_NOW, rateLimitPerMinute: 0 });
    api = SandboxClient.api(server);
    admin = SandboxClient.admin(server);
    store = server.store;
  });
  afterAll(() => server.close());

  it('requires the owner token on admin routes', async () => {
    expect((await SandboxClient.admin(server, null).get('/stats')).status).toBe(401);
    const member = store.currentMembers().find((m) => m.role === 2)!;
    const res = await SandboxClient.admin(server, server.tokenFor(member.id)).get('/stats');
    expect(res.status).toBe(401);
    expect((await admin.get('/nothing')).status).toBe(404);
  });

  it('serves the dump, optionally without time entries', async () => {
    const full = (await admin.get<SandboxDump>('/dump')).body;
    expect(full).toEqual(JSON.parse(JSON.stringify(store.dump())));
    const light = (await admin.get<SandboxDump>('/dump?time_entries=false')).body;
    expect(light.timeEntries).toEqual([]);
    expect(light.tasks.length).toBe(full.tasks.length);
  });

  it('applies one mutation from {kind, ...args} and refuses malformed commands', async () => {
    const task = store.dump().tasks.find((t) => t.statusType === 'open' && t.spaceId === store.dump().spaces[0].id)!;
    const res = await admin.post('/mutations', { kind: 'changeStatus', taskId: task.id, status: 'qa' });
    expect(res.status).toBe(200);
    expect(res.body.applied).toMatchObject({ kind: 'changeStatus', result: task.id });
    expect(store.dump().tasks.find((t) => t.id === task.id)!.status).toBe('qa');
    expect((await admin.post('/mutations', { kind: 'changeStatus', taskId: task.id })).status).toBe(400);
    expect((await admin.post('/mutations', { kind: 'explode' })).status).toBe(400);
    const unknownTask = await admin.post('/mutations', { kind: 'deleteTask', taskId: 'nope' });
    expect(unknownTask.status).toBe(404);
  });

  it('sets the rate limit through the admin route', async () => {
    expect((await admin.put('/rate-limit', { perMinute: 2 })).body).toEqual({ perMinute: 2 });
    await api.get('/team');
    await api.get('/team');
    expect((await api.get('/team')).status).toBe(429);
    await admin.put('/rate-limit', { perMinute: 0 });
    expect((await api.get('/team')).status).toBe(200);
  });

  it('bumps date_updated on every task mutation and `at` on every time-entry mutation', () => {
    const task = [...store.state.tasks.values()].find((t) => !t.archived)!;
    const m = store.mutations;
    const member = store.currentMembers().find((x) => x.role === 3 && x.status === 'active')!;
    const list = [...store.state.lists.values()].find((l) => l.id !== task.listId && !l.archived)!;
    const steps: Array<() => unknown> = [
      () => m.changeStatus(task.id, store.effectiveStatuses(task.listId).statuses[1].status),
      () => m.reassign(task.id, { add: [member.id] }),
      () => m.setDueDate(task.id, TEST_NOW + 86_400_000),
      () => m.setEstimate(task.id, 7_200_000),
      () => m.setPriority(task.id, 1),
      () => m.addTaskToList(task.id, list.id),
      () => m.addTag(task.id, 'urgent-fix'),
      () => m.moveTask(task.id, list.id),
    ];
    for (const step of steps) {
      const before = store.task(task.id)!.dateUpdated;
      step();
      expect(store.task(task.id)!.dateUpdated).toBeGreaterThan(before);
    }
    const entry = m.addTimeEntry({ userId: member.id, taskId: task.id, start: TEST_NOW - 86_400_000, duration: 60_000 });
    const edited = m.editTimeEntry(entry.id, { description: 'later' });
    expect(edited.at).toBeGreaterThan(entry.at);
  });

  it('keeps the API and the dump in agreement after hundreds of random mutations', async () => {
    const res = await admin.post('/mutations', { random: 400, seed: 99 });
    expect(res.body.applied).toHaveLength(400);
    const kinds = new Set(res.body.applied.map((a: any) => a.kind));
    for (const kind of ['changeStatus', 'reassign', 'moveTask', 'deleteTask', 'addTimeEntry', 'editTimeEntry', 'deleteTimeEntry', 'createTask']) {
      expect(kinds).toContain(kind);
    }

    const dump = store.dump();
    const seen = await readEverything(api, store);

    expect([...seen.tasks.keys()].sort()).toEqual(dump.tasks.map((t) => t.id));
    for (const t of dump.tasks) {
      const wire = seen.tasks.get(t.id);
      expect({
        status: wire.status.status,
        statusType: wire.status.type,
        dateUpdated: Number(wire.date_updated),
        listId: wire.list.id,
        parentId: wire.parent,
        assigneeIds: wire.assignees.map((a: any) => a.id).sort((a: number, b: number) => a - b),
        archived: wire.archived,
        timeSpent: wire.time_spent ?? 0,
        timeEstimate: wire.time_estimate,
        dueDate: wire.due_date === null ? null : Number(wire.due_date),
        extraListIds: wire.locations.map((l: any) => l.id).sort(),
      }).toEqual({
        status: t.status,
        statusType: t.statusType,
        dateUpdated: t.dateUpdated,
        listId: t.listId,
        parentId: t.parentId,
        assigneeIds: t.assigneeIds,
        archived: t.archived,
        timeSpent: t.timeSpent,
        timeEstimate: t.timeEstimate,
        dueDate: t.dueDate,
        extraListIds: t.extraListIds,
      });
    }
    for (const id of dump.deleted.taskIds) expect(seen.tasks.has(id)).toBe(false);

    expect([...seen.members].sort((a, b) => a - b)).toEqual(dump.members.map((m) => m.id));
    for (const id of dump.deleted.memberIds) expect(seen.members).not.toContain(id);

    // Entries of people no longer in the workspace are only visible by asking for them explicitly.
    const memberIds = new Set(seen.members);
    const expectedEntries = dump.timeEntries.filter((e) => memberIds.has(e.userId));
    expect(seen.entries.map((e: any) => e.id).sort()).toEqual(expectedEntries.map((e) => e.id));
    const byId = new Map(seen.entries.map((e: any) => [e.id, e]));
    for (const e of expectedEntries) {
      const wire: any = byId.get(e.id);
      expect([Number(wire.start), wire.end === undefined ? null : Number(wire.end), Number(wire.at), wire.task?.id ?? null]).toEqual([
        e.start,
        e.end,
        e.at,
        e.taskId,
      ]);
    }
    for (const id of dump.deleted.timeEntryIds) expect(byId.has(id)).toBe(false);
  });

  it('sums time_spent from the stopped entries of each task', () => {
    const dump = store.dump();
    const sums = new Map<string, number>();
    for (const e of dump.timeEntries) if (e.taskId && !e.running) sums.set(e.taskId, (sums.get(e.taskId) ?? 0) + e.duration);
    for (const t of dump.tasks) expect(t.timeSpent).toBe(sums.get(t.id) ?? 0);
  });
});

describe('sandbox: determinism', () => {
  it('produces identical dumps for the same seed, size and now, and different ones for another seed', async () => {
    const a = await SandboxServer.start({ size: 'tiny', seed: 5, now: TEST_NOW });
    const b = await SandboxServer.start({ size: 'tiny', seed: 5, now: TEST_NOW });
    const c = await SandboxServer.start({ size: 'tiny', seed: 6, now: TEST_NOW });
    try {
      expect(a.store.dump()).toEqual(b.store.dump());
      expect(a.ownerToken).toBe(b.ownerToken);
      expect(a.store.dump()).not.toEqual(c.store.dump());
      expect(a.store.applyRandomMutations(50, 1)).toEqual(b.store.applyRandomMutations(50, 1));
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});
