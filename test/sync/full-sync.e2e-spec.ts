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
    // Two changes of a person's open work that cancel out, as writes between runs leave them.
    const ws = sandbox.store.dump().workspaces[0].id;
    await t.ds.query(
      `INSERT INTO open_work_people (workspace_id, user_id, archived, n, estimate_share_ms) VALUES ($1, 424242, false, 1, 5), ($1, 424242, false, -1, -5)`,
      [ws],
    );
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
    // A first full sync rewrote the bulk tables: the run refreshed the planner's statistics itself
    // (PGlite has no autovacuum; without them the planner took 100,000 tasks for 178 rows).
    const analyzed: { relname: string }[] = await t.ds.query(
      `SELECT relname FROM pg_stat_user_tables WHERE relname IN ('tasks', 'task_assignees', 'task_watchers', 'time_entries')
         AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL) ORDER BY relname`,
    );
    expect(analyzed.map((x) => x.relname)).toEqual(['task_assignees', 'task_watchers', 'tasks', 'time_entries']);
    // …and folded the per-person open work its writes appended into one row per person and flag.
    const [people] = await t.ds.query(
      `SELECT count(*)::int AS n, count(DISTINCT (user_id, archived))::int AS keys, (SELECT sum(n) FROM open_work_counts)::int AS open,
              sum(n)::int AS summed FROM open_work_people`,
    );
    expect(people.n).toBe(people.keys);
    expect(await t.ds.query(`SELECT 1 FROM open_work_people WHERE user_id = 424242`)).toEqual([]);
    expect([people.summed, people.open > 0]).toEqual([people.open, true]);
    expect(r.run?.counts).toEqual(expect.objectContaining({ tasksWritten: dump.tasks.length, timeEntriesWritten: dump.timeEntries.length }));
  });
});
