import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { diffDatabaseWithDump } from '../support/db-vs-dump';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINES } from '../support/test-database';

const FAULTY_ENV = { CLICKUP_TIMEOUT_MS: '1000', CLICKUP_MAX_RETRIES: '10' };

/** ClickUp misbehaving must never cost data: no missing rows, no false deletions, no duplicates. */
describe.each(TEST_ENGINES)('sync under faults on %s', (kind) => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let runner: SyncRunnerService;

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 23, rateLimitPerMinute: 0 });
    t = await startTestApp(kind, { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl, ...FAULTY_ENV });
    runner = t.app.get(SyncRunnerService);
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('converges with 10% 5xx, 5% timeouts, dropped connections, slow and malformed responses', async () => {
    sandbox.setFaults({
      seed: 5,
      errorRate5xx: 0.1,
      timeoutRate: 0.05,
      dropRate: 0.05,
      slowRate: 0.05,
      slowMs: 200,
      malformedOnce: 'GET /team/{id}/task',
    });
    const full = await runner.runNow('full', 'test');
    // Transport faults are retried away. The malformed task page is never asked for again (issue 11):
    // a corrupted task in it is skipped and reported; a body that is not a page at all fails the task
    // unit, which deletes nothing, and the next runs read what it missed.
    expect(full.run!.error ?? 'no error').toMatch(/^(no error$|tasks: GET \/team\/\{team_id\}\/task returned an unexpected payload)/);
    expect(full.run!.retries).toBeGreaterThan(0);
    sandbox.store.applyRandomMutations(200, 77);
    for (const k of ['incremental', 'reconcile'] as const) {
      const r = await runner.runNow(k, 'test');
      expect(r.run?.error).toBeNull();
    }
    const stats = sandbox.stats();
    expect(stats.faults.error5xx + stats.faults.timeout + stats.faults.drop + stats.faults.malformed).toBeGreaterThan(3);
    sandbox.setFaults({});
    expect(await diffDatabaseWithDump(t.ds, sandbox.store.dump())).toEqual([]);
  });
});

/** A ClickUp that keeps failing one endpoint: the run must end 'partial' and delete nothing. */
describe.each(TEST_ENGINES)('persistent failures on %s', (kind) => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let runner: SyncRunnerService;

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 29, rateLimitPerMinute: 0 });
    t = await startTestApp(kind, { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl, CLICKUP_MAX_RETRIES: '1' });
    runner = t.app.get(SyncRunnerService);
    expect((await runner.runNow('full', 'test')).run?.status).toBe('succeeded');
    sandbox.store.applyRandomMutations(50, 3);
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('a failed task listing deletes nothing: the reconcile is partial and every task stays', async () => {
    const [before] = await t.ds.query(`SELECT count(*)::int AS n FROM tasks WHERE deleted_at IS NULL`);
    sandbox.setFaults({ errorRate5xx: 1, endpoints: ['GET /team/{id}/task'] });
    const r = await runner.runNow('reconcile', 'test');
    sandbox.setFaults({});
    expect(r.run?.status).toBe('partial');
    expect(r.run?.error).toContain('tasks');
    expect((r.run?.counts as Record<string, number>).tasksDeleted ?? 0).toBe(0);
    const [after] = await t.ds.query(`SELECT count(*)::int AS n FROM tasks WHERE deleted_at IS NULL`);
    expect(after.n).toBe(before.n);
  });

  it('a failed time-entry window deletes nothing in it', async () => {
    const [before] = await t.ds.query(`SELECT count(*)::int AS n FROM time_entries WHERE deleted_at IS NULL`);
    sandbox.setFaults({ errorRate5xx: 1, endpoints: ['GET /team/{id}/time_entries'] });
    const r = await runner.runNow('incremental', 'test');
    sandbox.setFaults({});
    expect(r.run?.status).toBe('partial');
    const [after] = await t.ds.query(`SELECT count(*)::int AS n FROM time_entries WHERE deleted_at IS NULL`);
    expect(after.n).toBe(before.n);
    // And the next healthy runs catch up (reconcile for the tasks deleted meanwhile).
    expect((await runner.runNow('incremental', 'test')).run?.status).toBe('succeeded');
    expect((await runner.runNow('reconcile', 'test')).run?.status).toBe('succeeded');
    expect(await diffDatabaseWithDump(t.ds, sandbox.store.dump())).toEqual([]);
  });
});
