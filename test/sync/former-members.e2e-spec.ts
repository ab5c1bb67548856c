import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { diffDatabaseWithDump } from '../support/db-vs-dump';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINES } from '../support/test-database';

/**
 * Issue 11, item 10 (Reporting rule 2): someone who left the workspace BEFORE our first sync is no
 * member any more, yet their time entries still exist in ClickUp and count. The tasks they created
 * are how the sync learns they existed; their entries must be synced and the person recorded.
 */
describe.each(TEST_ENGINES)('time of people who left before the first sync, on %s', (kind) => {
  let sandbox: SandboxServer;
  let t: TestApp;

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 11, rateLimitPerMinute: 0 });
    t = await startTestApp(kind, { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl });
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('syncs their entries and records them as removed members', async () => {
    const before = sandbox.store.dump();
    // A non-owner who created tasks and logged time.
    const leaver = before.members.find(
      (m) => m.role !== 1 && before.tasks.some((x) => x.creatorId === m.id) && before.timeEntries.some((e) => e.userId === m.id),
    )!;
    expect(leaver).toBeDefined();
    sandbox.store.mutations.removeMember(leaver.id);
    const dump = sandbox.store.dump();
    const theirs = dump.timeEntries.filter((e) => e.userId === leaver.id);
    expect(theirs.length).toBeGreaterThan(0);

    const r = await t.app.get(SyncRunnerService).runNow('full', 'test');
    expect(r.run?.status).toBe('succeeded');
    expect(await diffDatabaseWithDump(t.ds, dump)).toEqual([]);
    const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM time_entries WHERE user_id = $1 AND deleted_at IS NULL`, [leaver.id]);
    expect(n).toBe(theirs.length);
    const [member] = await t.ds.query(`SELECT username, status, removed_at FROM members WHERE user_id = $1`, [leaver.id]);
    expect(member).toMatchObject({ username: leaver.username, status: 'removed' });
    expect(member.removed_at).not.toBeNull();
  });
});
