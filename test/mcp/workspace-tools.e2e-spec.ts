import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { statusCategory } from '../../src/common/status-category';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import type { SandboxDump } from '../../src/sandbox/sandbox-dump.types';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINES } from '../support/test-database';
import { connectClient } from './mcp-clients';

type Obj = Record<string, any>;

/** The workspace toolset over real MCP clients, checked against the sandbox's ground truth. */
describe.each(TEST_ENGINES)('workspace tools on %s', (kind) => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let c: Client;
  let d: SandboxDump;

  const call = async (name: string, args: Obj = {}): Promise<Obj> => {
    const r = await c.callTool({ name, arguments: args });
    expect({ name, isError: r.isError ?? false, text: r.isError ? (r.content as Obj[])[0].text : '' }).toEqual({ name, isError: false, text: '' });
    expect((r.content as Obj[])[0].text.length).toBeGreaterThan(0);
    return r.structuredContent as Obj;
  };

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 41, rateLimitPerMinute: 0 });
    t = await startTestApp(kind, { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl });
    expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
    d = sandbox.store.dump();
    c = await connectClient(kind === 'pglite' ? 'sse' : 'http', { url: t.url });
  });
  afterAll(async () => {
    await c?.close();
    await t?.close();
    await sandbox?.close();
  });

  const liveTasks = (pred: (x: SandboxDump['tasks'][number]) => boolean) => d.tasks.filter(pred).length;

  it('get_workspaces and get_workspace_members', async () => {
    const w = await call('get_workspaces');
    // The plan comes from GET /team/{id}/plan (it was always null before).
    expect(w.workspaces).toEqual([
      { id: d.workspaces[0].id, name: d.workspaces[0].name, plan: d.workspaces[0].plan.name, member_count: d.members.length },
    ]);
    expect(typeof w.data_as_of).toBe('string');
    expect(w.demo).toBe(false);
    const m = await call('get_workspace_members');
    expect(m.members.map((x: Obj) => x.id).sort()).toEqual(d.members.map((x) => x.id).sort());
    const owner = d.members.find((x) => x.role === 1)!;
    expect(m.members.find((x: Obj) => x.id === owner.id)).toMatchObject({ name: owner.username, email: owner.email, role: 'owner' });
  });

  it('get_spaces / get_space count folders, lists and tasks exactly', async () => {
    const all = await call('get_spaces', { include_archived: true });
    expect(all.spaces.map((s: Obj) => s.id).sort()).toEqual(d.spaces.map((s) => s.id).sort());
    const active = await call('get_spaces');
    expect(active.spaces.map((s: Obj) => s.id).sort()).toEqual(
      d.spaces
        .filter((s) => !s.archived)
        .map((s) => s.id)
        .sort(),
    );
    for (const s of d.spaces) {
      const row = all.spaces.find((x: Obj) => x.id === s.id);
      expect(row).toMatchObject({
        name: s.name,
        archived: s.archived,
        status_count: s.statuses.length,
        folder_count: d.folders.filter((f) => f.spaceId === s.id && !f.hidden).length,
        list_count: d.lists.filter((l) => l.spaceId === s.id).length,
        task_count: liveTasks((x) => x.spaceId === s.id),
      });
    }
    const s = d.spaces[0];
    const one = await call('get_space', { space: s.name.toUpperCase() });
    expect(one.id).toBe(s.id);
    expect(one.statuses.map((x: Obj) => [x.status, x.category])).toEqual(s.statuses.map((x) => [x.status, statusCategory(x.status, x.type)]));
  });

  it('get_folders / get_folder / get_lists / get_folderless_lists / get_list', async () => {
    const space = d.spaces.find((s) => d.folders.some((f) => f.spaceId === s.id && !f.archived))!;
    const folders = await call('get_folders', { space: space.id });
    const expectedFolders = d.folders.filter((f) => f.spaceId === space.id && !f.archived && !f.hidden);
    expect(folders.folders.map((f: Obj) => f.id).sort()).toEqual(expectedFolders.map((f) => f.id).sort());
    const folder = expectedFolders[0];
    const f1 = await call('get_folder', { folder: folder.name, space: space.name });
    expect(f1.lists.map((l: Obj) => l.id).sort()).toEqual(
      d.lists
        .filter((l) => l.folderId === folder.id)
        .map((l) => l.id)
        .sort(),
    );
    for (const l of f1.lists) {
      const dl = d.lists.find((x) => x.id === l.id)!;
      expect(l.statuses_from).toBe(dl.effectiveStatusSource);
      // Rule 4: a list's count leaves out its archived tasks (an archived list still counts its own).
      expect(l.task_count).toBe(liveTasks((x) => x.listId === l.id && !x.archived));
    }
    const lists = await call('get_lists', { folder: folder.id });
    expect(lists.lists.map((l: Obj) => l.id).sort()).toEqual(
      d.lists
        .filter((l) => l.folderId === folder.id && !l.archived)
        .map((l) => l.id)
        .sort(),
    );
    const withFolderless = d.spaces.find((s) => d.lists.some((l) => l.spaceId === s.id && !l.folderId && !l.archived));
    if (withFolderless) {
      const fl = await call('get_folderless_lists', { space: withFolderless.id });
      expect(fl.lists.map((l: Obj) => l.id).sort()).toEqual(
        d.lists
          .filter((l) => l.spaceId === withFolderless.id && !l.folderId && !l.archived)
          .map((l) => l.id)
          .sort(),
      );
    }
    const list = d.lists.find((l) => d.tasks.some((x) => x.listId === l.id))!;
    const one = await call('get_list', { list: list.id });
    const byCat: Record<string, number> = {};
    const space2 = d.spaces.find((s) => s.id === list.spaceId)!;
    for (const x of d.tasks.filter((x) => x.listId === list.id && !x.archived)) {
      const cat = statusCategory(x.status, x.statusType);
      byCat[cat] = (byCat[cat] ?? 0) + 1;
    }
    expect(one.tasks_by_category).toEqual(byCat);
    expect(one.space).toBe(space2.name);
  });

  it('counts shown side by side agree and follow rule 4 (archived inside a scope is left out)', async () => {
    const folderOf = (id: string | null) => d.folders.find((f) => f.id === id);
    const listOf = (id: string) => d.lists.find((l) => l.id === id)!;
    // The truth, restated: a list shows its non-archived tasks; a folder its non-archived lists; a
    // space its non-archived folders and the non-archived lists outside archived folders.
    const listTasks = (listId: string) => liveTasks((x) => x.listId === listId && !x.archived);
    const spaceLists = (spaceId: string) => d.lists.filter((l) => l.spaceId === spaceId && !l.archived && !folderOf(l.folderId)?.archived);
    const { spaces } = await call('get_spaces');
    expect(d.folders.some((f) => f.archived) && d.lists.some((l) => l.archived) && d.tasks.some((x) => x.archived)).toBe(true);
    let checkedFolders = 0;
    const pageTotals: [number, number][] = [];
    for (const s of spaces) {
      const folders = await call('get_folders', { space: s.id, lists_per_folder: 500, limit: 200 });
      const folderless = await call('get_folderless_lists', { space: s.id, limit: 200 });
      // Everything is shown here (high limits): what the listings show must add up to the space's counts.
      expect({ space: s.name, folders: s.folder_count }).toEqual({ space: s.name, folders: folders.folders.length });
      expect({ space: s.name, lists: s.list_count }).toEqual({
        space: s.name,
        lists: folders.folders.reduce((n: number, f: Obj) => n + f.lists.length, 0) + folderless.lists.length,
      });
      pageTotals.push([folders.total, folders.folders.length], [folderless.total, folderless.lists.length]);
      const sumTasks =
        folders.folders.reduce((n: number, f: Obj) => n + f.task_count, 0) + folderless.lists.reduce((n: number, l: Obj) => n + l.task_count, 0);
      expect({ space: s.name, tasks: s.task_count }).toEqual({ space: s.name, tasks: sumTasks });
      expect({ space: s.name, tasks: s.task_count, lists: s.list_count }).toEqual({
        space: s.name,
        tasks: spaceLists(s.id).reduce((n, l) => n + listTasks(l.id), 0),
        lists: spaceLists(s.id).length,
      });
      expect((await call('get_space', { space: s.id })).task_count).toBe(s.task_count);
      for (const f of folders.folders) {
        const lists = await call('get_lists', { folder: f.id, limit: 200 });
        expect({ folder: f.name, tasks: f.task_count }).toEqual({
          folder: f.name,
          tasks: lists.lists.reduce((n: number, l: Obj) => n + l.task_count, 0),
        });
        expect({ folder: f.name, lists: f.lists.length }).toEqual({ folder: f.name, lists: lists.lists.length });
        pageTotals.push([f.list_count, lists.lists.length], [lists.total, lists.lists.length]);
        for (const l of lists.lists) {
          const [one, progress] = await Promise.all([call('get_list', { list: l.id }), call('get_list_progress', { list: l.id })]);
          expect({ list: l.name, get_lists: l.task_count, get_list: one.task_count, progress: progress.total }).toEqual({
            list: l.name,
            get_lists: listTasks(l.id),
            get_list: listTasks(l.id),
            progress: listTasks(l.id),
          });
        }
        checkedFolders++;
      }
    }
    expect(checkedFolders).toBeGreaterThan(1);
    // The listings' own totals say the same.
    for (const [total, shown] of pageTotals) expect(total).toBe(shown);
    // An archived list named directly still counts its own (non-archived) tasks, as get_list_progress does.
    const archivedList = d.lists.find((l) => l.archived && d.tasks.some((x) => x.listId === l.id && !x.archived))!;
    expect(archivedList).toBeDefined();
    const [one, progress] = await Promise.all([call('get_list', { list: archivedList.id }), call('get_list_progress', { list: archivedList.id })]);
    expect([one.task_count, progress.total]).toEqual([listTasks(archivedList.id), listTasks(archivedList.id)]);
    expect(listOf(archivedList.id).archived).toBe(true);
  });

  it('get_workspace_members pages and filters; the default answer stays small', async () => {
    const page = await call('get_workspace_members', { limit: 3 });
    expect([page.members.length, page.total, page.truncated, page.offset]).toEqual([3, d.members.length, true, 0]);
    expect(page.hint).toMatch(/^Showing 1–3 of \d+: pass offset 3 for the next ones, or pass `query`/);
    const rest = await call('get_workspace_members', { limit: 500, offset: 3 });
    expect([...page.members, ...rest.members].map((m: Obj) => m.id).sort()).toEqual(d.members.map((m) => m.id).sort());
    expect([rest.truncated, rest.hint]).toEqual([false, null]);
    const someone = d.members.find((m) => m.email)!;
    const found = await call('get_workspace_members', { query: someone.email!.toUpperCase() });
    expect(found.members.map((m: Obj) => m.id)).toEqual([someone.id]);
  });

  it('names resolve case-insensitively; unknown and ambiguous names list candidates', async () => {
    const s = d.spaces[0];
    expect((await call('get_space', { space: `  ${s.name.toLowerCase()} ` })).id).toBe(s.id);
    const bad = await c.callTool({ name: 'get_space', arguments: { space: 'Nonexistent Space 123' } });
    expect(bad.isError).toBe(true);
    expect((bad.content as Obj[])[0].text).toMatch(/^No space matches 'Nonexistent Space 123'\. Did you mean: .+ \(\d+\)/);
  });

  it('invalidate_cache refreshes the hierarchy from ClickUp (a renamed list shows up)', async () => {
    const list = d.lists[0];
    sandbox.store.mutations.renameList(list.id, 'Renamed By Someone');
    const r = await call('invalidate_cache');
    expect(r.refreshed).toBe(true);
    expect((await call('get_list', { list: list.id })).name).toBe('Renamed By Someone');
  });
});
