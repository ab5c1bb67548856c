import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CacheRegistry } from '../../src/common/cache/cache-registry';
import { FixedClock } from '../../src/common/time/clock';
import { HierarchyService } from '../../src/mapping/hierarchy.service';
import { AnswerCacheService } from '../../src/mcp/core/answer-cache.service';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import type { SandboxDump } from '../../src/sandbox/sandbox-dump.types';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINES } from '../support/test-database';
import { connectClient } from './mcp-clients';
import { TaskTruth } from './task-truth';

type Obj = Record<string, any>;

const NOW = Date.parse('2026-11-25T10:00:00.000Z');

/**
 * Read answers are reused only while they are exactly what the tool would compute again: the
 * same data version, the same in-memory hierarchy and, for answers that read the clock, the
 * same "now". Each case changes one of them and checks the answer against the sandbox's dump.
 */
describe.each(TEST_ENGINES)('answer cache on %s', (kind) => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let c: Client;
  let d: SandboxDump;
  let truth: TaskTruth;
  const clock = new FixedClock(NOW);
  let answers: AnswerCacheService;

  const call = async (name: string, args: Obj = {}): Promise<Obj> => {
    const r = await c.callTool({ name, arguments: args });
    expect({ name, isError: r.isError ?? false }).toEqual({ name, isError: false });
    return r.structuredContent as Obj;
  };
  const hits = () => answers.stats()!.hits;

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 43, rateLimitPerMinute: 0 });
    t = await startTestApp(kind, { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl }, { clock });
    expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
    d = sandbox.store.dump();
    truth = new TaskTruth(d);
    answers = t.app.get(AnswerCacheService);
    c = await connectClient(kind === 'pglite' ? 'sse' : 'http', { url: t.url });
  });
  afterAll(async () => {
    await c?.close();
    await t?.close();
    await sandbox?.close();
  });

  it('reuses an answer while nothing changed, and sees a committed write at once', async () => {
    const first = await call('search_tasks', { query: 'quokka' });
    expect(first.total).toBe(0);
    const h = hits();
    expect(await call('search_tasks', { query: 'quokka' })).toEqual(first);
    expect(hits()).toBe(h + 1);

    // What a sync or a write-through does: a committed write to the tasks.
    const task = d.tasks.find((x) => !x.parentId && !truth.archivedBelow(x, 'workspace'))!;
    await t.ds.query(`UPDATE tasks SET name = $2 WHERE id = $1`, [task.id, 'Feed the quokka']);
    const after = await call('search_tasks', { query: 'quokka' });
    expect(after.results.map((x: Obj) => [x.id, x.name])).toEqual([[task.id, 'Feed the quokka']]);
    expect(hits()).toBe(h + 1);

    // A write that rolls back changes nothing: the answer is reused.
    const qr = t.ds.createQueryRunner();
    await qr.startTransaction();
    await qr.query(`UPDATE tasks SET name = 'Feed the zebra' WHERE id = $1`, [task.id]);
    await qr.rollbackTransaction();
    await qr.release();
    const h2 = hits();
    expect((await call('search_tasks', { query: 'quokka' })).results.map((x: Obj) => x.id)).toEqual([task.id]);
    expect(hits()).toBe(h2 + 1);
  });

  it('answers that read the clock are reused at the same now only', async () => {
    const soon = d.tasks
      .filter((x) => x.dueDate !== null && x.dueDate > NOW && !truth.finished(x) && !truth.archivedBelow(x, 'workspace'))
      .sort((a, b) => (a.dueDate as number) - (b.dueDate as number))[0];
    expect(soon).toBeDefined();
    const before = await call('get_overdue_tasks', { limit: 200 });
    expect(before.tasks.map((x: Obj) => x.id)).not.toContain(soon.id);
    const h = hits();
    expect(await call('get_overdue_tasks', { limit: 200 })).toEqual(before);
    expect(hits()).toBe(h + 1);

    clock.set((soon.dueDate as number) + 1);
    try {
      const later = await call('get_overdue_tasks', { limit: 200 });
      expect(later.as_of).toBe(new Date((soon.dueDate as number) + 1).toISOString());
      expect(later.tasks.find((x: Obj) => x.id === soon.id)).toMatchObject({ overdue_by: { ms: 1 } });
      expect(hits()).toBe(h + 1);
    } finally {
      clock.set(NOW);
    }
  });

  it('a hierarchy reload that read something new retires the answers made from the old one', async () => {
    const hierarchy = t.app.get(HierarchyService) as unknown as { reload(): Promise<unknown> };
    const registry = t.app.get(CacheRegistry);
    // Reloading what is already held changes nothing: answers stay reusable.
    const g = registry.generation;
    await hierarchy.reload();
    expect(registry.generation).toBe(g);

    const list = d.lists.find(
      (l) => !l.archived && !d.spaces.find((s) => s.id === l.spaceId)!.archived && !d.folders.find((f) => f.id === l.folderId)?.archived,
    )!;
    const space = d.spaces.find((s) => s.id === list.spaceId)!;
    const folder = d.folders.find((f) => f.id === list.folderId);
    const [tool, args] = folder ? ['get_lists', { folder: folder.name, space: space.name }] : ['get_folderless_lists', { space: space.name }];
    const names = async () => ((await call(tool, args)).lists as Obj[]).map((l) => l.name);
    // The database changes first; until the hierarchy reloads, listings still show the old name.
    await t.ds.query(`UPDATE lists SET name = $2 WHERE id = $1`, [list.id, 'Renamed list']);
    expect(await names()).toContain(list.name);
    await hierarchy.reload();
    expect(registry.generation).toBe(g + 1);
    const fresh = await names();
    expect(fresh).toContain('Renamed list');
    expect(fresh).not.toContain(list.name);
  });

  it('never reuses live answers, errors, or anything after clear_cache', async () => {
    const h = hits();
    await call('get_sync_status');
    await call('get_sync_status');
    const missing = await c.callTool({ name: 'get_task', arguments: { task: 'no-such-task' } });
    expect(missing.isError).toBe(true);
    expect((await c.callTool({ name: 'get_task', arguments: { task: 'no-such-task' } })).isError).toBe(true);
    expect(hits()).toBe(h);

    await call('get_workspaces');
    expect(answers.stats()!.entries).toBeGreaterThan(0);
    await call('clear_cache', { confirm: true });
    expect(answers.stats()!.entries).toBe(0);
    await call('get_workspaces');
    expect(hits()).toBe(h);
  });
});
