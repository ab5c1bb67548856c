import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { connectClient } from '../mcp/mcp-clients';
import { startTestApp, TestApp } from '../support/test-app';
import { report } from './security-support';

/**
 * Under a 429 storm a write used to wait for each reset (~62 s) and land minutes after the client
 * gave up — so a retrying client duplicated time entries. Now an interactive write that the
 * budget cannot send before its deadline (CLICKUP_WRITE_DEADLINE_MS; 1 s here to keep the test
 * short, 30 s by default) is not sent at all, the tool says so at once, and nothing lands later.
 */
describe('interactive writes have a deadline', () => {
  let sandbox: SandboxServer;
  let t: TestApp;
  const figures = { cases: 0, passed: 0 };

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 47, rateLimitPerMinute: 1000 });
    t = await startTestApp('pglite', {
      CLICKUP_API_TOKEN: sandbox.ownerToken,
      CLICKUP_API_BASE_URL: sandbox.baseUrl,
      CLICKUP_WRITE_DEADLINE_MS: '1000',
    });
    expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
  });
  afterAll(async () => {
    report('write-deadline', figures);
    await t?.close();
    await sandbox?.close();
  });

  it('during a 429 storm every write tool answers within seconds that nothing was sent, and nothing lands afterwards', async () => {
    const c = await connectClient('http', { url: t.url });
    const d = sandbox.store.dump();
    const task = d.tasks.find((x) => !x.archived && !x.parentId)!;
    const entriesBefore = d.timeEntries.length;
    const tasksBefore = d.tasks.length;
    sandbox.setFaults({ rateLimitStorm: { requests: 100_000 } });
    try {
      const calls: [string, Record<string, unknown>][] = [
        ['update_task', { task: task.id, name: 'Renamed during a storm' }],
        ['log_time_entry', { task: task.id, duration: 30, description: 'must not be duplicated' }],
        ['create_task', { list: task.listId, name: 'Created during a storm' }],
        ['start_timer', { task: task.id }],
      ];
      for (const [name, args] of calls) {
        figures.cases++;
        const started = Date.now();
        const r = await c.callTool({ name, arguments: args });
        const text = (r.content as { text: string }[])[0].text;
        expect({ name, isError: r.isError, text }).toEqual({
          name,
          isError: true,
          text: expect.stringMatching(/^Not sent: ClickUp is rate-limiting this token \(429\)|^Not sent: ClickUp's request budget is used up/),
        });
        expect(text).toMatch(/nothing was changed in ClickUp; it is safe to try again/);
        expect(Date.now() - started).toBeLessThan(10_000);
        figures.passed++;
      }
      // Nothing was queued to land later.
      await new Promise((r) => setTimeout(r, 3000));
      const after = sandbox.store.dump();
      expect(after.timeEntries.length).toBe(entriesBefore);
      expect(after.tasks.length).toBe(tasksBefore);
      expect(after.tasks.find((x) => x.id === task.id)!.name).toBe(task.name);
    } finally {
      sandbox.setFaults({});
      await c.close();
    }
  }, 60_000);
});
