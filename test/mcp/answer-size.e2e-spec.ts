import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import type { SandboxDump } from '../../src/sandbox/sandbox-dump.types';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINES } from '../support/test-database';
import { connectClient } from './mcp-clients';

type Obj = Record<string, any>;

/** What a small model can hold: no read tool answers with more JSON than this with default arguments. */
const MAX_JSON = 8_000;

/** The biggest case of every read tool in the demo workspace (2,000 tasks, 20,000 entries), default arguments otherwise. */
function bigCases(d: SandboxDump): [string, Obj][] {
  const most = <T>(xs: T[], n: (x: T) => number) => [...xs].sort((a, b) => n(b) - n(a))[0];
  const tasksIn = (pred: (t: SandboxDump['tasks'][number]) => boolean) => d.tasks.filter(pred).length;
  const space = most(
    d.spaces.filter((s) => !s.archived),
    (s) => tasksIn((t) => t.spaceId === s.id),
  );
  const folder = most(
    d.folders.filter((f) => !f.archived && !f.hidden),
    (f) => d.lists.filter((l) => l.folderId === f.id).length,
  );
  const list = most(
    d.lists.filter((l) => !l.archived),
    (l) => tasksIn((t) => t.listId === l.id),
  );
  const person = most(
    d.members.filter((m) => m.username),
    (m) => tasksIn((t) => t.assigneeIds.includes(m.id)),
  );
  const root = most(
    d.tasks.filter((t) => !t.parentId),
    (t) => tasksIn((x) => x.parentId === t.id),
  );
  const freq = new Map<string, number>();
  for (const w of d.tasks.flatMap((t) => t.name.toLowerCase().split(/[^a-z]+/)).filter((w) => w.length >= 4)) freq.set(w, (freq.get(w) ?? 0) + 1);
  const word = most([...freq.keys()], (w) => freq.get(w)!);
  const status = most([...new Set(d.tasks.filter((t) => t.spaceId === space.id).map((t) => t.status))], (s) =>
    tasksIn((t) => t.spaceId === space.id && t.status === s),
  );
  return [
    ['get_workspaces', {}],
    ['get_spaces', { include_archived: true }],
    ['get_space', { space: space.id }],
    ['get_folders', { space: space.id }],
    ['get_folder', { folder: folder.id }],
    ['get_lists', { folder: folder.id }],
    ['get_folderless_lists', { space: space.id }],
    ['get_list', { list: list.id }],
    ['get_workspace_members', {}],
    ['get_tasks', {}],
    ['get_tasks', { list: list.id, include_closed: true }],
    ['get_task', { task: root.id }],
    ['search_tasks', { query: word }],
    ['get_project_tasks', { project: space.id, include_closed: true }],
    ['get_list_progress', { list: list.id }],
    ['get_workload', {}],
    ['get_overdue_tasks', {}],
    ['get_task_hierarchy', { list: list.id, include_archived: true }],
    ['get_task_hierarchy', { task: root.id }],
    ['get_tasks_by_assignee', { assignee: String(person.id), include_closed: true }],
    ['get_tasks_by_status', { space: space.id, status }],
    ['get_sync_status', {}],
    ['resolve_assignees', { people: d.members.slice(0, 10).map((m) => String(m.id)) }],
  ];
}

describe.each(TEST_ENGINES)('answer sizes on %s (demo workspace)', (kind) => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let c: Client;

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'demo', seed: 42, rateLimitPerMinute: 0 });
    t = await startTestApp(kind, { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl });
    expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
    c = await connectClient('http', { url: t.url });
  }, 120_000);
  afterAll(async () => {
    await c?.close();
    await t?.close();
    await sandbox?.close();
  });

  it(`every read tool stays under ${MAX_JSON} characters of JSON with default arguments; a cut answer says so and how to narrow`, async () => {
    const cases = bigCases(sandbox.store.dump());
    expect(cases.map(([n]) => n)).toEqual(expect.arrayContaining(['get_tasks', 'get_task_hierarchy', 'get_workload', 'get_workspace_members']));
    let cut = 0;
    for (const [name, args] of cases) {
      const r = await c.callTool({ name, arguments: args });
      expect({ name, isError: r.isError ?? false }).toEqual({ name, isError: false });
      const out = r.structuredContent as Obj;
      expect({ name, args, chars: JSON.stringify(out).length <= MAX_JSON }).toEqual({ name, args, chars: true });
      if (out.truncated === true) {
        cut++;
        expect({ name, hint: typeof out.hint === 'string' && out.hint.length > 0 }).toEqual({ name, hint: true });
      }
      if (typeof out.total === 'number' && Array.isArray(out.tasks)) expect(out.total).toBeGreaterThanOrEqual(out.tasks.length);
    }
    // The demo workspace is big enough that the defaults really cut (this test would pass trivially otherwise).
    expect(cut).toBeGreaterThanOrEqual(5);
  }, 120_000);
});
