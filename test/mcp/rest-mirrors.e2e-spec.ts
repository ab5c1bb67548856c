import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { startTestApp, TestApp } from '../support/test-app';

type Obj = Record<string, any>;

/** The REST mirrors answer from the same services as the tools. */
describe('REST mirrors', () => {
  let sandbox: SandboxServer;
  let t: TestApp;
  const get = async (path: string): Promise<{ status: number; body: Obj }> => {
    const res = await fetch(`${t.url}${path}`);
    return { status: res.status, body: (await res.json()) as Obj };
  };

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 43, rateLimitPerMinute: 0 });
    t = await startTestApp('pglite', { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl });
    expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('GET /api/tasks/:id by id and by custom id, with rollup time and subtasks', async () => {
    const d = sandbox.store.dump();
    const parent = d.tasks.find((x) => d.tasks.some((c) => c.parentId === x.id) && x.customId)!;
    const byId = await get(`/api/tasks/${parent.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body.id ?? byId.body.task?.id).toBe(parent.id);
    const byCustom = await get(`/api/tasks/${encodeURIComponent(parent.customId!)}`);
    expect(byCustom.status).toBe(200);
    expect(JSON.stringify(byCustom.body)).toContain(parent.id);
    const missing = await get('/api/tasks/no-such-task-xyz');
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/no-such-task-xyz/);
  });

  it('GET /api/hierarchy and /api/members mirror the synced workspace', async () => {
    const d = sandbox.store.dump();
    const h = await get('/api/hierarchy?include_archived=true');
    expect(h.status).toBe(200);
    expect(h.body.spaces.map((s: Obj) => s.id).sort()).toEqual(d.spaces.map((s) => s.id).sort());
    const lists = h.body.spaces.flatMap((s: Obj) => [...s.folderlessLists, ...s.folders.flatMap((f: Obj) => f.lists)]);
    expect(lists.map((l: Obj) => l.id).sort()).toEqual(d.lists.map((l) => l.id).sort());
    const m = await get('/api/members');
    expect(m.body.members.map((x: Obj) => x.id).sort()).toEqual(d.members.map((x) => x.id).sort());
  });
});
