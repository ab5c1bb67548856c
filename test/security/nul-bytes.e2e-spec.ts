import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { connectClient } from '../mcp/mcp-clients';
import { startTestApp, TestApp } from '../support/test-app';
import { report } from './security-support';

/**
 * PostgreSQL cannot store U+0000. A NUL in a tool argument used to start the timer in ClickUp
 * and then fail the write-through ("Internal error"); a NUL any ClickUp client wrote into a task
 * kept every later sync partial. Now NULs are dropped wherever text reaches the database.
 */
describe('NUL characters', () => {
  let sandbox: SandboxServer;
  let t: TestApp;
  const figures = { cases: 0, passed: 0 };

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 53, rateLimitPerMinute: 0 });
    t = await startTestApp('pglite', { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl });
    expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
  });
  afterAll(async () => {
    report('nul-bytes', figures);
    await t?.close();
    await sandbox?.close();
  });

  it('in tool arguments: start_timer, create_task and get_task work, and nothing stored holds a NUL', async () => {
    figures.cases++;
    const c = await connectClient('http', { url: t.url });
    const task = sandbox.store.dump().tasks.find((x) => !x.archived)!;
    const timer = await c.callTool({ name: 'start_timer', arguments: { task: task.id, description: 'a\u0000b' } });
    expect(timer.isError).toBeFalsy();
    const created = await c.callTool({ name: 'create_task', arguments: { list: task.listId, name: 'Na\u0000me', description: 'de\u0000sc' } });
    expect(created.isError).toBeFalsy();
    const found = await c.callTool({ name: 'get_task', arguments: { task: `${task.id}\u0000` } });
    expect(found.isError).toBeFalsy();
    await c.close();
    const [row] = await t.ds.query(`SELECT count(*)::int AS n FROM time_entries WHERE description = 'ab'`);
    expect(row.n).toBe(1);
    const [named] = await t.ds.query(`SELECT count(*)::int AS n FROM tasks WHERE name = 'Name' AND description = 'desc'`);
    expect(named.n).toBe(1);
    figures.passed++;
  });

  it('written into ClickUp by anyone: the next sync succeeds and stores the text without NULs', async () => {
    figures.cases++;
    const d = sandbox.store.dump();
    const task = d.tasks.find((x) => !x.archived)!;
    const entry = d.timeEntries.find((e) => !e.running)!;
    sandbox.store.mutations.renameTask(task.id, 'Bro\u0000ken name');
    sandbox.store.mutations.editTimeEntry(entry.id, { description: 'no\u0000te' });
    const run = (await t.app.get(SyncRunnerService).runNow('full', 'test')).run!;
    expect({ status: run.status, error: run.error }).toEqual({ status: 'succeeded', error: null });
    const [stored] = await t.ds.query(`SELECT name FROM tasks WHERE id = $1`, [task.id]);
    expect(stored.name).toBe('Broken name');
    const [e] = await t.ds.query(`SELECT description FROM time_entries WHERE id = $1`, [entry.id]);
    expect(e.description).toBe('note');
    figures.passed++;
  });
});
