import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { waitFor } from '../support/node-process';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINES } from '../support/test-database';
import { connectClient } from './mcp-clients';

type Obj = Record<string, any>;

const NUMBERS_INCOMPLETE = '— numbers are incomplete';

/**
 * Until a first full sync has succeeded the database is half-filled: every read result says so
 * (structured output and the first line of its text), report tools refuse instead of printing
 * totals, and REST says the same. Once the sync has succeeded, none of that remains.
 */
describe.each(TEST_ENGINES)('partial data during the first full sync (%s)', (kind) => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let c: Client;

  const call = async (name: string, args: Obj = {}) => {
    const r = await c.callTool({ name, arguments: args });
    return { isError: r.isError ?? false, text: (r.content as Obj[])[0].text as string, out: r.structuredContent as Obj };
  };
  const rest = async (path: string) => (await fetch(`${t.url}${path}`)).json() as Promise<Obj>;

  beforeAll(async () => {
    // ~100 ms per ClickUp answer: the demo workspace's first full sync takes several seconds.
    sandbox = await SandboxServer.start({ size: 'demo', seed: 8, rateLimitPerMinute: 0, latencyMs: 100 });
    t = await startTestApp(kind, { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl });
    c = await connectClient('http', { url: t.url });
  });
  afterAll(async () => {
    await c?.close();
    await t?.close();
    await sandbox?.close();
  });

  it('before any sync: results say no full sync has completed, and how to start one; reports refuse', async () => {
    const workspaces = await call('get_workspaces');
    expect(workspaces.isError).toBe(false);
    expect(workspaces.out).toMatchObject({
      data_complete: false,
      data_as_of: null,
      data_warning: expect.stringContaining('no full sync has completed yet'),
    });
    expect(workspaces.text.split('\n')[0]).toBe(
      `⚠ No full sync has completed yet ${NUMBERS_INCOMPLETE}; start one with trigger_sync (kind full), POST /sync/full or \`npm run sync -- full\`.`,
    );
    const workload = await call('get_workload');
    expect(workload.isError).toBe(true);
    expect(workload.text).toMatch(/^No full sync has completed yet .*This report needs complete data/);
  });

  it('while the first full sync runs: "N of ~M tasks read" everywhere, reports refuse; afterwards all is complete', async () => {
    const started = await t.app.get(SyncRunnerService).start('full', 'test');
    if (!started.started) throw new Error('the sync did not start');

    let status: Obj = {};
    await waitFor(
      async () => {
        status = (await call('get_sync_status')).out;
        return /tasks read/.test(status.data_warning ?? '');
      },
      60_000,
      'the tasks phase of the first sync',
      50,
    );
    expect(status.data_complete).toBe(false);
    expect(status.data_warning).toMatch(/^first sync in progress: [\d,]+ of ~[\d,]+ tasks read — numbers are incomplete$/);

    const spaces = await call('get_spaces');
    expect(spaces.out.data_complete).toBe(false);
    expect(spaces.text.split('\n')[0]).toMatch(/^⚠ First sync in progress: [\d,]+ of ~[\d,]+ tasks read — numbers are incomplete\.$/);
    const tasks = await call('get_tasks', { limit: 1 });
    expect(tasks.out.data_complete).toBe(false);
    expect(tasks.text.startsWith('⚠ First sync in progress')).toBe(true);

    const reports = [
      ['get_workload', {}],
      ['get_list_progress', { list: 'x' }],
      ['get_task_hierarchy', { list: 'x' }],
      ['get_weekly_timesheet', {}],
      ['get_employee_time_report', { period: 'last_week' }],
      ['get_estimation_accuracy', {}],
      ['get_project_health_score', { project: 'x' }],
      ['get_project_daily_standup', { project: 'x' }],
      ['get_workspace_folderless_lists', {}],
    ] as const;
    for (const [name, args] of reports) {
      const r = await call(name, args);
      expect({ name, isError: r.isError }).toEqual({ name, isError: true });
      expect(r.text).toMatch(
        /^First sync in progress: .* — numbers are incomplete\. This report needs complete data: ask again when the first full sync has finished/,
      );
    }

    const report = await fetch(`${t.url}/api/reports/get_weekly_timesheet`);
    expect([report.status, ((await report.json()) as { message: string }).message]).toEqual([
      503,
      expect.stringMatching(/^First sync in progress: /),
    ]);
    const hierarchy = await rest('/api/hierarchy');
    expect(hierarchy).toMatchObject({ dataComplete: false, dataWarning: expect.stringMatching(/^first sync in progress/) });
    expect((await rest('/sync/status')).dataComplete).toBe(false);
    expect((await rest('/health')).info.sync).toMatchObject({ dataComplete: false, dataWarning: expect.stringMatching(/^first sync in progress/) });

    expect((await started.done).status).toBe('succeeded');
    const after = await call('get_spaces');
    expect(after.out).toMatchObject({ data_complete: true, data_warning: null, data_as_of: expect.any(String) });
    expect(after.text).not.toContain('⚠');
    expect((await call('get_workload')).isError).toBe(false);
    expect(await rest('/api/hierarchy')).toMatchObject({ dataComplete: true, dataWarning: null });
    expect((await rest('/health')).info.sync).toMatchObject({ dataComplete: true, dataWarning: null });
  }, 120_000);
});
