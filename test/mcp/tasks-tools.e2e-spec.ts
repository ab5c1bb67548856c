import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { TOOL_CONTRACT } from '../support/tool-contract';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { addDays, localDate, startOfLocalDay } from '../../src/common/time/zoned-date';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import type { DumpTask, SandboxDump } from '../../src/sandbox/sandbox-dump.types';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINES } from '../support/test-database';
import { connectClient } from './mcp-clients';
import { sortIds, TaskTruth } from './task-truth';

type Obj = Record<string, any>;

const TASK_TOOLS = TOOL_CONTRACT.tasks;
/** Not UTC, so day boundaries and due dates really go through the report time zone. */
const TZ = 'Europe/Berlin';
const DAY = 86_400_000;

/** Every node of nested task trees, flattened. */
const flatten = (nodes: Obj[]): Obj[] => nodes.flatMap((n) => [n, ...flatten(n.subtasks)]);

/**
 * The tasks toolset over real MCP clients (Streamable HTTP, and SSE once), after a full sync of
 * the sandbox; every answer checked against values computed from the sandbox's own dump.
 */
describe.each(TEST_ENGINES)('tasks toolset on %s', (kind) => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let http: Client;
  let d: SandboxDump;
  let truth: TaskTruth;
  let archivedBranch: { parent: DumpTask; archived: DumpTask };
  const schemas = new Map<string, Tool>();
  const ajv = new AjvJsonSchemaValidator();

  /** Calls a tool that must succeed; its structured result must match the published output schema. */
  const call = async (name: string, args: Obj = {}, client: Client = http): Promise<Obj> => {
    const r = await client.callTool({ name, arguments: args });
    expect({ name, isError: r.isError ?? false, text: r.isError ? (r.content as Obj[])[0].text : '' }).toEqual({ name, isError: false, text: '' });
    expect((r.content as Obj[])[0].text.length).toBeGreaterThan(0);
    const check = ajv.getValidator(schemas.get(name)!.outputSchema as Obj)(r.structuredContent);
    expect({ name, valid: check.valid, error: check.errorMessage }).toEqual({ name, valid: true, error: undefined });
    expect(r.structuredContent).toEqual(expect.objectContaining({ demo: false, data_as_of: expect.any(String) }));
    return r.structuredContent as Obj;
  };
  const callError = async (name: string, args: Obj): Promise<string> => {
    const r = await http.callTool({ name, arguments: args });
    expect({ name, isError: r.isError }).toEqual({ name, isError: true });
    return (r.content as Obj[])[0].text;
  };
  /**
   * A time that includes running timers must lie between the truth just before and just after
   * the call; "now" is the whole second the call was answered in (the running clock's), so "just
   * before" is the start of the second the call began in.
   */
  const timed = async <T>(fn: () => Promise<T>): Promise<{ out: T; before: number; after: number }> => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const out = await fn();
    return { out, before, after: Date.now() };
  };
  const expectBetween = (what: string, actual: number, lo: number, hi: number) => {
    expect({ what, ok: actual >= lo - 1 && actual <= hi + 1, actual, lo, hi }).toEqual({ what, ok: true, actual, lo, hi });
  };
  const listOf = (id: string) => d.lists.find((l) => l.id === id)!;
  const crossListRoot = (): DumpTask => {
    const root = d.tasks.find((x) => !x.parentId && truth.descendants(x.id).some((y) => y.listId !== truth.byId.get(y.parentId!)!.listId));
    expect(root).toBeDefined();
    return root!;
  };

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 42, rateLimitPerMinute: 0 });
    // The generated time depends on the clock; guarantee the rollup case the get_task test relies
    // on: time logged on a subtask that lives in another list than its parent.
    {
      const g = new TaskTruth(sandbox.store.dump());
      const root = g.d.tasks.find((x) => !x.parentId && g.descendants(x.id).some((y) => y.listId !== g.byId.get(y.parentId!)!.listId))!;
      const sub = g.descendants(root.id).find((y) => y.listId !== g.byId.get(y.parentId!)!.listId)!;
      const member = g.d.members.find((m) => m.status === 'active')!;
      sandbox.store.mutations.addTimeEntry({
        userId: member.id,
        taskId: sub.id,
        start: Date.now() - 2 * 86_400_000,
        duration: 45 * 60_000,
        description: 'cross-list subtask work',
      });
    }
    // An archived subtask with a subtask of its own, under a live parent (rule 4 for trees).
    {
      const g = new TaskTruth(sandbox.store.dump());
      const cross = g.d.tasks.find((x) => !x.parentId && g.descendants(x.id).some((y) => y.listId !== g.byId.get(y.parentId!)!.listId))!;
      const mid = g.d.tasks.find(
        (x) =>
          x.parentId &&
          !x.archived &&
          g.children(x.id).length > 0 &&
          !g.byId.get(x.parentId)!.archived &&
          !g.byId.get(x.parentId)!.parentId &&
          x.parentId !== cross.id &&
          !g.archivedBelow(g.byId.get(x.parentId)!, 'workspace'),
      )!;
      sandbox.store.mutations.archiveTask(mid.id);
      archivedBranch = { parent: g.byId.get(mid.parentId!)!, archived: mid };
    }
    t = await startTestApp(kind, { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl, REPORT_TIME_ZONE: TZ });
    expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
    d = sandbox.store.dump();
    truth = new TaskTruth(d);
    http = await connectClient('http', { url: t.url });
    for (const tool of (await http.listTools()).tools) schemas.set(tool.name, tool);
  });
  afterAll(async () => {
    await http?.close();
    await t?.close();
    await sandbox?.close();
  });

  it('publishes the twelve tasks tools with output schemas; only create/update write', () => {
    for (const name of TASK_TOOLS) {
      const tool = schemas.get(name);
      expect({ name, listed: !!tool, output: !!tool?.outputSchema }).toEqual({ name, listed: true, output: true });
      expect({ name, readOnly: tool!.annotations?.readOnlyHint }).toEqual({ name, readOnly: !['create_task', 'update_task'].includes(name) });
    }
  });

  it('get_tasks: a list (default and everything), an assignee + category across the workspace, a due range, paging', async () => {
    const counts = new Map<string, number>();
    for (const x of d.tasks) counts.set(x.listId, (counts.get(x.listId) ?? 0) + 1);
    const list = d.lists.filter((l) => !l.archived).sort((a, b) => (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0))[0];
    const inList = d.tasks.filter((x) => x.listId === list.id);
    expect(inList.length).toBeGreaterThan(3);

    const def = await call('get_tasks', { list: list.name });
    expect(def.scope).toEqual({ kind: 'list', id: list.id, name: list.name });
    const openOnes = inList.filter((x) => !truth.finished(x) && !x.archived);
    expect(sortIds(def.tasks)).toEqual(sortIds(openOnes));
    expect(def.total).toBe(openOnes.length);

    const {
      out: all,
      before,
      after,
    } = await timed(() => call('get_tasks', { list: list.id, include_closed: true, include_archived: true, limit: 200 }));
    expect(sortIds(all.tasks)).toEqual(sortIds(inList));
    expect(all.truncated).toBe(false);
    for (const task of all.tasks) {
      const dt = truth.byId.get(task.id)!;
      expect([task.id, task.status, task.category, task.parent_id, task.custom_id, [...task.assignees].sort()]).toEqual([
        dt.id,
        dt.status,
        truth.category(dt),
        dt.parentId,
        dt.customId,
        dt.assigneeIds.map((id) => truth.memberName(id)).sort(),
      ]);
      expect(task.estimate?.ms ?? null).toBe(dt.timeEstimate);
      expectBetween(`time of ${task.id}`, task.time_logged.ms, truth.directMs(task.id, before), truth.directMs(task.id, after));
      expect(task.timer_running).toBe(truth.hasRunningTimer([task.id]));
    }

    const page = await call('get_tasks', { list: list.id, include_closed: true, include_archived: true, limit: 2, offset: 1 });
    expect([page.total, page.truncated, page.offset, page.tasks.length]).toEqual([inList.length, true, 1, 2]);
    expect(page.tasks.map((x: Obj) => x.id)).toEqual(all.tasks.slice(1, 3).map((x: Obj) => x.id));

    // The busiest assignee's active tasks across the workspace (archived containers left out).
    const assigned = new Map<number, number>();
    for (const x of d.tasks) for (const u of x.assigneeIds) assigned.set(u, (assigned.get(u) ?? 0) + 1);
    const [personId] = [...assigned.entries()].sort((a, b) => b[1] - a[1])[0];
    const person = d.members.find((m) => m.id === personId)!;
    const active = await call('get_tasks', { assignee: person.email, category: 'active', limit: 200 });
    expect(active.assignee).toEqual({ id: person.id, name: truth.memberName(person.id), email: person.email });
    const expectedActive = d.tasks.filter(
      (x) => x.assigneeIds.includes(personId) && truth.category(x) === 'active' && !truth.archivedBelow(x, 'workspace'),
    );
    expect(expectedActive.length).toBeGreaterThan(0);
    expect(sortIds(active.tasks)).toEqual(sortIds(expectedActive));

    // A due range in the report time zone, both ends inclusive whole days.
    const dues = d.tasks
      .filter((x) => x.dueDate !== null)
      .map((x) => x.dueDate as number)
      .sort((a, b) => a - b);
    const from = localDate(dues[Math.floor(dues.length / 4)], TZ);
    const to = localDate(dues[Math.floor((3 * dues.length) / 4)], TZ);
    const ranged = await call('get_tasks', { due_from: from, due_to: to, include_closed: true, include_archived: true, limit: 200 });
    const lo = startOfLocalDay(from, TZ);
    const hi = startOfLocalDay(addDays(to, 1), TZ);
    const expectedRange = d.tasks.filter((x) => x.dueDate !== null && x.dueDate >= lo && x.dueDate < hi);
    expect(expectedRange.length).toBeGreaterThan(2);
    expect(sortIds(ranged.tasks)).toEqual(sortIds(expectedRange));
  });

  it('get_task: by custom id, with rollup time over subtasks that live in other lists, subtask tree, dependencies, location', async () => {
    // A top-level task with a subtask (at any depth) that lives in another list.
    const root = crossListRoot();
    const below = truth.descendants(root.id);

    const { out: o, before, after } = await timed(() => call('get_task', { task: root.customId ? root.customId.toLowerCase() : root.id }));
    expect(o.id).toBe(root.id);
    expect(o.custom_id).toBe(root.customId);
    expectBetween('direct', o.time.direct.ms, truth.directMs(root.id, before), truth.directMs(root.id, after));
    expectBetween('rollup', o.time.rollup.ms, truth.rollupMs(root.id, before), truth.rollupMs(root.id, after));
    expect(o.time.rollup.ms).toBeGreaterThan(o.time.direct.ms);
    expect(o.estimate.rollup.ms).toBe([root, ...below].reduce((s, x) => s + (x.timeEstimate ?? 0), 0));
    expect(o.subtask_total).toBe(below.length);
    // get_task shows the top of the tree (two levels, at most 8 subtasks); the counts say what is folded.
    const nodes = flatten(o.subtasks);
    expect(nodes.length).toBe(Math.min(8, below.filter((x) => x.parentId === root.id || truth.byId.get(x.parentId!)?.parentId === root.id).length));
    expect(o.subtasks_truncated).toBe(nodes.length < below.length);
    for (const n of nodes) expect(below.map((x) => x.id)).toContain(n.id);
    for (const n of nodes) expect(n.descendant_count).toBe(truth.descendants(n.id).length);
    for (const n of nodes) {
      expectBetween(`rollup of ${n.id}`, n.time.rollup.ms, truth.rollupMs(n.id, before), truth.rollupMs(n.id, after));
      expect(n.list.id).toBe(truth.byId.get(n.id)!.listId);
    }
    const list = listOf(root.listId);
    expect(o.location.list).toEqual({ id: list.id, name: list.name });
    expect(o.location.space.id).toBe(root.spaceId);
    expect(o.location.folder?.id ?? null).toBe(root.folderId);
    expect([...o.tags].sort()).toEqual([...root.tags].sort());
    expect(o.assignees.map((a: Obj) => a.id).sort()).toEqual([...root.assigneeIds].sort());
    expect(o.watchers.map((a: Obj) => a.id).sort()).toEqual([...root.watcherIds].sort());

    // Dependencies, both directions, with names and statuses.
    const edges = d.tasks.flatMap((x) => x.dependencies);
    const withDeps =
      d.tasks.find((x) => edges.some((e) => e.taskId === x.id) && edges.some((e) => e.dependsOn === x.id)) ??
      d.tasks.find((x) => edges.some((e) => e.taskId === x.id))!;
    const dep = await call('get_task', { task: withDeps.id });
    const uniq = (xs: string[]) => [...new Set(xs)].sort();
    expect(dep.dependencies.waiting_on.map((x: Obj) => x.id).sort()).toEqual(
      uniq(edges.filter((e) => e.taskId === withDeps.id).map((e) => e.dependsOn)),
    );
    expect(dep.dependencies.blocking.map((x: Obj) => x.id).sort()).toEqual(
      uniq(edges.filter((e) => e.dependsOn === withDeps.id).map((e) => e.taskId)),
    );
    for (const x of [...dep.dependencies.waiting_on, ...dep.dependencies.blocking])
      expect([x.name, x.status]).toEqual([truth.byId.get(x.id)!.name, truth.byId.get(x.id)!.status]);

    // A running timer counts up to now and is flagged, on the task and on its ancestors' rollups.
    const timer = d.timeEntries.find((e) => e.running && e.taskId)!;
    expect(timer).toBeDefined();
    const { out: run, before: b2, after: a2 } = await timed(() => call('get_task', { task: timer.taskId! }));
    expect(run.time.running).toBe(true);
    expect(run.time.direct.ms).toBeGreaterThan(
      d.timeEntries.filter((e) => e.taskId === timer.taskId && !e.running).reduce((s, e) => s + e.duration, 0),
    );
    expectBetween('direct with a running timer', run.time.direct.ms, truth.directMs(timer.taskId!, b2), truth.directMs(timer.taskId!, a2));

    // Extra lists.
    const multi = d.tasks.find((x) => x.extraListIds.length)!;
    const m = await call('get_task', { task: multi.id });
    expect(m.extra_lists.map((x: Obj) => x.id).sort()).toEqual([...multi.extraListIds].sort());

    expect(await callError('get_task', { task: 'NOPE-99999' })).toMatch(/^No task has the id or custom id 'NOPE-99999'\./);
  });

  it('get_task_hierarchy: one tree, and all trees of a list including subtasks homed elsewhere', async () => {
    const root = crossListRoot();
    const crossSub = truth.descendants(root.id).find((x) => x.listId !== truth.byId.get(x.parentId!)!.listId)!;
    const { out: one, before, after } = await timed(() => call('get_task_hierarchy', { task: root.id, include_archived: true }));
    expect(one.root).toEqual({ kind: 'task', id: root.id, name: root.name });
    expect(one.total_nodes).toBe(1 + truth.descendants(root.id).length);
    expectBetween('tree rollup', one.trees[0].time.rollup.ms, truth.rollupMs(root.id, before), truth.rollupMs(root.id, after));
    expectBetween('tree total', one.total_time.ms, truth.rollupMs(root.id, before), truth.rollupMs(root.id, after));

    // The list holding the cross-list subtask: its own trees plus that subtask as a root.
    const list = listOf(crossSub.listId);
    const all = await call('get_task_hierarchy', { list: list.name, include_archived: true, node_limit: 2000, depth: 50 });
    const shown = flatten(all.trees);
    const ids = new Set(shown.map((n) => n.id));
    expect(new Set(shown.map((n) => n.id)).size).toBe(shown.length);
    for (const x of d.tasks.filter((y) => y.listId === list.id)) expect({ id: x.id, shown: ids.has(x.id) }).toEqual({ id: x.id, shown: true });
    expect(all.trees.map((n: Obj) => n.id)).toContain(crossSub.id);
    expect(all.total_nodes).toBe(shown.length);
    expect([all.truncated, all.hint]).toEqual([false, null]);

    const cut = await call('get_task_hierarchy', { list: list.id, include_archived: true, node_limit: 1 });
    expect([cut.shown_nodes, cut.truncated, cut.total_nodes]).toEqual([1, true, all.total_nodes]);
    expect(cut.hint).toMatch(/^Showing 1 of \d+ tasks/);
    // Depth-limited: only the roots, each with the counts of what is folded under it.
    const flat = await call('get_task_hierarchy', { list: list.id, include_archived: true, node_limit: 2000, depth: 0 });
    expect(flat.trees.every((n: Obj) => n.subtasks.length === 0 && n.subtasks_truncated === n.subtask_count > 0)).toBe(true);
    for (const n of flat.trees) expect({ id: n.id, below: n.descendant_count }).toEqual({ id: n.id, below: truth.descendants(n.id).length });
    expect(await callError('get_task_hierarchy', {})).toMatch(/Pass `task`/);
  });

  it('get_task_hierarchy hides archived subtasks and everything under them unless include_archived', async () => {
    const { parent, archived } = archivedBranch;
    const hiddenIds = [archived.id, ...truth.descendants(archived.id).map((x) => x.id)];
    const visible = truth.descendants(parent.id).filter((x) => !hiddenIds.includes(x.id));
    const { out: def, before, after } = await timed(() => call('get_task_hierarchy', { task: parent.id, depth: 50, node_limit: 2000 }));
    expect(sortIds(flatten(def.trees[0].subtasks))).toEqual(sortIds(visible));
    expect(def.total_nodes).toBe(1 + visible.length);
    const sum = (at: number) => [parent, ...visible].reduce((s, x) => s + truth.directMs(x.id, at), 0);
    expectBetween('rollup without the archived branch', def.total_time.ms, sum(before), sum(after));
    const withArchived = await call('get_task_hierarchy', { task: parent.id, depth: 50, node_limit: 2000, include_archived: true });
    expect(sortIds(flatten(withArchived.trees[0].subtasks))).toEqual(sortIds(truth.descendants(parent.id)));
    // All trees of the list, likewise.
    const listTrees = await call('get_task_hierarchy', { list: parent.listId, depth: 50, node_limit: 2000 });
    const shown = new Set(flatten(listTrees.trees).map((n: Obj) => n.id));
    expect(shown.has(parent.id)).toBe(true);
    for (const id of hiddenIds) expect({ id, shown: shown.has(id) }).toEqual({ id, shown: false });
  });

  it('search_tasks: every word must match, name hits rank before description hits; wildcards are literal', async () => {
    const words = d.tasks.flatMap((x) => x.name.toLowerCase().split(/[^a-z]+/)).filter((w) => w.length >= 5);
    const freq = new Map<string, number>();
    for (const w of words) freq.set(w, (freq.get(w) ?? 0) + 1);
    const word = [...freq.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    const haystack = (x: DumpTask) => `${x.name} ${x.textContent} ${x.description}`.toLowerCase();
    const expected = d.tasks.filter((x) => haystack(x).includes(word) && !truth.archivedBelow(x, 'workspace'));
    expect(expected.length).toBeGreaterThan(1);
    const o = await call('search_tasks', { query: word.toUpperCase(), limit: 100 });
    expect(sortIds(o.results)).toEqual(sortIds(expected));
    const ranks = o.results.map((r: Obj) => (r.matched_in === 'name' ? 0 : 1));
    expect(ranks).toEqual([...ranks].sort());
    for (const r of o.results) expect(r.matched_in === 'name').toBe(truth.byId.get(r.id)!.name.toLowerCase().includes(word));

    const narrowed = await call('search_tasks', {
      query: word,
      space: d.spaces.find((s) => s.id === expected[0].spaceId)!.name,
      include_closed: false,
    });
    expect(sortIds(narrowed.results)).toEqual(sortIds(expected.filter((x) => x.spaceId === expected[0].spaceId && !truth.finished(x))));

    expect((await call('search_tasks', { query: '%_%' })).total).toBe(0);
    expect((await call('search_tasks', { query: `${word} zzqqxx` })).total).toBe(0);
  });

  it('search_tasks: the exact ranked order, pages and total, for one word and for two words in any order', async () => {
    const names = d.tasks.flatMap((x) => x.name.toLowerCase().split(/[^a-z]+/)).filter((w) => w.length >= 4);
    const freq = new Map<string, number>();
    for (const w of names) freq.set(w, (freq.get(w) ?? 0) + 1);
    const top = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    const w1 = top(freq);
    // The word most often next to it in names: the two words reversed hit ranks 1 and 3, not only 0 and 2.
    const beside = new Map<string, number>();
    for (const x of d.tasks) {
      const ws = x.name.toLowerCase().split(/[^a-z]+/);
      if (ws.includes(w1)) for (const w of new Set(ws)) if (w.length >= 4 && w !== w1) beside.set(w, (beside.get(w) ?? 0) + 1);
    }
    const w2 = top(beside);
    // Independently: the rank of a hit (phrase in the name, every word there, phrase in the
    // description, every word there, else spread over both), then newest, then id.
    const ranked = (query: string) => {
      const words = [...new Set(query.split(' '))];
      const has = (text: string, ws: string[]) => ws.every((w) => text.includes(w));
      const hits = d.tasks
        .filter((x) => !truth.archivedBelow(x, 'workspace'))
        .map((x) => {
          const name = x.name.toLowerCase();
          const desc = `${x.textContent ?? ''} ${x.description ?? ''}`.toLowerCase();
          if (!has(`${name} ${desc}`, words)) return null;
          const rank = name.includes(query) ? 0 : has(name, words) ? 1 : desc.includes(query) ? 2 : has(desc, words) ? 3 : 4;
          return { id: x.id, rank, updated: x.dateUpdated };
        })
        .filter((h): h is { id: string; rank: number; updated: number } => h !== null);
      return hits.sort((a, b) => a.rank - b.rank || b.updated - a.updated || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((h) => h.id);
    };
    for (const query of [w1, `${w2} ${w1}`]) {
      const expected = ranked(query);
      expect(expected.length).toBeGreaterThan(1);
      const size = expected.length > 6 ? 3 : 1;
      const pages: string[] = [];
      for (let offset = 0; offset < expected.length; offset += size) {
        const o = await call('search_tasks', { query, limit: size, offset });
        expect({ query, offset, total: o.total }).toEqual({ query, offset, total: expected.length });
        pages.push(...o.results.map((r: Obj) => r.id));
      }
      expect({ query, ids: pages }).toEqual({ query, ids: expected });
    }
    // Past the end: no rows, the total still exact.
    expect((await call('search_tasks', { query: w1, offset: 100_000 })).total).toBe(ranked(w1).length);
  });

  it('get_project_tasks: a folder by name; ambiguous and unknown names list candidates', async () => {
    const folder = d.folders
      .filter((f) => !f.archived)
      .sort((a, b) => d.tasks.filter((x) => x.folderId === b.id).length - d.tasks.filter((x) => x.folderId === a.id).length)[0];
    const o = await call('get_project_tasks', { project: folder.name.toUpperCase(), limit: 200 });
    expect(o.project).toEqual(expect.objectContaining({ kind: 'folder', id: folder.id, name: folder.name }));
    const expected = d.tasks.filter((x) => x.folderId === folder.id && !truth.finished(x) && !truth.archivedBelow(x, 'folder'));
    expect(expected.length).toBeGreaterThan(0);
    expect(sortIds(o.tasks)).toEqual(sortIds(expected));
    expect(o.by_category.not_started + o.by_category.active).toBe(expected.length);

    const space = await call('get_project_tasks', { project: d.spaces[0].id, include_closed: true, limit: 1 });
    expect(space.project.kind).toBe('space');
    expect(space.total).toBe(d.tasks.filter((x) => x.spaceId === d.spaces[0].id && !truth.archivedBelow(x, 'space')).length);

    expect(await callError('get_project_tasks', { project: 'Rewrte' })).toMatch(
      /^No project, space, folder or list matches 'Rewrte'\. Did you mean: .*Rewrite/,
    );

    // A word that starts several list names and no space or folder name is ambiguous.
    const starts = (name: string, w: string) => name.toLowerCase().startsWith(w);
    const word = d.lists
      .map((l) => l.name.split(' ')[0].toLowerCase())
      .find(
        (w) =>
          d.lists.filter((l) => starts(l.name, w)).length > 1 &&
          ![...d.spaces, ...d.folders].some((x) => starts(x.name, w)) &&
          !d.lists.some((l) => l.name.toLowerCase() === w),
      );
    expect(word).toBeDefined();
    const ambiguous = await callError('get_project_tasks', { project: word! });
    expect(ambiguous).toMatch(new RegExp(`^'${word}' matches ${d.lists.filter((l) => starts(l.name, word!)).length} lists: `));
    for (const l of d.lists.filter((x) => starts(x.name, word!))) expect(ambiguous).toContain(`(${l.id})`);
  });

  it('get_list_progress: completion, categories, statuses and 7-day throughput equal the dump', async () => {
    const list = d.lists
      .filter((l) => !l.archived)
      .sort(
        (a, b) =>
          d.tasks.filter((x) => x.listId === b.id && truth.finished(x)).length - d.tasks.filter((x) => x.listId === a.id && truth.finished(x)).length,
      )[0];
    const { out: o, after } = await timed(() => call('get_list_progress', { list: list.name }));
    const tasks = d.tasks.filter((x) => x.listId === list.id && !x.archived);
    const finished = tasks.filter((x) => truth.finished(x));
    expect([o.total, o.finished]).toEqual([tasks.length, finished.length]);
    expect(finished.length).toBeGreaterThan(0);
    expect(o.completion_percent).toBe(Math.round((1000 * finished.length) / tasks.length) / 10);
    const top = tasks.filter((x) => !x.parentId);
    expect([o.top_level.total, o.top_level.finished]).toEqual([top.length, top.filter((x) => truth.finished(x)).length]);
    const byCat = { not_started: 0, active: 0, done: 0, closed: 0 } as Record<string, number>;
    for (const x of tasks) byCat[truth.category(x)]++;
    expect(o.by_category).toEqual(byCat);
    const byStatus: Record<string, number> = {};
    for (const x of tasks) byStatus[x.status] = (byStatus[x.status] ?? 0) + 1;
    expect(Object.fromEntries(o.by_status.map((s: Obj) => [s.status, s.count]))).toEqual(byStatus);
    const since = new Date(o.finished_last_7_days.from).getTime();
    expect(after - since).toBeLessThanOrEqual(7 * DAY + 1000);
    const recent = finished.filter((x) => (x.dateDone ?? x.dateClosed ?? 0) >= since);
    expect(o.finished_last_7_days.count).toBe(recent.length);
    expect(sortIds(o.finished_last_7_days.tasks)).toEqual(sortIds(recent));
  });

  it('get_workload: open tasks, split estimates and time logged per person in a space, with the window stated', async () => {
    const space = d.spaces
      .filter((s) => !s.archived)
      .sort((a, b) => d.tasks.filter((x) => x.spaceId === b.id).length - d.tasks.filter((x) => x.spaceId === a.id).length)[0];
    const { out: o, before, after } = await timed(() => call('get_workload', { space: space.name, days: 30 }));
    const today = localDate(o.window.to ? new Date(o.window.to).getTime() : before, TZ);
    expect(o.window).toEqual(expect.objectContaining({ days: 30, first_day: addDays(today, -29), last_day: today, time_zone: TZ }));
    const from = new Date(o.window.from).getTime();
    expect(from).toBe(startOfLocalDay(addDays(today, -29), TZ));
    const to = new Date(o.window.to).getTime();

    const open = d.tasks.filter((x) => x.spaceId === space.id && !truth.finished(x) && !truth.archivedBelow(x, 'space'));
    const inSpace = (taskId: string | null) => taskId !== null && truth.byId.get(taskId)?.spaceId === space.id;
    const people = new Set([
      ...open.flatMap((x) => x.assigneeIds),
      ...d.timeEntries.filter((e) => inSpace(e.taskId) && e.start < to && (e.running || (e.end as number) > from)).map((e) => e.userId),
    ]);
    expect(o.people.map((p: Obj) => p.id).sort()).toEqual([...people].sort());
    for (const p of o.people) {
      const mine = open.filter((x) => x.assigneeIds.includes(p.id));
      expect([p.name, p.open_tasks]).toEqual([truth.memberName(p.id), mine.length]);
      // Split to the millisecond: everyone the floor, the first `estimate mod n` assignees by id one ms more.
      const share = (x: (typeof mine)[number]) => {
        const est = x.timeEstimate ?? 0;
        const n = x.assigneeIds.length;
        const rank = [...x.assigneeIds].sort((a, b) => a - b).indexOf(p.id);
        return Math.floor(est / n) + (rank < est % n ? 1 : 0);
      };
      expect(p.open_estimate.ms).toBe(mine.reduce((s, x) => s + share(x), 0));
      expectBetween(
        `logged by ${p.name}`,
        p.time_logged.ms,
        truth.loggedMs(p.id, from, to, before, inSpace),
        truth.loggedMs(p.id, from, to, after, inSpace),
      );
    }
    const unassigned = open.filter((x) => !x.assigneeIds.length);
    expect(o.unassigned).toEqual({
      open_tasks: unassigned.length,
      open_estimate: expect.objectContaining({ ms: unassigned.reduce((s, x) => s + (x.timeEstimate ?? 0), 0) }),
    });
    expect(o.totals.open_tasks).toBe(open.length);
    expect(o.totals.open_estimate.ms).toBe(open.reduce((s, x) => s + (x.timeEstimate ?? 0), 0));
    expect(o.people.reduce((s: number, p: Obj) => s + p.open_estimate.ms, 0) + o.unassigned.open_estimate.ms).toBe(o.totals.open_estimate.ms);
    expect(o.people.some((p: Obj) => p.time_logged.ms > 0)).toBe(true);
  });

  it('get_overdue_tasks: unfinished tasks past due, most overdue first, with whole days overdue', async () => {
    const o = await call('get_overdue_tasks', { limit: 200 });
    const now = new Date(o.as_of).getTime();
    const expected = d.tasks.filter((x) => x.dueDate !== null && x.dueDate < now && !truth.finished(x) && !truth.archivedBelow(x, 'workspace'));
    expect(expected.length).toBeGreaterThan(2);
    expect(o.tasks.map((x: Obj) => x.id)).toEqual(
      [...expected].sort((a, b) => (a.dueDate as number) - (b.dueDate as number) || a.id.localeCompare(b.id)).map((x) => x.id),
    );
    for (const x of o.tasks) {
      const due = truth.byId.get(x.id)!.dueDate as number;
      expect([x.id, x.days_overdue, x.overdue_by.ms]).toEqual([x.id, Math.floor((now - due) / DAY), now - due]);
    }
    const person =
      truth.byId.get(expected[0].id)!.assigneeIds[0] ?? d.tasks.find((x) => expected.includes(x) && x.assigneeIds.length)!.assigneeIds[0];
    const mine = await call('get_overdue_tasks', { assignee: String(person), limit: 200 });
    expect(sortIds(mine.tasks)).toEqual(
      sortIds(expected.filter((x) => x.assigneeIds.includes(person) && (x.dueDate as number) < new Date(mine.as_of).getTime())),
    );
  });

  it('get_tasks_by_assignee: one person, grouped by status category', async () => {
    const person = d.members.find((m) => m.username && d.tasks.filter((x) => x.assigneeIds.includes(m.id)).length > 3)!;
    const o = await call('get_tasks_by_assignee', { assignee: person.username!.toLowerCase(), include_closed: true, limit: 100 });
    expect(o.person.id).toBe(person.id);
    const mine = d.tasks.filter((x) => x.assigneeIds.includes(person.id) && !truth.archivedBelow(x, 'workspace'));
    expect(o.groups.map((g: Obj) => g.category)).toEqual(['not_started', 'active', 'done', 'closed']);
    for (const g of o.groups) {
      const exp = mine.filter((x) => truth.category(x) === g.category);
      expect({ category: g.category, count: g.count, ids: sortIds(g.tasks) }).toEqual({ category: g.category, count: exp.length, ids: sortIds(exp) });
    }
    expect(o.total).toBe(mine.length);
    const openOnly = await call('get_tasks_by_assignee', { assignee: String(person.id), limit: 1 });
    expect(openOnly.groups.map((g: Obj) => g.category)).toEqual(['not_started', 'active']);
    expect(openOnly.groups.every((g: Obj) => g.tasks.length <= 1 && g.truncated === g.count > 1)).toBe(true);
  });

  it('get_tasks_by_status: counts per status for a space, tasks of one status, unknown status lists those in use', async () => {
    const space = d.spaces.find((s) => !s.archived)!;
    const tasks = d.tasks.filter((x) => x.spaceId === space.id && !truth.archivedBelow(x, 'space'));
    const counts: Record<string, number> = {};
    for (const x of tasks) counts[x.status] = (counts[x.status] ?? 0) + 1;
    const [status] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
    const o = await call('get_tasks_by_status', { space: space.id, status: status.toUpperCase() });
    expect(Object.fromEntries(o.status_counts.map((s: Obj) => [s.status, s.count]))).toEqual(counts);
    expect(sortIds(o.tasks)).toEqual(sortIds(tasks.filter((x) => x.status === status)));
    const byCat = await call('get_tasks_by_status', { space: space.name, category: 'done', limit: 200 });
    expect(sortIds(byCat.tasks)).toEqual(sortIds(tasks.filter((x) => truth.category(x) === 'done')));
    const err = await callError('get_tasks_by_status', { space: space.id, status: 'no such status' });
    expect(err).toContain(`Statuses in use: `);
    expect(err).toContain(`${status} (${counts[status]})`);
  });

  it('create_task, then update_task: visible at once without a sync, equal to what ClickUp (the sandbox) holds', async () => {
    const list = d.lists.find((l) => !l.archived && truth.effectiveStatuses(l.id).length > 2)!;
    const statuses = truth.effectiveStatuses(list.id);
    const [a, b, c] = d.members.filter((m) => m.status === 'active' && m.username);
    const created = await call('create_task', {
      list: list.name,
      name: 'E2E: write-through check',
      description: 'Created by the tasks e2e test.',
      status: statuses[1].status.toUpperCase(),
      priority: 'high',
      assignees: [a.username, b.email],
      due_date: '2030-01-15',
      estimate: '2h 30m',
      tags: ['e2e'],
    });
    expect(created.message).toMatch(/^Created task /);
    const stored = sandbox.store.dump().tasks.find((x) => x.id === created.id)!;
    expect(stored).toBeDefined();
    expect({
      status: stored.status,
      priority: stored.priority,
      assignees: [...stored.assigneeIds].sort(),
      estimate: stored.timeEstimate,
      due: stored.dueDate,
      tags: stored.tags,
      list: stored.listId,
    }).toEqual({
      status: statuses[1].status,
      priority: 2,
      assignees: [a.id, b.id].sort(),
      estimate: 150 * 60_000,
      due: startOfLocalDay('2030-01-16', TZ) - 60_000,
      tags: ['e2e'],
      list: list.id,
    });

    const read = await call('get_task', { task: created.id });
    expect(read).toEqual({ ...created, message: undefined, data_as_of: read.data_as_of, demo: false });
    expect([read.status, read.priority, read.estimate.direct.ms, read.dates.due, read.location.list.id, read.tags]).toEqual([
      statuses[1].status,
      'high',
      150 * 60_000,
      new Date(stored.dueDate!).toISOString(),
      list.id,
      ['e2e'],
    ]);
    expect(read.assignees.map((x: Obj) => x.id).sort()).toEqual([a.id, b.id].sort());
    expect(sortIds((await call('get_tasks', { list: list.id, include_closed: true, limit: 200 })).tasks)).toContain(created.id);

    const sub = await call('create_task', { list: list.id, name: 'E2E: subtask', parent: created.custom_id ?? created.id, estimate: '45' });
    expect((await call('get_task', { task: created.id })).subtasks.map((x: Obj) => x.id)).toEqual([sub.id]);

    const updated = await call('update_task', {
      task: created.custom_id ?? created.id,
      status: statuses[2].status,
      add_assignees: [String(c.id)],
      remove_assignees: [a.email],
      priority: 'none',
      due_date: 'none',
    });
    expect(updated.message).toBe(
      `Updated status, priority, due date, assignees of task ${created.custom_id ?? created.id} 'E2E: write-through check'.`,
    );
    const after = sandbox.store.dump().tasks.find((x) => x.id === created.id)!;
    expect({
      status: after.status,
      assignees: [...after.assigneeIds].sort(),
      priority: after.priority,
      due: after.dueDate,
      estimate: after.timeEstimate,
    }).toEqual({ status: statuses[2].status, assignees: [b.id, c.id].sort(), priority: null, due: null, estimate: 150 * 60_000 });
    const reread = await call('get_task', { task: created.id });
    expect([reread.status, reread.priority, reread.dates.due, reread.estimate.direct.ms, reread.name]).toEqual([
      statuses[2].status,
      null,
      null,
      150 * 60_000,
      'E2E: write-through check',
    ]);
    expect(reread.assignees.map((x: Obj) => x.id).sort()).toEqual([b.id, c.id].sort());
    expect(reread.estimate.rollup.ms).toBe(150 * 60_000 + 45 * 60_000);
  });

  it('write errors: an unknown status lists the allowed ones, an unknown list names candidates, nothing is sent', async () => {
    const list = d.lists.find((l) => !l.archived)!;
    const task = d.tasks.find((x) => x.listId === list.id)!;
    sandbox.resetStats();
    const bad = await callError('update_task', { task: task.id, status: 'Definitely Not A Status' });
    expect(bad).toMatch(/^'Definitely Not A Status' is not a status of the task's list .*\. Allowed statuses: /);
    for (const s of truth.effectiveStatuses(list.id)) expect(bad).toContain(s.status);
    const unknown = await callError('create_task', { list: `${list.name.slice(0, -1)}x`, name: 'never created' });
    expect(unknown).toMatch(/^No list matches '.*'\. Did you mean: /);
    expect(unknown).toContain(list.name);
    expect(await callError('update_task', { task: task.id })).toMatch(/^Nothing to change/);
    expect(await callError('create_task', { list: list.id, name: 'x', estimate: 'a while' })).toMatch(/^estimate 'a while' is not a duration/);
    expect(sandbox.stats().requests).toBe(0);
  });

  it('answers over SSE as well', async () => {
    const sse = await connectClient('sse', { url: t.url });
    try {
      const task = d.tasks.find((x) => x.customId)!;
      const o = await call('get_task', { task: task.customId }, sse);
      expect([o.id, o.name]).toEqual([task.id, task.name]);
    } finally {
      await sse.close();
    }
  });
});
