import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { diffDatabaseWithDump } from '../support/db-vs-dump';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINES } from '../support/test-database';

describe.each(TEST_ENGINES)('full sync on %s', (kind) => {
  let sandbox: SandboxServer;
  let t: TestApp;

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 7, rateLimitPerMinute: 0 });
    t = await startTestApp(kind, { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl });
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('makes the database equal to the sandbox, field by field', async () => {
    const r = await t.app.get(SyncRunnerService).runNow('full', 'test');
    expect(r.started).toBe(true);
    expect(r.run?.error).toBeNull();
    expect(r.run?.status).toBe('succeeded');
    const dump = sandbox.store.dump();
    const diffs = await diffDatabaseWithDump(t.ds, dump);
    expect(diffs).toEqual([]);
    // The comparison is not vacuous: the tiny workspace has every kind of thing in it.
    const [c] = await t.ds.query(`SELECT (SELECT count(*) FROM tasks WHERE deleted_at IS NULL)::int AS tasks,
      (SELECT count(*) FROM tasks WHERE parent_id IS NOT NULL)::int AS subtasks,
      (SELECT count(*) FROM tasks WHERE archived)::int AS archived,
      (SELECT count(*) FROM task_lists)::int AS extra_lists,
      (SELECT count(*) FROM task_dependencies)::int AS deps,
      (SELECT count(*) FROM time_entries)::int AS entries,
      (SELECT count(*) FROM time_entries WHERE running)::int AS running,
      (SELECT count(*) FROM time_entries WHERE task_id IS NULL)::int AS taskless`);
    expect(c.tasks).toBe(dump.tasks.length);
    expect(c.entries).toBe(dump.timeEntries.length);
    for (const k of ['subtasks', 'archived', 'extra_lists', 'deps', 'running', 'taskless']) expect(c[k]).toBeGreaterThan(0);
    console.log(JSON.stringify(c), 'requests', r.run?.requests);
  });
});
