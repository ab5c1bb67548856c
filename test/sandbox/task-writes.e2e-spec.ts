import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SandboxStore } from '../../src/sandbox/sandbox-store';
import { SandboxClient, TEST_NOW } from './support/sandbox-client';

describe('sandbox: single tasks and task writes', () => {
  let server: SandboxServer;
  let api: SandboxClient;
  let store: SandboxStore;
  let teamId: string;
  const listNamed = (name: string) => [...store.state.lists.values()].find((l) => l.name === name)!;

  beforeAll(async () => {
    server = await SandboxServer.start({ size: 'tiny', now: TEST_NOW, rateLimitPerMinute: 0 });
    api = SandboxClient.api(server);
    store = server.store;
    teamId = store.workspaceId;
  });
  afterAll(() => server.close());

  describe('GET /task/{id}', () => {
    it('returns a task with attachments and, on request, every descendant flattened', async () => {
      const root = [...store.state.tasks.values()].find((t) => t.parentId === null && store.descendants(t.id).length >= 3)!;
      const res = await api.get(`/task/${root.id}?include_subtasks=true`);
      expect(res.status).toBe(200);
      expect(res.body.attachments).toEqual([]);
      const descendants = store.descendants(root.id).map((t) => t.id);
      expect(res.body.subtasks.map((t: any) => t.id)).toEqual(descendants);
      expect(res.body.subtasks.every((t: any) => t.top_level_parent === root.id)).toBe(true);
      expect((await api.get(`/task/${root.id}`)).body.subtasks).toBeUndefined();
    });

    it('keeps a subtask whose parent lives in another list', async () => {
      const cross = [...store.state.tasks.values()].find((t) => t.parentId && store.task(t.parentId)!.listId !== t.listId)!;
      const res = await api.get(`/task/${cross.id}`);
      expect(res.body.parent).toBe(cross.parentId);
      expect(res.body.list.id).not.toBe(store.task(cross.parentId!)!.listId);
    });

    it("follows ClickUp's custom task id rules, misleading errors included", async () => {
      const task = [...store.state.tasks.values()].find((t) => t.customId)!;
      const ok = await api.get(`/task/${task.customId}?custom_task_ids=true&team_id=${teamId}`);
      expect(ok.status).toBe(200);
      expect(ok.body.id).toBe(task.id);
      const lower = await api.get(`/task/${task.customId!.toLowerCase()}?custom_task_ids=true&team_id=${teamId}`);
      expect(lower.body.id).toBe(task.id);

      const noFlag = await api.get(`/task/${task.customId}`);
      expect(noFlag.status).toBe(401);
      expect(noFlag.body).toEqual({ err: 'Team not authorized', ECODE: 'OAUTH_027' });
      const noTeam = await api.get(`/task/${task.customId}?custom_task_ids=true`);
      expect(noTeam.status).toBe(401);
      const wrongTeam = await api.get(`/task/${task.customId}?custom_task_ids=true&team_id=1`);
      expect(wrongTeam.status).toBe(401);
      const normalIdWithFlag = await api.get(`/task/${task.id}?custom_task_ids=true&team_id=${teamId}`);
      expect(normalIdWithFlag.status).toBe(400);
      expect(normalIdWithFlag.body.err).toBe('Task ID invalid');
      const unknownCustom = await api.get(`/task/MOB-99999?custom_task_ids=true&team_id=${teamId}`);
      expect(unknownCustom.status).toBe(404);
    });

    it('answers 401 for an id that never existed and 404 ITEM_013 for a deleted task', async () => {
      expect((await api.get('/task/86zzzzzzz')).status).toBe(401);
      const victim = store.mutations.createTask({ listId: listNamed('iOS Bugs').id, name: 'Short-lived' });
      expect((await api.delete(`/task/${victim.id}`)).status).toBe(204);
      const gone = await api.get(`/task/${victim.id}`);
      expect(gone.status).toBe(404);
      expect(gone.body).toEqual({ err: 'Task not found', ECODE: 'ITEM_013' });
    });
  });

  describe('POST /list/{id}/task', () => {
    it('creates a task with ClickUp types in the response', async () => {
      const list = listNamed('iOS Bugs');
      const member = store.currentMembers().find((m) => m.role === 3 && m.status === 'active')!;
      const due = TEST_NOW + 5 * 86_400_000;
      const res = await api.post(`/list/${list.id}/task`, {
        name: 'Crash when rotating',
        description: 'Steps to reproduce inside',
        status: 'IN PROGRESS',
        priority: 2,
        assignees: [member.id],
        tags: ['bug'],
        due_date: due,
        time_estimate: 3_600_000,
        points: 3,
      });
      expect(res.status).toBe(200);
      const t = res.body;
      expect(t.id).toMatch(/^[0-9a-z]+$/);
      expect(t.custom_id).toMatch(/^MOB-\d+$/);
      expect(t.status).toMatchObject({ status: 'in progress', type: 'custom' });
      expect(t.priority).toMatchObject({ id: '2', priority: 'high' });
      expect(t.assignees.map((a: any) => a.id)).toEqual([member.id]);
      expect(t.due_date).toBe(String(due));
      expect(t.time_estimate).toBe(3_600_000);
      expect(t.points).toBe(3);
      expect(t.date_created).toBe(t.date_updated);
      expect(t.creator.id).toBe(store.ownerId);
      expect(t.tags[0]).toMatchObject({ name: 'bug' });
      expect(store.task(t.id)!.listId).toBe(list.id);
    });

    it('creates subtasks only under a parent in the same list', async () => {
      const list = listNamed('iOS Bugs');
      const parent = store.mutations.createTask({ listId: list.id, name: 'Parent' });
      const child = await api.post(`/list/${list.id}/task`, { name: 'Child', parent: parent.id });
      expect(child.status).toBe(200);
      expect(child.body.parent).toBe(parent.id);
      const elsewhere = await api.post(`/list/${listNamed('Android Bugs').id}/task`, { name: 'Orphan', parent: parent.id });
      expect(elsewhere.status).toBe(400);
    });

    it('refuses a missing name, an unknown status and an unknown list', async () => {
      const list = listNamed('iOS Bugs');
      expect((await api.post(`/list/${list.id}/task`, { description: 'x' })).status).toBe(400);
      expect((await api.post(`/list/${list.id}/task`, { name: 'x', status: 'no such status' })).status).toBe(400);
      expect((await api.post('/list/1/task', { name: 'x' })).body.ECODE).toBe('ITEM_015');
    });
  });

  describe('PUT /task/{id}', () => {
    it('updates fields, bumps date_updated and sets date_done/date_closed like ClickUp', async () => {
      const task = store.mutations.createTask({ listId: listNamed('Android Sprint').id, name: 'To update' });
      const before = (await api.get(`/task/${task.id}`)).body;
      const done = await api.put(`/task/${task.id}`, { status: 'shipped', name: 'Updated', priority: null, time_estimate: 1800000 });
      expect(done.status).toBe(200);
      expect(Number(done.body.date_updated)).toBeGreaterThan(Number(before.date_updated));
      expect(done.body).toMatchObject({ name: 'Updated', priority: null, time_estimate: 1800000, date_closed: null });
      expect(done.body.date_done).not.toBeNull();
      const closed = (await api.put(`/task/${task.id}`, { status: 'cancelled' })).body;
      expect(closed.date_closed).not.toBeNull();
      expect(closed.date_done).toBe(done.body.date_done);
      const reopened = (await api.put(`/task/${task.id}`, { status: 'backlog' })).body;
      expect(reopened).toMatchObject({ date_done: null, date_closed: null });
    });

    it('adds and removes assignees and watchers with {add, rem}', async () => {
      const [a, b] = store.currentMembers().filter((m) => m.status === 'active' && m.role >= 2);
      const task = store.mutations.createTask({ listId: listNamed('Android Sprint').id, name: 'People', assigneeIds: [a.id] });
      const res = await api.put(`/task/${task.id}`, { assignees: { add: [b.id], rem: [a.id] }, watchers: { add: [b.id] } });
      expect(res.body.assignees.map((u: any) => u.id)).toEqual([b.id]);
      expect(res.body.watchers.map((u: any) => u.id)).toContain(b.id);
      const stranger = await api.put(`/task/${task.id}`, { assignees: { add: [1] } });
      expect(stranger.status).toBe(400);
    });

    it('ignores parent:null (no promotion) but moves a subtask under another parent', async () => {
      const list = listNamed('Android Sprint');
      const p1 = store.mutations.createTask({ listId: list.id, name: 'P1' });
      const p2 = store.mutations.createTask({ listId: list.id, name: 'P2' });
      const child = store.mutations.createTask({ listId: list.id, name: 'C', parentId: p1.id });
      const ignored = await api.put(`/task/${child.id}`, { parent: null });
      expect(ignored.status).toBe(200);
      expect(ignored.body.parent).toBe(p1.id);
      const moved = await api.put(`/task/${child.id}`, { parent: p2.id });
      expect(moved.body.parent).toBe(p2.id);
      const cycle = await api.put(`/task/${p2.id}`, { parent: child.id });
      expect(cycle.status).toBe(400);
    });

    it('archives and unarchives', async () => {
      const task = store.mutations.createTask({ listId: listNamed('Android Sprint').id, name: 'Archive me' });
      expect((await api.put(`/task/${task.id}`, { archived: true })).body.archived).toBe(true);
      expect(store.task(task.id)!.archived).toBe(true);
    });

    it('accepts custom task ids on writes', async () => {
      const task = store.mutations.createTask({ listId: listNamed('Android Sprint').id, name: 'By custom id' });
      const res = await api.put(`/task/${task.customId}?custom_task_ids=true&team_id=${teamId}`, { name: 'Renamed by custom id' });
      expect(res.status).toBe(200);
      expect(store.task(task.id)!.name).toBe('Renamed by custom id');
    });
  });

  describe('DELETE /task/{id}', () => {
    it('answers 204 with an empty body and deletes the subtasks and their time entries', async () => {
      const list = listNamed('Android Sprint');
      const parent = store.mutations.createTask({ listId: list.id, name: 'Doomed parent' });
      const child = store.mutations.createTask({ listId: list.id, name: 'Doomed child', parentId: parent.id });
      const entry = store.mutations.addTimeEntry({ userId: store.ownerId, taskId: child.id, start: TEST_NOW - 3_600_000, duration: 600_000 });
      const res = await api.delete(`/task/${parent.id}`);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect(store.task(child.id)).toBeUndefined();
      const dump = store.dump({ includeTimeEntries: false });
      expect(dump.deleted.taskIds).toEqual(expect.arrayContaining([parent.id, child.id]));
      expect(dump.deleted.timeEntryIds).toContain(entry.id);
    });
  });

  describe('lists, dependencies and tags of a task', () => {
    it('adds a task to another list (TIML) and removes it again', async () => {
      const task = store.mutations.createTask({ listId: listNamed('iOS Bugs').id, name: 'Shared' });
      const extra = listNamed('Web Backlog');
      expect((await api.post(`/list/${extra.id}/task/${task.id}`)).status).toBe(200);
      expect((await api.get(`/task/${task.id}`)).body.locations).toEqual([{ id: extra.id, name: extra.name }]);
      expect((await api.delete(`/list/${listNamed('iOS Bugs').id}/task/${task.id}`)).status).toBe(400);
      expect((await api.delete(`/list/${extra.id}/task/${task.id}`)).status).toBe(200);
      expect((await api.get(`/task/${task.id}`)).body.locations).toEqual([]);
    });

    it('records dependencies on both tasks (waiting on / blocking)', async () => {
      const list = listNamed('iOS Bugs');
      const waiting = store.mutations.createTask({ listId: list.id, name: 'Waiting' });
      const blocker = store.mutations.createTask({ listId: list.id, name: 'Blocker' });
      expect((await api.post(`/task/${waiting.id}/dependency`, { depends_on: blocker.id })).status).toBe(200);
      const w = (await api.get(`/task/${waiting.id}`)).body.dependencies;
      const b = (await api.get(`/task/${blocker.id}`)).body.dependencies;
      expect(w).toEqual([expect.objectContaining({ task_id: waiting.id, depends_on: blocker.id, type: 0 })]);
      expect(b).toEqual([expect.objectContaining({ task_id: waiting.id, depends_on: blocker.id, type: 1 })]);
      expect((await api.delete(`/task/${waiting.id}/dependency?depends_on=${blocker.id}`)).status).toBe(200);
      expect((await api.get(`/task/${blocker.id}`)).body.dependencies).toEqual([]);
    });

    it('adds and removes tags', async () => {
      const task = store.mutations.createTask({ listId: listNamed('iOS Bugs').id, name: 'Tagged' });
      await api.post(`/task/${task.id}/tag/ios`);
      expect((await api.get(`/task/${task.id}`)).body.tags.map((t: any) => t.name)).toEqual(['ios']);
      await api.delete(`/task/${task.id}/tag/ios`);
      expect((await api.get(`/task/${task.id}`)).body.tags).toEqual([]);
    });
  });
});
