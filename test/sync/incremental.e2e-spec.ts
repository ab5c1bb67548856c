import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { SyncCursorRepository } from '../../src/sync/repositories/sync-cursor.repository';
import { diffDatabaseWithDump } from '../support/db-vs-dump';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINES } from '../support/test-database';

/**
 * What an incremental run alone must catch (no reconcile): every task change — moves, new
 * subtasks whose parent lives in another list, and (in the runs that walk the hierarchy, at
 * most hourly) tasks in archived lists — and every time entry change inside the trailing
 * window. Deletions of tasks and edits of old entries are the reconcile's and the webhooks' job
 * (ClickUp lists neither), tested elsewhere. And what it costs when nothing changed.
 */
describe.each(TEST_ENGINES)('incremental sync on %s', (kind) => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let runner: SyncRunnerService;

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 31, rateLimitPerMinute: 0 });
    t = await startTestApp(kind, { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl });
    runner = t.app.get(SyncRunnerService);
    expect((await runner.runNow('full', 'test')).run?.status).toBe('succeeded');
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('costs at most 5 requests and writes nothing when nothing changed', async () => {
    const before = sandbox.stats().requests;
    const r = await runner.runNow('incremental', 'test');
    expect(r.run?.status).toBe('succeeded');
    const c = r.run!.counts as Record<string, number>;
    // GET /team, the changed-task passes (active, archived), the trailing time-entry window.
    expect(r.run!.requests).toBeLessThanOrEqual(5);
    expect(sandbox.stats().requests - before).toBe(r.run!.requests);
    expect(c.timeEntriesRead).toBeGreaterThan(0);
    expect({ tasksWritten: c.tasksWritten ?? 0, timeEntriesWritten: c.timeEntriesWritten ?? 0 }).toEqual({ tasksWritten: 0, timeEntriesWritten: 0 });
  });

  it('picks up task and recent time-entry changes of every kind', async () => {
    const d = sandbox.store.dump();
    const m = sandbox.store.mutations;
    const live = d.tasks.filter((x) => !x.archived);
    const [a, b, c, e] = [live[1], live[2], live[3], live[4]];
    const member = d.members.find((x) => x.status === 'active' && x.role !== 1)!;
    const otherList = d.lists.find((l) => l.id !== a.listId && !l.archived)!;
    const archivedList = d.lists.find((l) => l.archived);
    m.changeStatus(a.id, d.spaces.find((s) => s.id === a.spaceId)!.statuses.at(-1)!.status);
    m.reassign(b.id, { add: [member.id], rem: b.assigneeIds });
    m.moveTask(c.id, otherList.id);
    m.renameTask(e.id, 'Renamed in ClickUp');
    m.setEstimate(e.id, 5_400_000);
    // ClickUp creates a subtask in its parent's list; moving it makes a cross-list subtask.
    const sub = m.createTask({ listId: a.listId, name: 'New subtask across lists', parentId: a.id });
    m.moveTask(sub.id, otherList.id);
    if (archivedList) {
      const inArchived = d.tasks.find((x) => x.listId === archivedList.id);
      if (inArchived) m.renameTask(inArchived.id, 'Edited inside an archived list');
    }
    const recent = d.timeEntries.filter((x) => !x.running && x.start > Date.now() - 20 * 86_400_000);
    m.editTimeEntry(recent[0].id, { description: 'edited', billable: !recent[0].billable });
    m.deleteTimeEntry(recent[1].id);
    m.addTimeEntry({ userId: member.id, taskId: b.id, start: Date.now() - 3_600_000, duration: 1_800_000, description: 'new' });
    m.startTimer(member.id, { taskId: a.id });

    // Lists in archived containers are re-read by the runs that walk the hierarchy (hourly).
    await t.app.get(SyncCursorRepository).set(d.workspaces[0].id, 'hierarchy', Date.now() - 2 * 3_600_000);
    const r = await runner.runNow('incremental', 'test');
    expect(r.run?.status).toBe('succeeded');
    expect(await diffDatabaseWithDump(t.ds, sandbox.store.dump())).toEqual([]);
    const counts = r.run!.counts as Record<string, number>;
    // Rows written are the changed ones, not everything read again.
    expect(counts.timeEntriesWritten).toBeLessThan(counts.timeEntriesRead);
    expect(counts.timeEntriesWritten).toBeGreaterThanOrEqual(3);
  });
});
