import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { diffDatabaseWithDump } from '../support/db-vs-dump';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINES } from '../support/test-database';

/**
 * The database must equal ClickUp after any sequence of changes: hundreds of random mutations
 * of every kind, then incremental + reconcile ⇒ zero differences, field by field.
 */
describe.each(TEST_ENGINES)('sync convergence on %s', (kind) => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let runner: SyncRunnerService;

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 11, rateLimitPerMinute: 0 });
    t = await startTestApp(kind, { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl });
    runner = t.app.get(SyncRunnerService);
    const full = await runner.runNow('full', 'test');
    expect(full.run?.status).toBe('succeeded');
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('an unchanged workspace costs a handful of requests and changes nothing', async () => {
    const before = await diffDatabaseWithDump(t.ds, sandbox.store.dump());
    expect(before).toEqual([]);
    sandbox.resetStats();
    const r = await runner.runNow('incremental', 'test');
    expect(r.run?.status).toBe('succeeded');
    // The run's own request count agrees with what ClickUp (the sandbox) served.
    expect(r.run!.requests).toBe(sandbox.stats().requests);
    // GET /team + changed tasks (active, archived) + one time-entry window. Lists in archived
    // containers wait for the hourly hierarchy walk.
    expect(r.run!.requests).toBe(1 + 2 + 1);
    expect(r.run!.counts).toEqual(expect.objectContaining({ tasksWritten: 0, timeEntriesWritten: 0 }));
    expect(await diffDatabaseWithDump(t.ds, sandbox.store.dump())).toEqual([]);
  });

  it.each([1, 2, 3])('round %i: 150 random mutations, then incremental + reconcile ⇒ equal', async (round) => {
    const applied = sandbox.store.applyRandomMutations(150, 1000 + round);
    const kinds = new Set(applied.map((m) => m.kind));
    expect(kinds.size).toBeGreaterThan(8);
    const inc = await runner.runNow('incremental', 'test');
    expect(inc.run?.error).toBeNull();
    const rec = await runner.runNow('reconcile', 'test');
    expect(rec.run?.error).toBeNull();
    expect(await diffDatabaseWithDump(t.ds, sandbox.store.dump())).toEqual([]);
  });

  it('running the same sync twice changes nothing (idempotent)', async () => {
    const snapshot = async () =>
      t.ds.query(`SELECT md5(string_agg(x, '|' ORDER BY x)) AS h FROM (
        SELECT id || status || date_updated::text || coalesce(deleted_at::text, '') AS x FROM tasks
        UNION ALL SELECT id || coalesce(end_at::text, '') || coalesce(deleted_at::text, '') FROM time_entries
        UNION ALL SELECT task_id || user_id FROM task_assignees) s`);
    await runner.runNow('full', 'test');
    const a = await snapshot();
    await runner.runNow('full', 'test');
    expect(await snapshot()).toEqual(a);
    const [dupes] = await t.ds.query(`SELECT count(*)::int AS n FROM (SELECT id FROM tasks GROUP BY id HAVING count(*) > 1) d`);
    expect(dupes.n).toBe(0);
  });
});
