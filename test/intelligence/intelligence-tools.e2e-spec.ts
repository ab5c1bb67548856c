import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { TOOL_CONTRACT } from '../support/tool-contract';
import { DateTime } from 'luxon';
import { FixedClock } from '../../src/common/time/clock';
import type { DumpTask, SandboxDump } from '../../src/sandbox/sandbox-dump.types';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SnapshotService } from '../../src/sync/snapshot.service';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { pct, Scope, TimeTruth } from '../analytics/time-truth';
import { connectClient } from '../mcp/mcp-clients';
import { startTestApp, TestApp } from '../support/test-app';
import { ToolCaller } from '../support/tool-caller';
import { TEST_ENGINES } from '../support/test-database';

type Obj = Record<string, any>;

/** Wednesday 25 November 2026, 12:00 in Kolkata. */
const NOW = Date.parse('2026-11-25T06:30:00Z');
const ZONE = 'Asia/Kolkata';
const H = 3_600_000;
const D = 24 * H;
const INTELLIGENCE_TOOLS = TOOL_CONTRACT.intelligence;

/** The health formula restated: components, score and grade from a task set at `now`. */
function health(truth: TimeTruth, tasks: DumpTask[], now: number, stale = (t: DumpTask) => now - t.dateUpdated > 5 * D) {
  const open = tasks.filter((t) => !truth.finished(t));
  const one = (x: number) => Math.round(x * 10) / 10;
  const top = tasks.filter((t) => !t.parentId);
  const c = {
    overdue: open.length ? one(Math.max(0, 100 - (200 * open.filter((t) => t.dueDate !== null && t.dueDate < now).length) / open.length)) : 100,
    freshness: open.length ? one(100 - (100 * open.filter(stale).length) / open.length) : 100,
    progress: tasks.length ? one((100 * tasks.filter((t) => truth.finished(t)).length) / tasks.length) : 0,
    assignment: open.length ? one((100 * open.filter((t) => t.assigneeIds.length > 0).length) / open.length) : 100,
    estimates: top.length ? one((100 * top.filter((t) => (t.timeEstimate ?? 0) > 0).length) / top.length) : 0,
  };
  const score = Math.round(0.3 * c.overdue + 0.2 * c.freshness + 0.25 * c.progress + 0.15 * c.assignment + 0.1 * c.estimates);
  const grade = score >= 90 ? 'A' : score >= 75 ? 'B' : score >= 60 ? 'C' : score >= 50 ? 'D' : 'F';
  return { components: c, score, grade };
}

/**
 * The intelligence toolset over a real MCP client after a full sync of a sandbox with planted
 * projects (nothing active, everything overdue, no estimates, all stale; a folder with work
 * finished yesterday, due today, blocked and logged yesterday), a pinned clock and the report
 * zone Asia/Kolkata. Every value is recomputed from the sandbox's dump; the history test writes
 * snapshots on pinned days with changes between them and checks the trends.
 */
describe.each(TEST_ENGINES)('intelligence tools on %s', (kind) => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let client: Client;
  let truth: TimeTruth;
  let d: SandboxDump;
  const tools = new ToolCaller({ maxChars: 8000 });
  const p: Obj = {};

  const call = (name: string, args: Obj = {}): Promise<Obj> => tools.call(client, name, args);
  const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toMillis();
  const listTasks = (listId: string) => truth.taskSet({ kind: 'list', id: listId });
  const sync = async () => expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
  const refresh = () => {
    d = sandbox.store.dump();
    truth = new TimeTruth(d, NOW, ZONE);
  };

  beforeAll(async () => {
    sandbox = await SandboxServer.start({
      size: { name: 'intel', members: 10, extraLists: 4, tasks: 400, timeEntries: 2500, historyDays: 75 },
      seed: 5,
      now: NOW - H,
      rateLimitPerMinute: 0,
    });
    const m = sandbox.store.mutations;
    refresh();
    const liveLists = d.lists.filter(
      (l) =>
        !l.archived && (!l.folderId || !d.folders.find((f) => f.id === l.folderId)!.archived) && !d.spaces.find((s) => s.id === l.spaceId)!.archived,
    );
    const byCount = liveLists
      .map((l) => ({ l, n: listTasks(l.id).length }))
      .filter((x) => x.n >= 4)
      .sort((a, b) => b.n - a.n);
    const folder = d.folders.find((f) => !f.archived && !f.hidden && liveLists.filter((l) => l.folderId === f.id).length >= 2)!;
    const outside = byCount.filter((x) => x.l.folderId !== folder.id);
    const [done, overdue, noest, stale] = outside.slice(0, 4).map((x) => x.l);
    Object.assign(p, { done, overdue, noest, stale, folder });
    const statusesFor = (listId: string) => {
      const l = d.lists.find((x) => x.id === listId)!;
      if (l.overrideStatuses && l.statuses) return l.statuses;
      const f = l.folderId ? d.folders.find((x) => x.id === l.folderId) : undefined;
      return f?.overrideStatuses && f.statuses ? f.statuses : d.spaces.find((s) => s.id === l.spaceId)!.statuses;
    };
    const statusOf = (listId: string, type: string) => statusesFor(listId).find((s) => s.type === type);
    // nothing active
    for (const x of listTasks(done.id))
      if (!truth.finished(x)) m.changeStatus(x.id, (statusOf(done.id, 'done') || statusOf(done.id, 'closed'))!.status);
    // everything overdue
    for (const x of listTasks(overdue.id)) if (!truth.finished(x)) m.setDueDate(x.id, NOW - 2 * D);
    // no estimates on top-level tasks
    for (const x of listTasks(noest.id)) if (!x.parentId) m.setEstimate(x.id, null);
    // all stale
    for (const x of listTasks(stale.id)) if (!truth.finished(x)) m.backdateTask(x.id, { dateUpdated: NOW - 10 * D });
    // the folder's morning: finished yesterday, due today, blocked, time logged yesterday
    const inFolder = truth.taskSet({ kind: 'folder', id: folder.id }).filter((x) => !truth.finished(x));
    expect(inFolder.length).toBeGreaterThanOrEqual(4);
    const [f1, f2, dueToday, blocked] = inFolder;
    for (const x of [f1, f2]) {
      m.changeStatus(x.id, (statusOf(x.listId, 'done') || statusOf(x.listId, 'closed'))!.status);
      m.backdateTask(x.id, { dateDone: local('2026-11-24T15:00'), dateClosed: null, dateUpdated: local('2026-11-24T15:00') });
    }
    m.setDueDate(dueToday.id, local('2026-11-25T18:00'));
    const blocker =
      inFolder.find((x) => ![f1.id, f2.id, dueToday.id, blocked.id].includes(x.id)) ??
      d.tasks.find((x) => !truth.finished(x) && x.id !== blocked.id)!;
    m.addDependency(blocked.id, blocker.id);
    const person = d.members.find((x) => x.status === 'active' && x.roleKey === 'member')!;
    m.addTimeEntry({
      userId: person.id,
      taskId: dueToday.id,
      start: local('2026-11-24T10:00'),
      end: local('2026-11-24T12:00'),
      description: 'yesterday',
    });
    Object.assign(p, {
      f1,
      f2,
      dueToday,
      blocked,
      person,
      doneStatusOf: (listId: string) => (statusOf(listId, 'done') || statusOf(listId, 'closed'))!.status,
    });

    t = await startTestApp(
      kind,
      {
        CLICKUP_API_TOKEN: sandbox.ownerToken,
        CLICKUP_API_BASE_URL: sandbox.baseUrl,
        REPORT_TIME_ZONE: ZONE,
        SYNC_TIME_ZONE: ZONE,
      },
      { clock: new FixedClock(NOW) },
    );
    await sync();
    refresh();
    client = await connectClient('http', { url: t.url });
    await tools.load(client);
  });
  afterAll(async () => {
    await client?.close();
    await t?.close();
    await sandbox?.close();
  });

  it('publishes the twelve intelligence tools as read-only tools', () => {
    for (const name of INTELLIGENCE_TOOLS) {
      const tool = tools.schema(name);
      expect({ name, listed: !!tool, readOnly: tool?.annotations?.readOnlyHint }).toEqual({ name, listed: true, readOnly: true });
    }
  });

  it('get_project_health_score: each planted project drives its component, every component matches the formula', async () => {
    for (const [which, comp, value] of [
      ['done', 'progress', 100],
      ['overdue', 'overdue', 0],
      ['noest', 'estimates', 0],
      ['stale', 'freshness', 0],
    ] as const) {
      const list = p[which];
      const o = await call('get_project_health_score', { project: list.id });
      const e = health(truth, listTasks(list.id), NOW);
      expect({ which, components: o.components, score: o.score, grade: o.grade }).toEqual({
        which,
        components: e.components,
        score: e.score,
        grade: e.grade,
      });
      expect({ which, [comp]: o.components[comp] }).toEqual({ which, [comp]: value });
    }
    const done = await call('get_project_health_score', { project: p.done.name });
    expect([done.components.overdue, done.components.freshness, done.components.assignment, done.metrics.open]).toEqual([100, 100, 100, 0]);
    const overdue = await call('get_project_health_score', { project: p.overdue.id });
    expect(overdue.recommendations[0]).toMatch(/^Overdue \(0\): \d+ of \d+ open tasks are past due/);
    expect(overdue._text).toMatch(new RegExp(`health ${overdue.score} \\(${overdue.grade}\\)`));
    const space = p.folder.spaceId as string;
    const s = await call('get_project_health_score', { project: space });
    expect([s.score, s.components]).toEqual([
      health(truth, truth.taskSet({ kind: 'space', id: space }), NOW).score,
      health(truth, truth.taskSet({ kind: 'space', id: space }), NOW).components,
    ]);
  });

  it('get_project_daily_standup: finished yesterday, in progress, blocked, due today, time yesterday', async () => {
    const o = await call('get_project_daily_standup', { project: p.folder.id });
    const set = truth.taskSet({ kind: 'folder', id: p.folder.id });
    const y = truth.dayWindow('2026-11-24');
    const fin = set.filter((x) => {
      const f = truth.finishedAt(x);
      return f !== null && f >= y.from && f < y.to;
    });
    expect(o.finished_yesterday_total).toBe(fin.length);
    expect(o.finished_yesterday.map((x: Obj) => x.id)).toEqual(expect.arrayContaining([p.f1.id, p.f2.id]));
    expect(o.in_progress_total).toBe(set.filter((x) => truth.category(x) === 'active').length);
    const td = truth.dayWindow('2026-11-25');
    expect(o.due_today.map((x: Obj) => x.id).sort()).toEqual(
      set
        .filter((x) => !truth.finished(x) && x.dueDate !== null && x.dueDate >= td.from && x.dueDate < td.to)
        .map((x) => x.id)
        .sort(),
    );
    const open = set.filter((x) => !truth.finished(x));
    const waits = (x: DumpTask) =>
      x.dependencies.some(
        (dep) => dep.taskId === x.id && dep.type === 0 && truth.tasks.get(dep.dependsOn) && !truth.finished(truth.tasks.get(dep.dependsOn)!),
      );
    expect(o.blocked_total).toBe(open.filter((x) => x.status.toLowerCase().includes('block') || waits(x)).length);
    expect(o.blocked.map((x: Obj) => x.id)).toContain(p.blocked.id);
    const time = truth.pieces(y, { kind: 'folder', id: p.folder.id });
    expect(o.time_yesterday_total.ms).toBe(truth.sum(time).ms);
    const people = [...truth.group(time, (x) => x.entry.userId)];
    expect(o.time_yesterday_people).toBe(people.length);
    expect(o.time_yesterday_people).toBeLessThanOrEqual(10);
    expect(Object.fromEntries(o.time_yesterday.map((x: Obj) => [x.id, x.time.ms]))).toEqual(
      Object.fromEntries(people.map(([k, ps]) => [k, truth.sum(ps).ms])),
    );
    expect(o._text).toMatch(/^\*\*Standup — /);
  });

  it('get_project_weekly_digest: the last 7 days', async () => {
    const space = p.folder.spaceId as string;
    const o = await call('get_project_weekly_digest', { project: space });
    const w = truth.lastDays(7);
    const set = truth.taskSet({ kind: 'space', id: space });
    expect(o.finished.total).toBe(
      set.filter((x) => {
        const f = truth.finishedAt(x);
        return f !== null && f >= w.from && f < w.to;
      }).length,
    );
    expect(o.started).toEqual(expect.objectContaining({ basis: 'created', total: set.filter((x) => x.dateCreated >= w.from).length }));
    expect(o.overdue.total).toBe(set.filter((x) => !truth.finished(x) && x.dueDate !== null && x.dueDate < NOW).length);
    const time = truth.pieces(w, { kind: 'space', id: space });
    expect(o.time.ms).toBe(truth.sum(time).ms);
    for (const [uid, ps] of truth.group(time, (x) => x.entry.userId))
      expect([uid, o.people.find((x: Obj) => x.id === uid)?.time.ms]).toEqual([uid, truth.sum(ps).ms]);
  });

  it('get_project_blockers and get_project_at_risk', async () => {
    const space = p.folder.spaceId as string;
    const set = truth.taskSet({ kind: 'space', id: space }).filter((x) => !truth.finished(x));
    const waits = (x: DumpTask) =>
      x.dependencies.some(
        (dep) => dep.taskId === x.id && dep.type === 0 && truth.tasks.get(dep.dependsOn) && !truth.finished(truth.tasks.get(dep.dependsOn)!),
      );
    const o = await call('get_project_blockers', { project: space, stale_days: 7, limit: 200 });
    const blocked = set.filter((x) => x.status.toLowerCase().includes('block') || waits(x));
    const waiting = set.filter((x) => x.status.toLowerCase().includes('wait'));
    const stale = set.filter((x) => NOW - x.dateUpdated > 7 * D);
    expect(o.counts).toEqual({
      blocked: blocked.length,
      waiting: waiting.length,
      stale: stale.length,
      total: new Set([...blocked, ...waiting, ...stale].map((x) => x.id)).size,
    });
    const r = await call('get_project_at_risk', { project: space, risk_days: 3, limit: 200 });
    const late = set.filter((x) => x.dueDate !== null && x.dueDate < NOW);
    const soon = set.filter((x) => x.dueDate !== null && x.dueDate >= NOW && x.dueDate <= NOW + 3 * D);
    expect(r.counts).toEqual({ overdue: late.length, due_soon: soon.length });
    for (const x of r.tasks.filter((y: Obj) => y.reason === 'overdue')) expect(x.overdue_by.ms).toBe(NOW - truth.tasks.get(x.id)!.dueDate!);
  });

  it('get_project_team_workload: open tasks and split estimates per person, bands', async () => {
    const space = p.folder.spaceId as string;
    const open = truth.taskSet({ kind: 'space', id: space }).filter((x) => !truth.finished(x));
    const per = new Map<number, { n: number; est: number }>();
    for (const x of open)
      for (const [uid, share] of truth.shares(x)) per.set(uid, { n: (per.get(uid)?.n ?? 0) + 1, est: (per.get(uid)?.est ?? 0) + share });
    const o = await call('get_project_team_workload', { project: space, limit: 200 });
    const avg = [...per.values()].reduce((s, x) => s + x.n, 0) / per.size;
    for (const [uid, x] of per) {
      const row = o.people.find((y: Obj) => y.id === uid);
      const band = x.n > 1.5 * avg && x.n > 5 ? 'overloaded' : x.n < 0.5 * avg ? 'spare' : 'normal';
      expect({ uid, n: row?.open_tasks, est: row?.open_estimate.ms, band: row?.band }).toEqual({ uid, n: x.n, est: x.est, band });
    }
    expect(o.unassigned.open_tasks).toBe(open.filter((x) => !x.assigneeIds.length).length);
  });

  it('get_project_completion_rate and get_project_velocity: from finish and creation dates', async () => {
    const space = p.folder.spaceId as string;
    const set = truth.taskSet({ kind: 'space', id: space });
    const c = await call('get_project_completion_rate', { project: space, weeks: 4 });
    const monday = truth.local(NOW).startOf('week');
    for (let i = 0; i < 4; i++) {
      const end = monday.minus({ weeks: 3 - i }).toMillis();
      const exist = set.filter((x) => x.dateCreated < end);
      const fin = exist.filter((x) => (truth.finishedAt(x) ?? Infinity) < end);
      expect([c.weeks[i].all.total, c.weeks[i].all.finished, c.weeks[i].all.percent]).toEqual([
        exist.length,
        fin.length,
        pct(fin.length, exist.length),
      ]);
    }
    expect(c.now.all).toEqual({
      total: set.length,
      finished: set.filter((x) => truth.finished(x)).length,
      percent: pct(set.filter((x) => truth.finished(x)).length, set.length),
    });
    const v = await call('get_project_velocity', { project: space, weeks: 6 });
    const weeks = Array.from({ length: 6 }, (_, i) => monday.minus({ weeks: 6 - i }));
    const counts = weeks.map((w) =>
      set.filter((x) => {
        const f = truth.finishedAt(x);
        return f !== null && f >= w.toMillis() && f < w.plus({ weeks: 1 }).toMillis();
      }),
    );
    expect(v.weeks.map((w: Obj) => w.finished_tasks)).toEqual(counts.map((x) => x.length));
    expect(v.weeks.map((w: Obj) => w.finished_estimate.ms)).toEqual(counts.map((x) => x.reduce((s, y) => s + Math.max(0, y.timeEstimate ?? 0), 0)));
    expect(v.average_tasks).toBe(Math.round((counts.reduce((s, x) => s + x.length, 0) / 6) * 10) / 10);
    expect(v.this_week.finished_tasks).toBe(set.filter((x) => (truth.finishedAt(x) ?? -1) >= monday.toMillis()).length);
  });

  it("structure: statuses in use, a list's defined statuses, folderless lists, time tracking by status", async () => {
    const space = p.folder.spaceId as string;
    const set = truth.taskSet({ kind: 'space', id: space });
    const st = await call('get_project_statuses', { project: space });
    const counts = new Map<string, number>();
    for (const x of set) counts.set(x.status, (counts.get(x.status) ?? 0) + 1);
    expect(Object.fromEntries(st.statuses.map((x: Obj) => [x.status, x.tasks]))).toEqual(Object.fromEntries(counts));
    const ls = await call('get_list_defined_statuses', { list: p.done.id });
    expect(ls.source).toBe(p.done.effectiveStatusSource);
    const fl = await call('get_workspace_folderless_lists');
    expect(fl.lists.map((x: Obj) => x.id).sort()).toEqual(
      d.lists
        .filter((l) => !l.folderId && !l.archived && !d.spaces.find((s) => s.id === l.spaceId)!.archived)
        .map((l) => l.id)
        .sort(),
    );
    const tt = await call('get_project_time_tracking', { project: space, group_by: 'status' });
    const ids = new Set(set.map((x) => x.id));
    const pieces = truth.pieces(null, { kind: 'workspace' }, { taskIds: ids });
    expect(tt.time.ms).toBe(truth.sum(pieces).ms);
    for (const [k, ps] of truth.group(pieces, (x) => truth.tasks.get(x.entry.taskId!)!.status))
      expect([k, tt.groups.find((g: Obj) => g.id === k)?.time.ms]).toEqual([k, truth.sum(ps).ms]);
  });

  it('history: snapshots on pinned days with changes between them give the trends; a missing day says so', async () => {
    const snapshots = t.app.get(SnapshotService);
    const project = p.overdue as { id: string; spaceId: string };
    const scope: Scope = { kind: 'list', id: project.id };
    // 21 Nov: the synced state as it is now
    await snapshots.snapshot('test', '2026-11-21', NOW);
    const day1 = sandbox.store.dump();
    // finish two open tasks and unassign one, then 23 Nov (22 Nov stays without a snapshot)
    const open = listTasks(project.id).filter((x) => !truth.finished(x));
    const m = sandbox.store.mutations;
    const doneStatus = p.doneStatusOf(project.id) as string;
    for (const x of open.slice(0, 2)) m.changeStatus(x.id, doneStatus);
    if (open[2]?.assigneeIds.length) m.reassign(open[2].id, { add: [], rem: open[2].assigneeIds });
    await sync();
    await snapshots.snapshot('test', '2026-11-23', NOW);
    const day3 = sandbox.store.dump();
    refresh();
    const o = await call('get_project_health_score', { project: project.id, trend_days: 4 });
    expect(o.trend.map((x: Obj) => [x.date, x.missing])).toEqual([
      ['2026-11-21', false],
      ['2026-11-22', true],
      ['2026-11-23', false],
      ['2026-11-24', true],
    ]);
    const endOf = (date: string) => truth.dayWindow(date).to;
    for (const [date, dump] of [
      ['2026-11-21', day1],
      ['2026-11-23', day3],
    ] as const) {
      const past = new TimeTruth(dump, endOf(date), ZONE);
      const tasks = past.taskSet(scope);
      const e = health(past, tasks, endOf(date), (x) => endOf(date) - x.dateUpdated > 5 * D);
      const point = o.trend.find((x: Obj) => x.date === date);
      expect({ date, score: point.score, components: point.components }).toEqual({ date, score: e.score, components: e.components });
    }
    expect(o._text).toMatch(/Was \d+ \([A-F]\) on 2026-11-2[13]/);
    expect(o._text).toMatch(/No snapshot for 2 of 4 trend days/);
    const c = await call('get_project_completion_rate', { project: project.id, trend_days: 4 });
    const at = (dump: SandboxDump) => {
      const past = new TimeTruth(dump, NOW, ZONE);
      const tasks = past.taskSet(scope);
      return {
        total: tasks.length,
        finished: tasks.filter((x) => past.finished(x)).length,
        percent: pct(tasks.filter((x) => past.finished(x)).length, tasks.length),
      };
    };
    expect([c.trend[0].all, c.trend[1].missing, c.trend[2].all]).toEqual([at(day1), true, at(day3)]);
    const w = await call('get_project_team_workload', { project: project.id, trend_days: 4 });
    const openOf = (dump: SandboxDump) => new TimeTruth(dump, NOW, ZONE).taskSet(scope).filter((x) => !new TimeTruth(dump, NOW, ZONE).finished(x));
    expect(w.trend[0].unassigned_open_tasks).toBe(openOf(day1).filter((x) => !x.assigneeIds.length).length);
    expect(w.trend[2].unassigned_open_tasks).toBe(openOf(day3).filter((x) => !x.assigneeIds.length).length);
    expect(w.trend[2].people.reduce((s: number, x: Obj) => s + x.open_tasks, 0)).toBe(openOf(day3).reduce((s, x) => s + x.assigneeIds.length, 0));
  });
});
