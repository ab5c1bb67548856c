import * as fs from 'node:fs';
import { TOOL_CONTRACT } from '../support/tool-contract';
import * as path from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import { FixedClock } from '../../src/common/time/clock';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import type { SandboxDump } from '../../src/sandbox/sandbox-dump.types';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { connectClient } from '../mcp/mcp-clients';
import { startTestApp, TestApp } from '../support/test-app';
import { ToolCaller } from '../support/tool-caller';
import { TEST_ENGINES } from '../support/test-database';
import { Kind, ProjectTruth } from './project-truth';

type Obj = Record<string, any>;

const PROJECTS = TOOL_CONTRACT.projects;
const MAPPING = TOOL_CONTRACT.mapping;
/** Not UTC, so weeks really go through the report time zone. */
const TZ = 'Europe/Berlin';
const FIXTURE = path.resolve(__dirname, '../fixtures/projects/project_map.json');

/**
 * The projects and mapping toolsets over real MCP clients after a real sync of the sandbox:
 * registry rules, the dashboard against the ground truth, checks after changes in ClickUp,
 * export/import (ours and the original project_map.json), a race for one alias, a project sync.
 */
describe.each(TEST_ENGINES)('projects and mapping toolsets on %s', (kind) => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let http: Client;
  let sse: Client;
  let d: SandboxDump;
  let now = 0;
  const tools = new ToolCaller();

  const call = (name: string, args: Obj = {}, client: Client = http): Promise<Obj> => tools.call(client, name, args);
  const callError = (name: string, args: Obj, client: Client = http): Promise<string> => tools.error(client, name, args);
  const byName = <T extends { name: string }>(xs: T[], name: string): T => {
    const x = xs.find((y) => y.name === name);
    expect({ name, found: !!x }).toEqual({ name, found: true });
    return x!;
  };
  /** Through the tools; list_projects answers in pages that fit the result budget, so until it is empty. */
  const removeAll = async () => {
    for (let listed = await call('list_projects', { limit: 500 }); listed.total; listed = await call('list_projects', { limit: 500 })) {
      for (const p of listed.projects) await call('remove_project', { alias: p.alias });
    }
  };
  const sync = async (k: 'full' | 'reconcile' = 'full') => {
    expect((await t.app.get(SyncRunnerService).runNow(k, 'test')).run?.status).toBe('succeeded');
    d = sandbox.store.dump();
  };

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 42, rateLimitPerMinute: 0 });
    now = Date.now();
    t = await startTestApp(
      kind,
      { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl, REPORT_TIME_ZONE: TZ },
      { clock: new FixedClock(now) },
    );
    await sync();
    http = await connectClient('http', { url: t.url });
    sse = await connectClient('sse', { url: t.url });
    await tools.load(http);
  });
  afterAll(async () => {
    await http?.close();
    await sse?.close();
    await t?.close();
    await sandbox?.close();
  });
  afterEach(async () => removeAll());

  it('publishes 7 projects and 11 mapping tools; registry changes are server writes, never ClickUp (closed world)', () => {
    for (const name of [...PROJECTS, ...MAPPING]) {
      const a = tools.schema(name)?.annotations;
      expect({ name, listed: !!a, openWorld: a?.openWorldHint }).toEqual({ name, listed: true, openWorld: name === 'refresh_mapping' });
    }
    const writes = ['add_project', 'remove_project', 'refresh_projects', 'map_project', 'unmap_project', 'import_mappings'];
    for (const name of writes) expect({ name, readOnly: tools.schema(name)!.annotations?.readOnlyHint }).toEqual({ name, readOnly: false });
    expect(tools.schema('remove_project')!.annotations?.destructiveHint).toBe(true);
    expect(tools.schema('add_project')!.annotations?.destructiveHint).toBe(false);
  });

  it('registry rules: trimmed, case-insensitive and unique aliases; unknown and ambiguous targets list candidates', async () => {
    const ios = byName(d.folders, 'iOS App');
    const added = await call('add_project', { alias: '  iOS   Team ', target: 'ios app' });
    expect(added).toMatchObject({
      created: true,
      project: { alias: 'iOS Team', type: 'folder', id: ios.id, name: 'iOS App', location: 'Mobile', state: 'ok' },
      warnings: [],
    });
    // The same alias for the same target again: nothing changes; for another target: the clash is named.
    expect(await call('map_project', { alias: 'IOS TEAM', target: ios.id })).toMatchObject({ created: false, project: { alias: 'iOS Team' } });
    const clash = await callError('add_project', { alias: 'ios team', target: 'Android App' });
    expect(clash).toBe(
      `The alias 'ios team' is already taken: 'iOS Team' tracks folder iOS App (${ios.id}). Choose another alias, or remove_project 'iOS Team' first.`,
    );
    expect(await callError('add_project', { alias: 'X', target: 'Andriod Ap' })).toMatch(
      /^No project, space, folder or list matches 'Andriod Ap'\. Did you mean: Android App \(folder in Mobile\)/,
    );
    expect(await callError('add_project', { alias: 'X', target: 'Sprint', type: 'folder' })).toMatch(/^No folder matches 'Sprint'/);
    expect(await callError('add_project', { alias: ' ', target: 'Mobile' })).toMatch(/alias/i);
    // "Sprint" is a prefix of nothing but a substring of two lists: ambiguous, both listed.
    expect(await callError('add_project', { alias: 'X', target: 'Sprint' })).toMatch(
      /^'Sprint' matches 2 lists: (?=.*iOS Sprint \(list in Mobile › iOS App\))(?=.*Android Sprint \(list in Mobile › Android App\))/,
    );
    // type settles a name several kinds share: "Mobile" is a space, and a prefix of the list "Mobile Roadmap".
    expect(await call('add_project', { alias: 'Roadmap', target: 'mobile roadmap', type: 'list' })).toMatchObject({
      project: { type: 'list', name: 'Mobile Roadmap' },
    });
    // An alias that is another container's name wins over it from now on: said once, at adding.
    const shadow = await call('add_project', { alias: 'Website', target: 'Website Bugs' });
    expect(shadow.warnings).toEqual([
      expect.stringMatching(/^'Website' is also the name of folder Website \(\d+\); as an alias it now means list Website Bugs/),
    ]);
    expect((await call('get_folder', { folder: 'website' })).name).toBe('Website');
    expect((await call('get_list', { list: 'website' })).name).toBe('Website Bugs');

    // A type that contradicts what an alias names is refused, not silently reinterpreted.
    expect(await callError('add_project', { alias: 'Y', target: 'website', type: 'folder' })).toBe(
      "'website' is the alias 'Website' of list Website Bugs in Web Platform › Website, not a folder: pass the folder's id or name.",
    );
    const listed = await call('list_projects');
    expect(listed.projects.map((p: Obj) => p.alias)).toEqual(['iOS Team', 'Roadmap', 'Website']);
    expect(await callError('remove_project', { alias: 'ios' })).toMatch(/^No project alias matches 'ios'\. Did you mean: iOS Team/);
    expect(await call('remove_project', { alias: ' IOS team ' })).toMatchObject({ removed: { alias: 'iOS Team', id: ios.id } });
    expect((await call('list_mappings')).mappings.map((p: Obj) => p.alias)).toEqual(['Roadmap', 'Website']);
    expect(await call('unmap_project', { alias: 'roadmap' })).toMatchObject({ removed: { alias: 'Roadmap' } });
  });

  it('get_project_status agrees with the ground truth for a space, a folder by alias and a list', async () => {
    const truth = new ProjectTruth(d);
    const mobile = byName(d.spaces, 'Mobile');
    const ios = byName(d.folders, 'iOS App');
    const bugs = byName(d.lists, 'Website Bugs');
    await call('add_project', { alias: 'Apple', target: ios.id });
    const cases: [string, Kind, string, string | null][] = [
      ['Mobile', 'space', mobile.id, null],
      ['apple', 'folder', ios.id, 'Apple'],
      [bugs.id, 'list', bugs.id, null],
    ];
    for (const [project, k, id, alias] of cases) {
      const s = await call('get_project_status', { project });
      const e = truth.status(k, id, now, TZ);
      expect(s.project).toMatchObject({ type: k, id, alias });
      expect({ project, tasks: s.tasks, progress: s.progress_pct, overdue: s.overdue, grade: s.health.grade, score: s.health.score }).toEqual({
        project,
        tasks: e.tasks,
        progress: e.progress_pct,
        overdue: e.overdue,
        grade: e.grade,
        score: e.score,
      });
      expect({ project, thisWeek: s.time_logged.this_week.ms, lastWeek: s.time_logged.last_week.ms, last: s.last_activity }).toEqual({
        project,
        thisWeek: e.this_week_ms,
        lastWeek: e.last_week_ms,
        last: e.last_activity,
      });
    }
    // The sandbox has time in both weeks somewhere, or the time checks would prove nothing.
    const all = d.spaces.map((s) => truth.status('space', s.id, now, TZ));
    expect(all.some((x) => x.this_week_ms > 0) && all.some((x) => x.last_week_ms > 0)).toBe(true);
    expect(await callError('get_project_status', { project: 'no such project' })).toMatch(
      /^No project, space, folder or list matches 'no such project'/,
    );
  });

  it('get_all_projects_status: one row per alias, equal to get_project_status and the truth; 50 projects fit the result budget', async () => {
    const containers: [Kind, { id: string; name: string }][] = [
      ...d.spaces.map((s) => ['space', s] as [Kind, typeof s]),
      ...d.folders.filter((f) => !f.hidden).map((f) => ['folder', f] as [Kind, typeof f]),
      ...d.lists.map((l) => ['list', l] as [Kind, typeof l]),
    ];
    expect(containers.length).toBeGreaterThanOrEqual(25);
    for (let i = 0; i < 50; i++) {
      const [k, c] = containers[i % containers.length];
      await call('add_project', { alias: `Project ${String(i).padStart(2, '0')} ${c.name}`, target: c.id, type: k });
    }
    const started = Date.now();
    const r = await http.callTool({ name: 'get_all_projects_status', arguments: {} });
    const ms = Date.now() - started;
    expect(JSON.stringify(r.structuredContent).length).toBeLessThanOrEqual(8000);
    if (process.env.PROJECTS_TIMING)
      process.stderr.write(`dashboard of 50 projects on ${kind}: ${ms} ms, ${JSON.stringify(r.structuredContent).length} chars\n`);
    const dash = await call('get_all_projects_status');
    expect([dash.total, dash.rows.length, dash.truncated, dash.unavailable]).toEqual([50, 50, false, []]);
    const truth = new ProjectTruth(d);
    const col = (name: string) => dash.columns.indexOf(name);
    for (const row of dash.rows.slice(0, 12)) {
      const one = await call('get_project_status', { project: row[col('alias')] });
      const e = truth.status(one.project.type, one.project.id, now, TZ);
      expect(row).toEqual([
        one.project.alias,
        one.project.type,
        e.grade,
        e.score,
        e.progress_pct,
        e.tasks.not_started,
        e.tasks.active,
        e.tasks.done,
        e.tasks.closed,
        e.overdue,
        e.this_week_ms,
        e.last_week_ms,
        e.last_activity,
      ]);
    }
  });

  it('refresh_projects reports renamed, moved, archived and deleted targets after a sync, once for a change, and never removes an alias', async () => {
    const [renamed, moved, archived, deleted] = ['Incidents', 'Infra Requests', 'Ops Inbox', 'Content Calendar'].map((n) => byName(d.lists, n));
    const android = byName(d.folders, 'Android App');
    for (const l of [renamed, moved, archived, deleted]) await call('add_project', { alias: `Watch ${l.name}`, target: l.id });
    await call('add_project', { alias: 'Steady', target: 'Android App' });
    expect((await call('refresh_projects')).changed).toEqual([]);

    const ops = byName(d.spaces, 'Operations');
    const inbox = byName(d.lists, 'Ops Inbox');
    sandbox.store.mutations.renameList(renamed.id, 'Incident Log');
    sandbox.store.mutations.moveList(moved.id, null);
    sandbox.store.mutations.archiveList(archived.id);
    sandbox.store.mutations.deleteList(deleted.id);
    expect(inbox.spaceId).toBe(ops.id);
    // A reconcile also drops the deleted list's tasks, so later truths agree.
    await sync('reconcile');

    const r = await call('refresh_projects');
    expect([r.checked, r.ok]).toEqual([5, 1]);
    const by = new Map(r.changed.map((c: Obj) => [c.alias, c]));
    expect(by.get('Watch Incidents')).toMatchObject({
      changes: ['renamed'],
      renamed: { from: 'Incidents', to: 'Incident Log' },
      name: 'Incident Log',
      state: 'ok',
    });
    expect(by.get('Watch Infra Requests')).toMatchObject({
      changes: ['moved'],
      moved: { from: 'Operations › Infrastructure', to: 'Operations' },
      location: 'Operations',
    });
    expect(by.get('Watch Ops Inbox')).toMatchObject({ changes: ['archived'], archived: 'list Ops Inbox', state: 'archived' });
    expect(by.get('Watch Content Calendar')).toMatchObject({
      changes: ['deleted'],
      state: 'deleted',
      name: 'Content Calendar',
      location: 'Marketing › Campaigns',
    });
    // A rename or move is reported once; states (archived, deleted) every time; no alias was removed.
    const again = await call('refresh_projects');
    expect(again.changed.map((c: Obj) => [c.alias, c.changes])).toEqual([
      ['Watch Content Calendar', ['deleted']],
      ['Watch Ops Inbox', ['archived']],
    ]);
    expect((await call('list_projects')).total).toBe(5);
    // The renamed list still answers to its alias; the deleted one says what to do.
    expect((await call('get_project_status', { project: 'watch incidents' })).project).toMatchObject({ id: renamed.id, name: 'Incident Log' });
    expect(await callError('get_project_status', { project: 'Watch Content Calendar' })).toMatch(
      /points at list \d+, which is no longer in the synced hierarchy.*refresh_projects/,
    );
    const dash = await call('get_all_projects_status');
    expect(dash.unavailable).toEqual([
      { alias: 'Watch Content Calendar', reason: expect.stringMatching(/no longer in ClickUp; remove_project 'Watch Content Calendar'/) },
    ]);
    expect(android.id).toBeDefined();
  });

  it('export → import round trip restores every alias by id', async () => {
    await call('add_project', { alias: 'Mob', target: 'Mobile' });
    await call('map_project', { alias: 'Web Site', target: 'Website', type: 'folder' });
    await call('add_project', { alias: 'Fixes', target: 'Hotfixes' });
    const exported = await call('export_mappings');
    expect(exported).toMatchObject({
      format: 'clickup-analytics-mcp/projects',
      version: 1,
      workspace_id: d.workspaces[0].id,
      exported_at: new Date(now).toISOString(),
    });
    expect(exported.projects.map((p: Obj) => [p.alias, p.type, p.name, p.path])).toEqual([
      ['Fixes', 'list', 'Hotfixes', 'Mobile'],
      ['Mob', 'space', 'Mobile', ''],
      ['Web Site', 'folder', 'Website', 'Web Platform'],
    ]);
    await removeAll();
    const { data_as_of: _a, demo: _b, ...doc } = exported;
    const imported = await call('import_mappings', { data: JSON.stringify(doc) }, sse);
    expect(imported).toMatchObject({ source: 'export', unchanged: [], conflicts: [], unmatched: [], unreadable: [] });
    expect(imported.added.map((a: Obj) => [a.alias, a.matched_by])).toEqual([
      ['Fixes', 'id'],
      ['Mob', 'id'],
      ['Web Site', 'id'],
    ]);
    const again = await call('export_mappings');
    expect(again.projects).toEqual(exported.projects);
    // Importing the same document again changes nothing; as an object it is read the same.
    expect(await call('import_mappings', { data: doc })).toMatchObject({ added: [], unchanged: ['Fixes', 'Mob', 'Web Site'] });
  });

  it("imports the original system's project_map.json: by id, else by name; reports what it could not match", async () => {
    await call('add_project', { alias: 'campaigns', target: 'Marketing' });
    const r = await call('import_mappings', { data: fs.readFileSync(FIXTURE, 'utf8') });
    expect(r.source).toBe('project_map');
    expect(r.added.map((a: Obj) => [a.alias, a.type, a.name, a.matched_by])).toEqual([
      ['Mobile', 'space', 'Mobile', 'id'],
      ['OPS', 'space', 'Operations', 'id'],
      ['Website', 'folder', 'Website', 'name'],
      ['Hotfix queue', 'list', 'Hotfixes', 'id'],
    ]);
    expect(r.conflicts).toEqual([
      { alias: 'campaigns', reason: expect.stringMatching(/^The alias 'campaigns' is already taken: 'campaigns' tracks space Marketing/) },
    ]);
    expect(r.unmatched).toEqual([
      {
        alias: 'Nidan.ai',
        type: 'space',
        id: '90161234567',
        name: 'Homepath',
        reason: "no synced space 90161234567 'Homepath': it may be in another workspace or deleted. Map it with add_project.",
      },
    ]);
    expect(r.unreadable).toEqual([{ entry: 'team-view', reason: 'clickup_type must be space, folder or list (got "workspace")' }]);
    // The imported aliases work in scope arguments at once.
    expect((await call('get_project_status', { project: 'ops' })).project).toMatchObject({ type: 'space', name: 'Operations', alias: 'OPS' });
    expect(await callError('import_mappings', { data: '{"something": []}' })).toMatch(/^Import data must be what export_mappings returns/);
  });

  it('two clients adding the same alias at once: exactly one wins, the other gets the clash (the unique index decides)', async () => {
    for (let round = 0; round < 3; round++) {
      const alias = `Race ${round}`;
      const [a, b] = await Promise.all([
        http.callTool({ name: 'add_project', arguments: { alias, target: 'iOS App' } }),
        sse.callTool({ name: 'add_project', arguments: { alias: alias.toUpperCase(), target: 'Android App' } }),
      ]);
      const results = [a, b].map((x) => ({ error: x.isError ?? false, text: (x.content as Obj[])[0].text as string }));
      expect(results.filter((x) => !x.error)).toHaveLength(1);
      expect(results.find((x) => x.error)!.text).toMatch(
        new RegExp(
          `^The alias '${alias}' is already taken: '${alias}' tracks folder|^The alias '${alias.toUpperCase()}' is already taken: '${alias.toUpperCase()}' tracks folder`,
          'i',
        ),
      );
    }
    const [row] = await t.ds.query(`SELECT count(*)::int AS n FROM projects`);
    expect(row.n).toBe(3);
  });

  it("refresh_mapping syncs just one project's lists now, as a project run, with progress notifications", async () => {
    const fresh = new ProjectTruth(d);
    const ios = byName(d.folders, 'iOS App');
    const sprint = byName(d.lists, 'iOS Sprint');
    const elsewhere = d.tasks.find((x) => x.listId === byName(d.lists, 'Website Bugs').id)!;
    const inside = fresh.tasksIn('folder', ios.id).filter((x) => !x.parentId);
    expect(inside.length).toBeGreaterThanOrEqual(3);
    const member = d.members.find((m) => m.status === 'active')!;
    await call('map_project', { alias: 'iOS', target: ios.id });
    sandbox.store.mutations.renameTask(inside[0].id, 'Renamed for refresh_mapping');
    const lists = d.lists.filter((l) => l.folderId === ios.id);
    const gone = [inside[1], ...fresh.descendants(inside[1].id)].filter((x) => lists.some((l) => l.id === x.listId)).length;
    sandbox.store.mutations.deleteTask(inside[1].id);
    const entry = sandbox.store.mutations.addTimeEntry({
      userId: member.id,
      taskId: inside[2].id,
      start: now - 3_600_000,
      duration: 1_800_000,
      description: 'refresh_mapping',
    });
    sandbox.store.mutations.renameTask(elsewhere.id, 'Not in the project');
    const progress: Progress[] = [];
    const r = await http.callTool({ name: 'refresh_mapping', arguments: { project: 'ios' } }, undefined, { onprogress: (p) => progress.push(p) });
    expect(r.isError ?? false).toBe(false);
    const out = r.structuredContent as Obj;
    expect(out).toMatchObject({
      status: 'succeeded',
      project: { alias: 'iOS', type: 'folder', id: ios.id },
      run: { kind: 'project', trigger: 'mcp', status: 'succeeded' },
    });
    expect(out.lists).toBe(lists.length);
    // docs/sync.md: GET /team, two task passes per list, a GET per stored task no longer listed, one time-entry read per list.
    expect(out.run.requests).toBe(1 + 2 * lists.length + gone + lists.length);
    expect(progress.length).toBeGreaterThanOrEqual(1);
    const [a] = await t.ds.query(`SELECT name FROM tasks WHERE id = $1`, [inside[0].id]);
    const [b] = await t.ds.query(`SELECT deleted_at IS NOT NULL AS deleted FROM tasks WHERE id = $1`, [inside[1].id]);
    const [c] = await t.ds.query(`SELECT duration_ms FROM time_entries WHERE id = $1`, [entry.id]);
    const [e] = await t.ds.query(`SELECT name FROM tasks WHERE id = $1`, [elsewhere.id]);
    expect([a.name, b.deleted, Number(c.duration_ms), e.name]).toEqual(['Renamed for refresh_mapping', true, 1_800_000, elsewhere.name]);
    d = sandbox.store.dump();
    const e2 = new ProjectTruth(d).status('folder', ios.id, now, TZ);
    const s = await call('get_project_status', { project: 'iOS' });
    expect([s.tasks, s.time_logged.this_week.ms]).toEqual([e2.tasks, e2.this_week_ms]);
    expect(sprint.folderId).toBe(ios.id);
    await sync('full');
  });

  it('discovery, structure and cache tools; clear_cache needs confirm: true and keeps the data', async () => {
    const mobile = byName(d.spaces, 'Mobile');
    const disc = await call('discover_projects', { level: 'list', space: 'Mobile' });
    const mobileLists = d.lists.filter((l) => l.spaceId === mobile.id && !l.archived);
    expect(disc.candidates.map((c: Obj) => c.id).sort()).toEqual(mobileLists.map((l) => l.id).sort());
    await call('add_project', { alias: 'Droid', target: 'Android App' });
    const folders = await call('discover_projects', {});
    expect(folders.candidates.find((c: Obj) => c.name === 'Android App').tracked_as).toEqual(['Droid']);
    expect(folders.candidates.some((c: Obj) => c.archived)).toBe(false);
    expect((await call('discover_projects', { include_archived: true })).candidates.some((c: Obj) => c.name === 'Old Infra' && c.archived)).toBe(
      true,
    );

    const space = await call('discover_space', { space: 'mobile', include_archived: true });
    const tasksIn = (listId: string) => d.tasks.filter((x) => x.listId === listId).length;
    const lists = d.lists.filter((l) => l.spaceId === mobile.id);
    expect(space.counts).toEqual({
      folders: d.folders.filter((f) => f.spaceId === mobile.id && !f.hidden).length,
      lists: lists.length,
      tasks: lists.reduce((n, l) => n + tasksIn(l.id), 0),
    });
    expect(space.lists.map((l: Obj) => l.name).sort()).toEqual(
      lists
        .filter((l) => !l.folderId)
        .map((l) => l.name)
        .sort(),
    );
    const shown = await call('discover_space', { space: 'Mobile' });
    expect(shown.counts.lists).toBe(lists.filter((l) => !l.archived).length);
    const folder = await call('discover_folder', { folder: 'droid' });
    expect(folder.target).toMatchObject({ type: 'folder', name: 'Android App', location: 'Mobile' });
    const mapping = await call('get_mapping', { project: 'droid' });
    expect(mapping).toMatchObject({ alias: { alias: 'Droid', type: 'folder' }, counts: folder.counts });
    expect((await call('list_mappings')).mappings).toEqual([expect.objectContaining({ alias: 'Droid', counts: folder.counts })]);

    const status = await call('cache_status');
    expect(status.counts).toMatchObject({ spaces: d.spaces.length, tasks: d.tasks.length, projects: 1 });
    expect(status.last_full).toMatchObject({ kind: 'full', status: 'succeeded' });
    expect(status.caches).toEqual([expect.objectContaining({ name: 'hierarchy snapshot' }), expect.objectContaining({ name: 'tool answers' })]);
    expect(status.caches[0].entries).toBeGreaterThan(0);
    // The read answers above are held for reuse.
    expect(status.caches[1].entries).toBeGreaterThan(0);
    expect(await callError('clear_cache', { confirm: false })).toMatch(/^Nothing cleared: pass confirm: true/);
    const cleared = await call('clear_cache', { confirm: true });
    expect(cleared.cleared[0].entries).toBeGreaterThan(0);
    expect((await call('cache_status')).caches.map((x: Obj) => x.entries)).toEqual([0, 0]);
    expect((await call('cache_status')).counts).toEqual(status.counts);
    expect((await call('get_project_status', { project: 'Droid' })).project.name).toBe('Android App');
  });
});
