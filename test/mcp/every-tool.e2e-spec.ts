import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import type { SandboxDump } from '../../src/sandbox/sandbox-dump.types';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { startTestApp, TestApp } from '../support/test-app';
import { connectClient, TransportKind } from './mcp-clients';

type Obj = Record<string, any>;

/** Valid arguments for every tool, taken from the demo workspace's ground truth. */
function argsFor(d: SandboxDump, nonce: string): Record<string, Obj> {
  const space = d.spaces.find((s) => !s.archived && d.folders.some((f) => f.spaceId === s.id && !f.archived))!;
  const folder = d.folders.find((f) => f.spaceId === space.id && !f.archived && !f.hidden)!;
  const withFolderless = d.spaces.find((s) => d.lists.some((l) => l.spaceId === s.id && !l.folderId))!;
  const list = d.lists.find((l) => !l.archived && l.folderId === folder.id && d.tasks.some((t) => t.listId === l.id))!;
  const parent =
    d.tasks.find((t) => !t.archived && t.listId === list.id && d.tasks.some((c) => c.parentId === t.id)) ??
    d.tasks.find((t) => t.listId === list.id)!;
  const person = d.members.find((m) => m.status === 'active' && m.role === 3)!;
  const word = parent.name.split(/\s+/).find((w) => w.length > 3) ?? parent.name;
  return {
    get_workspaces: {},
    get_spaces: {},
    get_space: { space: space.name },
    get_folders: { space: space.id },
    get_folder: { folder: folder.id },
    get_lists: { folder: folder.id },
    get_folderless_lists: { space: withFolderless.id },
    get_list: { list: list.id },
    get_workspace_members: {},
    invalidate_cache: {},
    get_tasks: { list: list.id },
    get_task: { task: parent.id },
    search_tasks: { query: word },
    get_project_tasks: { project: space.name },
    get_list_progress: { list: list.id },
    get_workload: { space: space.id },
    get_overdue_tasks: {},
    get_task_hierarchy: { task: parent.id },
    get_tasks_by_assignee: { assignee: person.email },
    get_tasks_by_status: { category: 'active', space: space.id },
    create_task: { list: list.id, name: `Created over MCP ${nonce}` },
    update_task: { task: parent.id, priority: 'high' },
    get_sync_status: {},
    trigger_sync: { kind: 'incremental' },
    resolve_assignees: { people: [person.email!, person.username!] },
    log_time_entry: { task: parent.id, duration: '25m', description: `logged ${nonce}` },
    start_timer: { task: parent.id },
    stop_timer: {},
    get_space_project_time_report: { space: space.name, period: 'last_30_days' },
    get_folder_time_report: { folder: folder.id, group_by: 'person' },
    get_employee_time_report: { period: 'last_week' },
    get_weekly_timesheet: { week: 'last_week' },
    get_monthly_timesheet: {},
    get_timesheet: { period: 'rolling', days: 10, space: space.id },
    get_yesterday_report: {},
    get_progress_since: { since: '2026-01-01' },
    get_time_tracking_report: { folder: folder.id, group_by: 'status' },
    get_task_time_breakdown: { task: parent.id },
    get_estimation_accuracy: { space: space.id },
    get_at_risk_tasks: { person: person.email },
    get_untracked_tasks: { status: 'open' },
    get_project_health_score: { project: space.name, trend_days: 3 },
    get_project_daily_standup: { project: folder.id },
    get_project_weekly_digest: { project: space.id },
    get_project_blockers: { project: list.id },
    get_project_at_risk: { project: folder.name },
    get_project_team_workload: { project: space.id },
    get_project_time_tracking: { project: list.id, group_by: 'status' },
    get_workspace_folderless_lists: {},
    get_list_defined_statuses: { list: list.id },
    get_project_statuses: { project: folder.id },
    get_project_completion_rate: { project: space.id, weeks: 4 },
    get_project_velocity: { project: space.id },
    // Registry tools run in tools/list order: each alias is added before it is removed.
    discover_projects: {},
    add_project: { alias: `Every ${nonce}`, target: folder.id },
    list_projects: {},
    remove_project: { alias: `Every ${nonce}` },
    refresh_projects: {},
    get_project_status: { project: space.name },
    get_all_projects_status: {},
    map_project: { alias: `Mapped ${nonce}`, target: list.id },
    unmap_project: { alias: `Mapped ${nonce}` },
    list_mappings: {},
    get_mapping: { project: folder.id },
    discover_space: { space: space.id },
    discover_folder: { folder: folder.id },
    cache_status: {},
    clear_cache: { confirm: true },
    refresh_mapping: { project: list.id },
    export_mappings: {},
    import_mappings: { data: { projects: [{ alias: `Imported ${nonce}`, type: 'space', id: space.id }] } },
  };
}

/**
 * Every tool over every transport, against the demo workspace: list the tools, call each with
 * valid arguments, and let the SDK client validate structuredContent against each outputSchema
 * (it rejects a result that does not match).
 */
describe.each(['sse', 'http', 'stdio'] as TransportKind[])('every tool over %s (demo workspace)', (transport) => {
  let sandbox: SandboxServer;
  let t: TestApp | undefined;
  let c: Client;

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'demo', seed: 42, rateLimitPerMinute: 0 });
    if (transport === 'stdio') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'every-tool-'));
      c = await connectClient('stdio', {
        env: {
          CLICKUP_API_TOKEN: sandbox.ownerToken,
          CLICKUP_API_BASE_URL: sandbox.baseUrl,
          PGLITE_DATA_DIR: path.join(dir, 'pg'),
          SYNC_ENABLED: 'true',
          LOG_LEVEL: 'warn',
          REPORT_TIME_ZONE: 'UTC',
        },
      });
      // The stdio process syncs by itself on its first start; wait for it.
      for (let i = 0; i < 240; i++) {
        const s = await c.callTool({ name: 'get_sync_status', arguments: {} });
        if (!s.isError && (s.structuredContent as Obj).data_as_of) break;
        await new Promise((r) => setTimeout(r, 250));
      }
    } else {
      t = await startTestApp('pglite', { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl });
      expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
      c = await connectClient(transport, { url: t.url });
    }
  }, 120_000);
  afterAll(async () => {
    await c?.close();
    await t?.close();
    await sandbox?.close();
  });

  it('lists 71 tools and every one answers with a schema-valid result', async () => {
    const { tools } = await c.listTools();
    expect(tools).toHaveLength(71);
    const args = argsFor(sandbox.store.dump(), `${transport}-${Date.now()}`);
    expect(Object.keys(args).sort()).toEqual(tools.map((x) => x.name).sort());
    // Timers last so stop_timer has one to stop.
    const order = [...tools.map((x) => x.name).filter((n) => n !== 'start_timer' && n !== 'stop_timer'), 'start_timer', 'stop_timer'];
    for (const name of order) {
      const r = await c.callTool({ name, arguments: args[name] });
      const text = (r.content as Obj[])[0]?.text ?? '';
      expect({ name, isError: r.isError ?? false, text: r.isError ? text : '' }).toEqual({ name, isError: false, text: '' });
      const out = r.structuredContent as Obj;
      expect({ name, demo: out.demo, hasAsOf: typeof out.data_as_of === 'string' }).toEqual({ name, demo: false, hasAsOf: true });
    }
    // The writes reached ClickUp (the sandbox).
    const d = sandbox.store.dump();
    expect(d.tasks.some((x) => x.name.startsWith('Created over MCP'))).toBe(true);
    expect(d.timeEntries.some((x) => x.description.startsWith('logged '))).toBe(true);
  }, 120_000);
});
