import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SandboxStore } from '../../src/sandbox/sandbox-store';
import { SandboxClient, TEST_NOW } from './support/sandbox-client';

const DAY = 86_400_000;

describe('sandbox: time tracking', () => {
  let server: SandboxServer;
  let api: SandboxClient;
  let store: SandboxStore;
  let base: string;
  let memberId: number;
  let memberApi: SandboxClient;

  const storedEntries = () => {
    const out: any[] = [];
    store.state.timeEntries.forEach((e) => out.push(e));
    return out;
  };
  const activeIds = () =>
    store
      .currentMembers()
      .filter((m) => m.status === 'active')
      .map((m) => m.id);

  beforeAll(async () => {
    server = await SandboxServer.start({ size: 'tiny', now: TEST_NOW, rateLimitPerMinute: 0 });
    api = SandboxClient.api(server);
    store = server.store;
    base = `/team/${store.workspaceId}/time_entries`;
    memberId = store.currentMembers().find((m) => m.role === 3 && m.status === 'active')!.id;
    memberApi = SandboxClient.api(server, server.tokenFor(memberId));
  });
  afterAll(() => server.close());

  describe('GET /team/{id}/time_entries', () => {
    it('defaults to the caller and the last 30 days, filtering on the start', async () => {
      const res = await api.get(base);
      expect(res.status).toBe(200);
      const now = store.clock.now();
      const expected = storedEntries().filter((e) => e.userId === store.ownerId && e.start >= now - 30 * DAY && e.start <= now);
      expect(res.body.data.map((e: any) => e.id).sort()).toEqual(expected.map((e) => e.id).sort());
      expect(res.body.data.every((e: any) => e.user.id === store.ownerId)).toBe(true);
      expect(storedEntries().some((e) => e.userId === store.ownerId && e.start < now - 30 * DAY)).toBe(true);
    });

    it("returns everyone's entries in a range when an admin passes every member id", async () => {
      const start = TEST_NOW - 200 * DAY;
      const res = await api.get(`${base}?start_date=${start}&end_date=${TEST_NOW}&assignee=${activeIds().join(',')}`);
      const expected = storedEntries().filter((e) => activeIds().includes(e.userId) && e.start >= start && e.start <= TEST_NOW);
      expect(res.body.data).toHaveLength(expected.length);
      expect(new Set(res.body.data.map((e: any) => e.user.id)).size).toBeGreaterThan(2);
      const starts = res.body.data.map((e: any) => Number(e.start));
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
    });

    it('lets a plain member read only their own entries (401 for others)', async () => {
      const own = await memberApi.get(`${base}?assignee=${memberId}`);
      expect(own.status).toBe(200);
      const others = await memberApi.get(`${base}?assignee=${memberId},${store.ownerId}`);
      expect(others.status).toBe(401);
      expect(others.body.ECODE).toBe('TIMEENTRY_052');
      const byDefault = await memberApi.get(base);
      expect(byDefault.body.data.every((e: any) => e.user.id === memberId)).toBe(true);
    });

    it('shows running timers with a negative duration (−start) and no end, at most one per user', async () => {
      const res = await api.get(`${base}?start_date=0&assignee=${activeIds().join(',')}`);
      const running = res.body.data.filter((e: any) => Number(e.duration) < 0);
      expect(running.length).toBeGreaterThan(0);
      for (const e of running) {
        expect(e.duration).toBe(String(-Number(e.start)));
        expect('end' in e).toBe(false);
      }
      const perUser = new Map<number, number>();
      for (const e of running) perUser.set(e.user.id, (perUser.get(e.user.id) ?? 0) + 1);
      expect([...perUser.values()].every((n) => n === 1)).toBe(true);
    });

    it('uses ClickUp types: ms strings, string location ids, no task key for task-less entries', async () => {
      const res = await api.get(`${base}?start_date=0&assignee=${activeIds().join(',')}&include_location_names=true&include_task_tags=true`);
      const data = res.body.data;
      const withTask = data.find((e: any) => e.task);
      expect(withTask.task_location).toEqual({
        list_id: expect.any(String),
        folder_id: expect.any(String),
        space_id: expect.any(String),
        list_name: expect.any(String),
        folder_name: expect.any(String),
        space_name: expect.any(String),
      });
      expect(Array.isArray(withTask.task_tags)).toBe(true);
      expect(typeof withTask.at).toBe('string');
      const taskless = data.find((e: any) => !e.task);
      expect(taskless).toBeDefined();
      expect('task_location' in taskless).toBe(false);
      const plain = (await api.get(`${base}?start_date=0&assignee=${activeIds().join(',')}`)).body.data.find((e: any) => e.task);
      expect(plain.task_location.list_name).toBeUndefined();
      expect(plain.task_tags).toBeUndefined();
    });

    it('narrows to one location and refuses two', async () => {
      const entry = storedEntries().find((e) => e.taskId && e.userId === store.ownerId)!;
      const listId = store.task(entry.taskId)!.listId;
      const res = await api.get(`${base}?start_date=0&list_id=${listId}`);
      expect(res.body.data.length).toBeGreaterThan(0);
      expect(res.body.data.every((e: any) => e.task_location.list_id === listId)).toBe(true);
      const byTask = await api.get(`${base}?start_date=0&task_id=${entry.taskId}`);
      expect(byTask.body.data.every((e: any) => e.task.id === entry.taskId)).toBe(true);
      expect((await api.get(`${base}?list_id=${listId}&space_id=1`)).status).toBe(400);
    });

    it('filters on is_billable', async () => {
      const res = await api.get(`${base}?start_date=0&is_billable=true`);
      expect(res.body.data.length).toBeGreaterThan(0);
      expect(res.body.data.every((e: any) => e.billable === true)).toBe(true);
    });
  });

  describe('writes', () => {
    it("creates an entry ({data: entry}), adds to the task's time_spent and bumps its date_updated", async () => {
      const task = [...store.state.tasks.values()].find((t) => t.customId && !t.archived)!;
      const before = { spent: task.timeSpent, updated: task.dateUpdated };
      const res = await api.post(`${base}?custom_task_ids=true&team_id=${store.workspaceId}`, {
        start: TEST_NOW - 7_200_000,
        duration: 1_800_000,
        description: 'Pairing',
        billable: true,
        tags: [{ name: 'pairing', tag_fg: '#000000', tag_bg: '#ffffff' }],
        tid: task.customId,
      });
      expect(res.status).toBe(200);
      const e = res.body.data;
      expect(e).toMatchObject({ duration: '1800000', billable: true, description: 'Pairing', wid: store.workspaceId });
      expect(e.task.id).toBe(task.id);
      expect(e.tags).toEqual([{ name: 'pairing', tag_fg: '#000000', tag_bg: '#ffffff', creator: store.ownerId }]);
      expect(task.timeSpent).toBe(before.spent + 1_800_000);
      expect(task.dateUpdated).toBeGreaterThan(before.updated);

      const one = await api.get(`${base}/${e.id}`);
      expect(one.body.data.id).toBe(e.id);
    });

    it('creates a running timer for a negative duration, stopping the one already running', async () => {
      const first = await api.post(base, { start: store.clock.now() - 60_000, duration: -1 });
      expect(Number(first.body.data.duration)).toBeLessThan(0);
      const second = await api.post(base, { start: store.clock.now(), duration: -1 });
      const stoppedFirst = store.state.timeEntries.get(first.body.data.id)!;
      expect(stoppedFirst.end).not.toBeNull();
      expect(store.state.timeEntries.runningIdFor(store.ownerId)).toBe(second.body.data.id);
    });

    it('lets only admins log time for others', async () => {
      expect((await memberApi.post(base, { start: TEST_NOW - DAY, duration: 60_000, assignee: store.ownerId })).status).toBe(401);
      const forMember = await api.post(base, { start: TEST_NOW - DAY, duration: 60_000, assignee: memberId });
      expect(forMember.body.data.user.id).toBe(memberId);
    });

    it('updates an entry, bumping `at`', async () => {
      const created = (await api.post(base, { start: TEST_NOW - 3 * DAY, duration: 600_000 })).body.data;
      const res = await api.put(`${base}/${created.id}`, {
        description: 'Edited',
        duration: 900_000,
        tags: [{ name: 'development' }],
        tag_action: 'add',
      });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ description: 'Edited', duration: '900000' });
      expect(Number(res.body.data.at)).toBeGreaterThan(Number(created.at));
      expect(res.body.data.tags.map((t: any) => t.name)).toEqual(['development']);
    });

    it('deletes an entry and lists it as deleted in the dump', async () => {
      const created = (await api.post(base, { start: TEST_NOW - 4 * DAY, duration: 600_000 })).body.data;
      const res = await api.delete(`${base}/${created.id}`);
      expect(res.status).toBe(200);
      expect(res.body.data.id).toBe(created.id);
      expect(typeof res.body.data.duration).toBe('number');
      expect((await api.get(`${base}/${created.id}`)).status).toBe(404);
      expect(store.dump({ includeTimeEntries: false }).deleted.timeEntryIds).toContain(created.id);
    });

    it("refuses a start-less entry and another member's entry for a plain member", async () => {
      expect((await api.post(base, { duration: 1000 })).status).toBe(400);
      const ownerEntry = storedEntries().find((e) => e.userId === store.ownerId)!;
      expect((await memberApi.get(`${base}/${ownerEntry.id}`)).status).toBe(401);
    });
  });

  describe('timers', () => {
    it("starts, reports and stops the caller's timer with ClickUp's mixed types", async () => {
      const task = [...store.state.tasks.values()].find((t) => !t.archived)!;
      const started = await memberApi.post(`${base}/start`, { tid: task.id, description: 'Focus' });
      expect(started.status).toBe(200);
      expect(typeof started.body.data.duration).toBe('number');
      expect(started.body.data.duration).toBeLessThan(0);
      expect(typeof started.body.data.start).toBe('string');

      const current = await memberApi.get(`${base}/current`);
      expect(current.body.data.id).toBe(started.body.data.id);
      expect(current.body.data.end).toBeUndefined();

      const stopped = await memberApi.post(`${base}/stop`);
      expect(stopped.status).toBe(200);
      expect(typeof stopped.body.data.end).toBe('number');
      expect(typeof stopped.body.data.duration).toBe('number');
      expect(typeof stopped.body.data.at).toBe('number');
      expect(stopped.body.data.duration).toBeGreaterThanOrEqual(0);

      expect((await memberApi.get(`${base}/current`)).body).toEqual({ data: null });
      expect((await memberApi.post(`${base}/stop`)).status).toBe(404);
    });
  });
});
