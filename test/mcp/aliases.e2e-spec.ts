import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import type { SandboxDump } from '../../src/sandbox/sandbox-dump.types';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINES } from '../support/test-database';
import { connectClient } from './mcp-clients';

type Obj = Record<string, any>;

/** The scope arguments of docs/tools.md rule 2: each of them must accept a project alias. */
const SCOPE_ARGS = ['space', 'folder', 'list', 'project'] as const;

/**
 * Every tool of every toolset that takes a scope — found in tools/list by its arguments, so new
 * tools are covered without touching this test — answers for a registry alias exactly as for
 * the name it stands for. The aliases share no words with any name, so only the registry can
 * resolve them.
 */
describe.each(TEST_ENGINES)('project aliases in every scope argument on %s', (kind) => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let c: Client;
  let d: SandboxDump;

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 42, rateLimitPerMinute: 0 });
    t = await startTestApp(kind, { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl });
    expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
    d = sandbox.store.dump();
    c = await connectClient('http', { url: t.url });
  });
  afterAll(async () => {
    await c?.close();
    await t?.close();
    await sandbox?.close();
  });

  it('accepts an alias wherever a space, folder, list or project is named', async () => {
    const space = d.spaces.find((s) => s.name === 'Mobile')!;
    const folder = d.folders.find((f) => f.name === 'iOS App')!;
    const list = d.lists.find((l) => l.name === 'iOS Sprint')!;
    const task = d.tasks.find((x) => x.listId === list.id && !x.parentId)!;
    const person = d.members.find((m) => m.status === 'active' && m.role === 3)!;
    const targets = { space, folder, list, project: folder } as const;
    const alias = { space: 'Zebra Crossing', folder: 'Quartz Harbor', list: 'Velvet Kettle', project: 'Amber Lantern' } as const;
    for (const arg of SCOPE_ARGS) {
      const r = await c.callTool({ name: 'add_project', arguments: { alias: alias[arg], target: targets[arg].id } });
      expect(r.isError ?? false).toBe(false);
    }
    // What a tool needs besides the scope under test: values that fit inside the aliased targets.
    const fillers: Record<string, unknown> = {
      space: space.name,
      folder: folder.name,
      list: list.name,
      task: task.id,
      name: 'Created through an alias',
      query: task.name.split(' ')[0],
      since: '2026-01-01',
      assignee: person.email,
      person: person.email,
      category: 'active',
      people: [person.email],
      confirm: true,
    };
    // Tools that need one of two arguments, which a flat schema cannot mark as required.
    const oneOf: Record<string, Obj> = { get_task_hierarchy: { list: list.name }, get_tasks_by_status: { category: 'active' } };

    const { tools } = await c.listTools();
    const scoped = tools.filter((tool: Tool) => SCOPE_ARGS.some((a) => a in (tool.inputSchema.properties ?? {})));
    expect(scoped.length).toBeGreaterThanOrEqual(30);
    const failures: string[] = [];
    let calls = 0;
    for (const tool of scoped) {
      const props = tool.inputSchema.properties ?? {};
      const required = (tool.inputSchema.required ?? []) as string[];
      for (const arg of SCOPE_ARGS.filter((a) => a in props)) {
        const args: Obj = { ...oneOf[tool.name], [arg]: alias[arg] };
        for (const r of required.filter((x) => x !== arg)) {
          if (!(r in fillers)) failures.push(`${tool.name}: no test value for its required argument '${r}' (add one to fillers)`);
          else args[r] = fillers[r];
        }
        const res = await c.callTool({ name: tool.name, arguments: args });
        calls++;
        const text = (res.content as Obj[])[0]?.text ?? '';
        const target = targets[arg];
        // A space that only narrows a folder or list name is proven by the call succeeding; alone, the answer must name it.
        const alone = !SCOPE_ARGS.some((a) => a !== arg && a in args);
        if (res.isError) failures.push(`${tool.name}(${JSON.stringify(args)}): ${text}`);
        else if (
          alone &&
          !JSON.stringify(res.structuredContent).includes(target.id) &&
          !JSON.stringify(res.structuredContent).includes(target.name)
        ) {
          failures.push(`${tool.name}(${JSON.stringify(args)}): the answer names neither ${target.name} nor ${target.id}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(scoped.length);
  }, 120_000);
});
