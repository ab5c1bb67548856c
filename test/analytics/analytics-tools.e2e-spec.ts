import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { TOOL_CONTRACT } from '../support/tool-contract';
import { DateTime } from 'luxon';
import { TimeFactsRepository } from '../../src/analytics/time/time-facts.repository';
import { FixedClock } from '../../src/common/time/clock';
import type { DumpMember, DumpTask } from '../../src/sandbox/sandbox-dump.types';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { connectClient } from '../mcp/mcp-clients';
import { startTestApp, TestApp } from '../support/test-app';
import { ToolCaller } from '../support/tool-caller';
import { TEST_ENGINES } from '../support/test-database';
import { pct, Piece, Scope, TimeTruth } from './time-truth';

type Obj = Record<string, any>;

/** Wednesday 4 November 2026, 17:00Z: the week after New York fell back (Sunday 1 Nov has 25 hours there). */
const NOW = Date.parse('2026-11-04T17:00:00Z');
const H = 3_600_000;
const ANALYTICS_TOOLS = TOOL_CONTRACT.analytics;
const ZONES = ['Asia/Kolkata', 'America/New_York', 'UTC'];
const CASES = TEST_ENGINES.flatMap((engine) => ZONES.map((zone) => [engine, zone] as const));

/**
 * The analytics toolset over a real MCP client after a full sync of a sandbox workspace with the
 * hard cases planted (midnight and Sunday→Monday crossings, an entry ending at Monday 00:00, a
 * running timer from yesterday, an entry without a task, a deleted entry, a subtask in another
 * list, a moved task, three assignees sharing an odd estimate, a removed person, a 25-hour day,
 * an entry of no length),
 * with a pinned clock, in three report zones. Every number is checked against TimeTruth, which
 * recomputes it from the sandbox's dump.
 */
describe.each(CASES)('analytics tools on %s in %s', (kind, zone) => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let client: Client;
  let truth: TimeTruth;
  const tools = new ToolCaller({ maxChars: 8000 });
  const planted: Obj = {};

  const call = (name: string, args: Obj = {}): Promise<Obj> => tools.call(client, name, args);
  const callError = (name: string, args: Obj): Promise<string> => tools.error(client, name, args);
  const byId = (rows: Obj[]) => new Map(rows.map((r) => [r.id, r]));
  const perPerson = (pieces: Piece[]) => truth.group(pieces, (p) => p.entry.userId);

  beforeAll(async () => {
    sandbox = await SandboxServer.start({
      size: { name: 'analytics', members: 10, extraLists: 2, tasks: 300, timeEntries: 2500, historyDays: 75 },
      seed: 11,
      now: NOW - H,
      rateLimitPerMinute: 0,
    });
    const m = sandbox.store.mutations;
    const d0 = sandbox.store.dump();
    const local = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
    const running = new Set(d0.timeEntries.filter((e) => e.running).map((e) => e.userId));
    const people = d0.members.filter((x) => x.status === 'active' && x.roleKey === 'member');
    const idle = people.filter((x) => !running.has(x.id));
    expect(people.length).toBeGreaterThanOrEqual(5);
    expect(idle.length).toBeGreaterThanOrEqual(1);
    const [A, B, D, E] = people.filter((x) => x.id !== idle[0].id);
    const C = idle[0];
    const liveList = new Set(d0.lists.filter((l) => !l.archived).map((l) => l.id));
    const live = d0.tasks.filter((x) => !x.archived && liveList.has(x.listId) && !x.parentId);
    const [T1, T2, T3, T5, T6, T7] = live;
    const crossSub = d0.tasks.find((x) => x.parentId && d0.tasks.find((p) => p.id === x.parentId)!.listId !== x.listId)!;
    expect(crossSub).toBeDefined();
    const other = d0.lists.find((l) => !l.archived && l.spaceId !== T5.spaceId)!;
    Object.assign(planted, { A, B, C, D, E, T1, T2, T3, T5, T6, T7, crossSub, movedTo: other });

    // 1. across local midnight, billable
    m.addTimeEntry({
      userId: A.id,
      taskId: T1.id,
      start: local('2026-11-02T22:00'),
      end: local('2026-11-03T02:00'),
      billable: true,
      description: 'midnight',
    });
    // 2. Sunday → Monday (last week into this week)
    m.addTimeEntry({
      userId: B.id,
      taskId: T2.id,
      start: local('2026-11-01T23:00'),
      end: local('2026-11-02T01:30'),
      description: 'sunday to monday',
    });
    // 3. ending exactly at Monday 00:00
    m.addTimeEntry({ userId: A.id, taskId: T3.id, start: local('2026-11-01T22:00'), end: local('2026-11-02T00:00'), description: 'ends at monday' });
    // 4. a running timer started yesterday evening
    m.addTimeEntry({ userId: C.id, taskId: T1.id, start: local('2026-11-03T20:00'), end: null, description: 'running since yesterday' });
    // 5. no task
    m.addTimeEntry({ userId: D.id, taskId: null, start: local('2026-11-02T10:00'), end: local('2026-11-02T11:30'), description: 'no task' });
    // 6. deleted
    const gone = m.addTimeEntry({
      userId: A.id,
      taskId: T1.id,
      start: local('2026-11-03T09:00'),
      end: local('2026-11-03T10:00'),
      description: 'deleted',
    });
    m.deleteTimeEntry(gone.id);
    // 7. a subtask living in another list than its parent
    m.addTimeEntry({
      userId: B.id,
      taskId: crossSub.id,
      start: local('2026-11-02T14:00'),
      end: local('2026-11-02T15:00'),
      billable: true,
      description: 'cross-list subtask',
    });
    // 8. a task moved to another space after time was logged on it
    m.addTimeEntry({ userId: D.id, taskId: T5.id, start: local('2026-11-03T10:00'), end: local('2026-11-03T12:00'), description: 'before the move' });
    m.moveTask(T5.id, other.id);
    // 9. three assignees sharing an estimate that does not divide evenly
    m.reassign(T6.id, { add: [A.id, B.id, D.id], rem: T6.assigneeIds.filter((x) => ![A.id, B.id, D.id].includes(x)) });
    m.setEstimate(T6.id, 3 * H + 1);
    // 10. New York's 25-hour Sunday: 00:30 to 03:30 local is four real hours there
    m.addTimeEntry({ userId: B.id, taskId: T7.id, start: local('2026-11-01T00:30'), end: local('2026-11-01T03:30'), description: 'long sunday' });
    // 11. a person who logged time and is then removed
    m.addTimeEntry({ userId: E.id, taskId: T7.id, start: local('2026-11-03T13:00'), end: local('2026-11-03T14:00'), description: 'then removed' });
    // 12. an entry of no length (start = end): inside every window, yet no time and no entry
    m.addTimeEntry({ userId: A.id, taskId: T3.id, start: local('2026-11-02T09:00'), end: local('2026-11-02T09:00'), description: 'no length' });

    t = await startTestApp(
      kind,
      {
        CLICKUP_API_TOKEN: sandbox.ownerToken,
        CLICKUP_API_BASE_URL: sandbox.baseUrl,
        REPORT_TIME_ZONE: zone,
        SYNC_TIME_ENTRIES_HISTORY_DAYS: '3650',
      },
      { clock: new FixedClock(NOW) },
    );
    const runner = t.app.get(SyncRunnerService);
    expect((await runner.runNow('full', 'test')).run?.status).toBe('succeeded');
    m.removeMember(E.id);
    expect((await runner.runNow('full', 'test')).run?.status).toBe('succeeded');
    truth = new TimeTruth(sandbox.store.dump(), NOW, zone, new Map<number, DumpMember>([[E.id, E]]));
    client = await connectClient('http', { url: t.url });
    await tools.load(client);
  });
  afterAll(async () => {
    await client?.close();
    await t?.close();
    await sandbox?.close();
  });

  it('publishes the thirteen analytics tools as read-only tools with output schemas', () => {
    for (const name of ANALYTICS_TOOLS) {
      const tool = tools.schema(name);
      expect({ name, listed: !!tool, output: !!tool?.outputSchema, readOnly: tool?.annotations?.readOnlyHint }).toEqual({
        name,
        listed: true,
        output: true,
        readOnly: true,
      });
    }
  });

  /** Checks a person × day grid against the truth for a window. */
  const expectGrid = (o: Obj, w: { from: number; to: number; days: string[] }, scope: Scope = { kind: 'workspace' }) => {
    const pieces = truth.pieces(w, scope, { byDay: true });
    const people = perPerson(pieces);
    expect(o.days).toEqual(w.days);
    expect(o.rows_total).toBe(people.size);
    expect(o.truncated).toBe(false);
    const rows = new Map(o.rows.map((r: Obj) => [r.id, r]));
    const cap = truth.capacity(w.days);
    for (const [uid, ps] of people) {
      const row = rows.get(uid) as Obj;
      const perDay = w.days.map((day) => ps.filter((p) => p.day === day).reduce((s, p) => s + p.ms, 0));
      const sum = truth.sum(ps);
      const worked = perDay.filter((x) => x > 0).length;
      expect({
        uid,
        name: row?.name,
        seconds: row?.seconds,
        ms: row?.time.ms,
        billable: row?.billable.ms,
        worked: row?.days_worked,
        avg: row?.daily_average.ms,
        util: row?.utilization_percent,
        running: row?.running_timer,
      }).toEqual({
        uid,
        name: truth.memberName(uid),
        seconds: perDay.map((x) => Math.round(x / 1000)),
        ms: sum.ms,
        billable: sum.billable,
        worked,
        avg: Math.round(worked ? sum.ms / worked : 0),
        util: pct(sum.ms, cap),
        running: ps.some((p) => p.entry.running),
      });
    }
    const total = truth.sum(pieces);
    expect([o.time.ms, o.billable.ms, o.non_billable.ms]).toEqual([total.ms, total.billable, total.ms - total.billable]);
    expect(o.day_totals).toEqual(w.days.map((day) => Math.round(pieces.filter((p) => p.day === day).reduce((s, p) => s + p.ms, 0) / 1000)));
    const idle = truth
      .roster()
      .filter((x) => !people.has(x.id))
      .map((x) => truth.memberName(x.id))
      .sort((a, b) => a.localeCompare(b));
    expect(o.no_time_logged).toEqual(idle);
  };

  it('get_weekly_timesheet: last week and this week split at local midnights, the running timer up to now', async () => {
    const last = await call('get_weekly_timesheet', { week: 'last_week' });
    expectGrid(last, truth.weekWindow(1));
    const def = await call('get_weekly_timesheet');
    const w = truth.weekWindow(0);
    expectGrid(def, w);
    expect(def.period.label).toMatch(/^Mon 2 – Sun 8 Nov 2026 \(/);
    // the planted crossings land on the right days
    const { A, B, C } = planted;
    const seconds = (o: Obj, id: number, day: string) => o.rows.find((r: Obj) => r.id === id)?.seconds[o.days.indexOf(day)];
    expect(seconds(def, B.id, '2026-11-02')).toBeGreaterThanOrEqual(90 * 60);
    expect(seconds(last, B.id, '2026-11-01')).toBeGreaterThanOrEqual(60 * 60);
    expect(seconds(def, A.id, '2026-11-03')).toBeGreaterThanOrEqual(2 * 3600);
    const cRow = def.rows.find((r: Obj) => r.id === C.id);
    expect(cRow.running_timer).toBe(true);
    // by week, through three selectors of the same week
    const iso = (await call('get_weekly_timesheet', { week: last.period.iso_week })).rows;
    expect(iso).toEqual(last.rows);
    expect((await call('get_weekly_timesheet', { week: '1-weeks-ago' })).rows).toEqual(last.rows);
    expect((await call('get_weekly_timesheet', { week: '2026-10-28' })).rows).toEqual(last.rows);
  });

  it('get_monthly_timesheet and get_timesheet: a month, and a custom window across the DST change', async () => {
    expectGrid(await call('get_monthly_timesheet', { month: '2026-10' }), truth.rangeWindow('2026-10-01', '2026-10-31'));
    const custom = await call('get_timesheet', { period: 'custom', start: '2026-10-30', end: '2026-11-03' });
    expectGrid(custom, truth.rangeWindow('2026-10-30', '2026-11-03'));
    if (zone === 'America/New_York') expect(new Date(custom.period.to).getTime() - new Date(custom.period.from).getTime()).toBe((5 * 24 + 1) * H);
    // a person and a space
    const space = truth.location(truth.d.timeEntries.find((e) => e.taskId === planted.T1.id)!)!.spaceId;
    const scoped = await call('get_timesheet', { period: 'last_30_days', space });
    expectGrid(scoped, truth.lastDays(30), { kind: 'space', id: space });
    const one = await call('get_weekly_timesheet', { person: planted.A.username });
    expect(one.rows.map((r: Obj) => r.id)).toEqual([planted.A.id]);
  });

  it('get_employee_time_report: per person totals, billable split, utilization, projects and tasks; no-task time; the removed person', async () => {
    const w = truth.lastDays(30);
    const o = await call('get_employee_time_report', { period: 'last_30_days' });
    const pieces = truth.pieces(w, { kind: 'workspace' });
    const people = perPerson(pieces);
    expect(o.people_total).toBe(people.size);
    const cap = truth.capacity(w.days);
    expect(o.capacity_per_person.ms).toBe(cap);
    const rows = byId(o.people);
    for (const [uid, ps] of people) {
      const s = truth.sum(ps);
      const r = rows.get(uid);
      if (!r) continue; // capped lists keep totals exact; the person filter below checks detail
      expect({ uid, ms: r.time.ms, b: r.billable.ms, util: r.utilization_percent, tasks: r.tasks_total }).toEqual({
        uid,
        ms: s.ms,
        b: s.billable,
        util: pct(s.ms, cap),
        tasks: new Set(ps.map((p) => p.entry.taskId)).size,
      });
    }
    const total = truth.sum(pieces);
    expect([o.time.ms, o.billable.ms]).toEqual([total.ms, total.billable]);
    const removed = rows.get(planted.E.id);
    expect(removed).toEqual(expect.objectContaining({ name: truth.memberName(planted.E.id), removed: true }));

    // one person in detail: every project and task
    const d = await call('get_employee_time_report', { period: 'last_30_days', person: String(planted.D.id) });
    const mine = pieces.filter((p) => p.entry.userId === planted.D.id);
    const projectOf = (p: Piece) => {
      const l = truth.location(p.entry);
      return l ? (l.folderId ?? l.listId) : null;
    };
    const projects = truth.group(mine, projectOf);
    expect(Object.fromEntries(d.people[0].projects.map((x: Obj) => [String(x.id), x.time.ms]))).toEqual(
      Object.fromEntries([...projects].map(([k, ps]) => [String(k), truth.sum(ps).ms])),
    );
    expect(d.people[0].projects.find((x: Obj) => x.id === null)?.name).toBe('no task');
    const tasks = truth.group(mine, (p) => p.entry.taskId);
    expect(Object.fromEntries(d.people[0].tasks.map((x: Obj) => [String(x.id), x.time.ms]))).toEqual(
      Object.fromEntries([...tasks].map(([k, ps]) => [String(k), truth.sum(ps).ms])),
    );
  });

  it("get_space_project_time_report: projects of the moved task's new space, estimates of tasks with time, inactive projects", async () => {
    const space = planted.movedTo.spaceId as string;
    const o = await call('get_space_project_time_report', { space, period: 'this_month' });
    const w = { from: truth.at('2026-11-01'), to: truth.at('2026-12-01') };
    const s: Scope = { kind: 'space', id: space };
    const pieces = truth.pieces(w, s);
    expect(o.time.ms).toBe(truth.sum(pieces).ms);
    const proj = truth.group(pieces, (p) => {
      const l = truth.location(p.entry)!;
      return l.folderId ?? l.listId;
    });
    expect(o.projects.length + o.inactive_projects.length).toBeLessThanOrEqual(o.projects_total);
    for (const [id, ps] of proj) {
      const p = o.projects.find((x: Obj) => x.id === id);
      const taskIds = new Set(ps.map((x) => x.entry.taskId as string));
      const est = [...taskIds].reduce((sum, tid) => sum + Math.max(0, truth.tasks.get(tid)!.timeEstimate ?? 0), 0);
      const all = truth.taskSet(s).filter((x) => (x.folderId ?? x.listId) === id).length;
      expect({ id, ms: p?.time.ms, b: p?.billable.ms, tasks: p?.tasks_with_time, est: p?.estimate.ms, total: p?.total_tasks }).toEqual({
        id,
        ms: truth.sum(ps).ms,
        b: truth.sum(ps).billable,
        tasks: taskIds.size,
        est,
        total: all,
      });
    }
    // the moved task's time counts in its new space
    expect(pieces.some((p) => p.entry.taskId === planted.T5.id)).toBe(true);
    const folders = truth.d.folders.filter((f) => f.spaceId === space && !f.archived && !f.hidden).map((f) => f.id);
    const lists = truth.d.lists.filter((l) => l.spaceId === space && !l.folderId && !l.archived).map((l) => l.id);
    expect(o.inactive_projects.map((x: Obj) => x.id).sort()).toEqual([...folders, ...lists].filter((id) => !proj.has(id)).sort());
    expect(await callError('get_space_project_time_report', { space: 'zz-nowhere' })).toMatch(/No space matches 'zz-nowhere'/);
  });

  it('get_folder_time_report: by list, person and status', async () => {
    const folderEntry = truth.d.timeEntries.find((e) => truth.location(e)?.folderId);
    const folder = truth.location(folderEntry!)!.folderId as string;
    const s: Scope = { kind: 'folder', id: folder };
    const pieces = truth.pieces(truth.lastDays(30), s);
    for (const [group_by, key] of [
      ['list', (p: Piece) => truth.location(p.entry)!.listId],
      ['person', (p: Piece) => String(p.entry.userId)],
      ['status', (p: Piece) => truth.tasks.get(p.entry.taskId!)!.status],
    ] as const) {
      const o = await call('get_folder_time_report', { folder, period: 'last_30_days', group_by });
      const groups = truth.group(pieces, key);
      expect(o.groups_total).toBe(groups.size);
      expect(Object.fromEntries(o.groups.map((g: Obj) => [g.id, [g.time.ms, g.billable.ms, g.tasks_with_time]]))).toEqual(
        Object.fromEntries(
          [...groups].map(([k, ps]) => [k, [truth.sum(ps).ms, truth.sum(ps).billable, new Set(ps.map((p) => p.entry.taskId)).size]]),
        ),
      );
    }
  });

  it('get_yesterday_report: time per person and task yesterday, and the tasks finished yesterday', async () => {
    const yesterday = truth.local(NOW).minus({ days: 1 }).toISODate() as string;
    const w = truth.dayWindow(yesterday);
    const o = await call('get_yesterday_report');
    expect(o.period.first_day).toBe(yesterday);
    const pieces = truth.pieces(w, { kind: 'workspace' });
    expect(o.time.ms).toBe(truth.sum(pieces).ms);
    expect(o.people_total).toBe(perPerson(pieces).size);
    for (const [uid, ps] of perPerson(pieces)) {
      const p = o.people.find((x: Obj) => x.id === uid);
      expect([uid, p?.time.ms, p?.tasks_total]).toEqual([uid, truth.sum(ps).ms, new Set(ps.map((x) => x.entry.taskId)).size]);
    }
    const finished = truth.taskSet({ kind: 'workspace' }).filter((x) => {
      const f = truth.finishedAt(x);
      return f !== null && f >= w.from && f < w.to;
    });
    expect(o.finished_total).toBe(finished.length);
    expect(o.finished.map((x: Obj) => x.id).sort()).toEqual(
      finished
        .map((x) => x.id)
        .sort()
        .slice(0, o.finished.length)
        .sort(),
    );
  });

  it('get_progress_since: finished, created and updated since a date', async () => {
    const since = '2026-10-20';
    const from = truth.at(since);
    const o = await call('get_progress_since', { since, limit: 200 });
    const set = truth.taskSet({ kind: 'workspace' });
    const fin = set.filter((x) => (truth.finishedAt(x) ?? -1) >= from);
    expect([o.finished.total, o.finished.done, o.finished.closed, o.finished.subtasks]).toEqual([
      fin.length,
      fin.filter((x) => truth.category(x) === 'done').length,
      fin.filter((x) => truth.category(x) === 'closed').length,
      fin.filter((x) => x.parentId).length,
    ]);
    expect(o.created.total).toBe(set.filter((x) => x.dateCreated >= from).length);
    expect(o.status_changes.basis).toBe('updated_since');
    expect(o.status_changes.total).toBe(set.filter((x) => x.dateUpdated >= from).length);
  });

  it('get_time_tracking_report: time by who logged it, estimates split evenly to the millisecond, by status, list and task', async () => {
    const space = planted.T6.spaceId as string;
    const s: Scope = { kind: 'space', id: space };
    const set = truth.taskSet(s);
    const ids = new Set(set.map((x) => x.id));
    const pieces = truth.pieces(null, { kind: 'workspace' }, { taskIds: ids });
    const o = await call('get_time_tracking_report', { space, limit: 200 });
    expect([o.tasks, o.time.ms]).toEqual([set.length, truth.sum(pieces).ms]);
    const est = new Map<string, number>();
    let unassigned = 0;
    for (const x of set) {
      if (!x.assigneeIds.length) unassigned += Math.max(0, x.timeEstimate ?? 0);
      for (const [uid, share] of truth.shares(x)) est.set(String(uid), (est.get(String(uid)) ?? 0) + share);
    }
    const time = truth.group(pieces, (p) => String(p.entry.userId));
    const keys = new Set([...est.keys(), ...time.keys()]);
    for (const k of keys) {
      const g = o.groups.find((x: Obj) => x.id === k);
      const ms = time.has(k) ? truth.sum(time.get(k)!).ms : 0;
      expect({ k, ms: g?.time.ms, est: g?.estimate.ms, eff: g?.efficiency_percent }).toEqual({
        k,
        ms,
        est: est.get(k) ?? 0,
        eff: pct(ms, est.get(k) ?? 0),
      });
    }
    expect(o.groups.find((x: Obj) => x.id === null)?.estimate.ms ?? 0).toBe(unassigned);
    // the odd estimate shared by three adds up exactly
    const shares = [...truth.shares(truth.tasks.get(planted.T6.id)!).values()];
    expect(shares.reduce((a, b) => a + b, 0)).toBe(3 * H + 1);
    expect(o.estimate.ms).toBe(set.reduce((a, x) => a + Math.max(0, x.timeEstimate ?? 0), 0));

    const byStatus = await call('get_time_tracking_report', { space, group_by: 'status', limit: 200 });
    const st = truth.group(pieces, (p) => truth.tasks.get(p.entry.taskId!)!.status);
    for (const [k, ps] of st) expect([k, byStatus.groups.find((g: Obj) => g.id === k)?.time.ms]).toEqual([k, truth.sum(ps).ms]);
    const month = await call('get_time_tracking_report', { space, group_by: 'list', period: 'last_month', limit: 200 });
    const w = truth.rangeWindow('2026-10-01', '2026-10-31');
    const lp = truth.group(truth.pieces(w, { kind: 'workspace' }, { taskIds: ids }), (p) => truth.location(p.entry)!.listId);
    for (const [k, ps] of lp) expect([k, month.groups.find((g: Obj) => g.id === k)?.time.ms]).toEqual([k, truth.sum(ps).ms]);
  });

  it('get_task_time_breakdown: the cross-list tree with direct and rollup time, and time per person', async () => {
    const root = truth.tasks.get(planted.crossSub.parentId)!;
    let top = root;
    while (top.parentId) top = truth.tasks.get(top.parentId)!;
    const o = await call('get_task_time_breakdown', { task: top.id });
    const below = (id: string): DumpTask[] => truth.d.tasks.filter((x) => x.parentId === id).flatMap((c) => [c, ...below(c.id)]);
    const tree = [top, ...below(top.id)];
    expect(o.nodes_total).toBe(tree.length);
    for (const n of o.nodes) {
      const sub = [truth.tasks.get(n.id)!, ...below(n.id)];
      expect({ id: n.id, direct: n.direct.ms, rollup: n.rollup.ms }).toEqual({
        id: n.id,
        direct: truth.directMs(n.id),
        rollup: sub.reduce((s, x) => s + truth.directMs(x.id), 0),
      });
    }
    const pieces = truth.pieces(null, { kind: 'workspace' }, { taskIds: new Set(tree.map((x) => x.id)) });
    expect(o.time.ms).toBe(truth.sum(pieces).ms);
    expect(Object.fromEntries(o.people.map((p: Obj) => [p.id, p.time.ms]))).toEqual(
      Object.fromEntries([...perPerson(pieces)].map(([k, ps]) => [k, truth.sum(ps).ms])),
    );
  });

  it('get_estimation_accuracy, get_at_risk_tasks, get_untracked_tasks: task-set reports of the workspace', async () => {
    const set = truth.taskSet({ kind: 'workspace' });
    const acc = await call('get_estimation_accuracy');
    let accurate = 0,
      under = 0,
      over = 0,
      unplanned = 0;
    for (const x of set) {
      const ms = truth.directMs(x.id);
      if (!x.timeEstimate || x.timeEstimate <= 0) {
        unplanned += ms;
        continue;
      }
      const r = ms / x.timeEstimate;
      if (ms === 0 || r < 0.8) over++;
      else if (r > 1.2) under++;
      else accurate++;
    }
    expect([acc.estimated_tasks, acc.accurate, acc.under_estimated, acc.over_estimated, acc.accuracy_percent, acc.unplanned_time.ms]).toEqual([
      accurate + under + over,
      accurate,
      under,
      over,
      pct(accurate, accurate + under + over),
      unplanned,
    ]);
    for (const x of acc.worst_overruns) expect(x.time.ms).toBeGreaterThan(1.2 * x.estimate.ms);

    const risk = await call('get_at_risk_tasks', { limit: 200 });
    const open = set.filter((x) => !truth.finished(x));
    const overdue = open.filter((x) => x.dueDate !== null && x.dueDate < NOW);
    const soon = open.filter((x) => x.dueDate !== null && x.dueDate >= NOW && x.dueDate <= NOW + 3 * 24 * H);
    const overEst = open.filter((x) => (x.timeEstimate ?? 0) > 0 && truth.directMs(x.id) > (x.timeEstimate as number));
    expect(risk.counts).toEqual({
      total: new Set([...overdue, ...soon, ...overEst].map((x) => x.id)).size,
      overdue: overdue.length,
      due_soon: soon.length,
      over_estimate: overEst.length,
    });
    // Each listed task shows its own lifetime time, estimated or not (an overdue task without an estimate too).
    expect(risk.tasks.some((x: Obj) => x.estimate === null && truth.directMs(x.id) > 0)).toBe(true);
    for (const x of risk.tasks) expect([x.id, x.time.ms]).toEqual([x.id, truth.directMs(x.id)]);
    const late = risk.tasks.find((x: Obj) => x.reasons[0] === 'overdue');
    if (late) expect(late.days_overdue).toBe(Math.floor((NOW - new Date(late.due_date).getTime()) / (24 * H)));

    const un = await call('get_untracked_tasks', { limit: 200 });
    const expected = set.filter((x) => truth.category(x) === 'active' && x.assigneeIds.length > 0 && truth.directMs(x.id) === 0);
    expect(un.total).toBe(expected.length);
    expect(un.tasks.map((x: Obj) => x.id).sort()).toEqual(expected.map((x) => x.id).sort());
  });

  it('the time-facts repository groups by every dimension, each group matching the truth', async () => {
    const repo = t.app.get(TimeFactsRepository);
    const ws = truth.d.workspaces[0].id;
    const w = truth.lastDays(30);
    const pieces = truth.pieces(w, { kind: 'workspace' });
    const loc = (p: Piece) => truth.location(p.entry);
    const keys: Record<string, [(r: Obj) => string, (p: Piece) => string[]]> = {
      space: [(r) => String(r.spaceId), (p) => [String(loc(p)?.spaceId ?? null)]],
      folder: [(r) => String(r.folderId), (p) => [String(loc(p)?.folderId ?? null)]],
      list: [(r) => String(r.listId), (p) => [String(loc(p)?.listId ?? null)]],
      status: [(r) => String(r.status), (p) => [String(p.entry.taskId ? truth.tasks.get(p.entry.taskId)!.status : null)]],
      billable: [(r) => String(r.billable), (p) => [String(p.entry.billable)]],
      tag: [(r) => String(r.tag), (p) => (p.entry.tags.length ? p.entry.tags : ['null'])],
    };
    for (const [dim, [rowKey, pieceKeys]] of Object.entries(keys)) {
      const rows = await repo.facts({ workspaceId: ws, window: { from: w.from, to: w.to }, now: NOW, timeZone: zone, groupBy: [dim as never] });
      // Time and entries: an entry of no length is in no group (a group of it alone would show 0 ms).
      const expected = new Map<string, [number, number]>();
      for (const p of pieces) for (const k of pieceKeys(p)) expected.set(k, [(expected.get(k)?.[0] ?? 0) + p.ms, (expected.get(k)?.[1] ?? 0) + 1]);
      expect({ dim, groups: Object.fromEntries(rows.map((r) => [rowKey(r), [r.ms, r.entries]])) }).toEqual({
        dim,
        groups: Object.fromEntries(expected),
      });
    }
    // All history of a task set, grouped by where tasks are: read from the per-task totals plus
    // running timers — the same sums, entries and billable time as the entries themselves.
    const everything = { workspaceId: ws, includeClosed: true, includeSubtasks: true, includeArchived: true };
    const lifetime = truth.pieces(null, { kind: 'workspace' }).filter((p) => p.entry.taskId !== null);
    expect(lifetime.some((p) => p.entry.running)).toBe(true);
    const taskKeys: Record<string, [(r: Obj) => string, (p: Piece) => string]> = {
      task: [(r) => String(r.taskId), (p) => String(p.entry.taskId)],
      list: [(r) => String(r.listId), (p) => String(loc(p)?.listId ?? null)],
      project: [(r) => String(r.projectId), (p) => String(loc(p)?.folderId ?? loc(p)?.listId ?? null)],
      status: [(r) => String(r.status), (p) => String(truth.tasks.get(p.entry.taskId!)!.status)],
    };
    for (const [dim, [rowKey, pieceKey]] of Object.entries(taskKeys)) {
      const rows = await repo.facts({ workspaceId: ws, window: null, now: NOW, timeZone: zone, tasks: everything, groupBy: [dim as never] });
      const expected = new Map<string, [number, number, number]>();
      for (const p of lifetime) {
        const [ms, billable, entries] = expected.get(pieceKey(p)) ?? [0, 0, 0];
        expected.set(pieceKey(p), [ms + p.ms, billable + (p.entry.billable ? p.ms : 0), entries + 1]);
      }
      expect({ dim, groups: Object.fromEntries(rows.map((r) => [rowKey(r), [r.ms, r.billableMs, r.entries]])) }).toEqual({
        dim,
        groups: Object.fromEntries(expected),
      });
    }
    // scope, person and task filters
    const list = truth.location(truth.d.timeEntries.find((e) => e.taskId && !e.running)!)!.listId;
    const inList = await repo.facts({
      workspaceId: ws,
      window: null,
      now: NOW,
      timeZone: zone,
      scope: { kind: 'list', id: list },
      userIds: [planted.B.id],
      groupBy: [],
    });
    expect(inList[0]?.ms ?? 0).toBe(truth.sum(truth.pieces(null, { kind: 'list', id: list }, { userId: planted.B.id })).ms);
  });

  it('refuses bad periods and unknown names with the accepted forms or candidates', async () => {
    expect(await callError('get_timesheet', { period: 'fortnight' })).toMatch(/not a period I know\. Use today, yesterday, this_week/);
    expect(await callError('get_weekly_timesheet', { week: '2025-W53' })).toMatch(/2025 has ISO weeks 1–52/);
    expect(await callError('get_employee_time_report', { person: 'zz-nobody' })).toMatch(/No member matches 'zz-nobody'\. Did you mean/);
    expect(await callError('get_timesheet', { period: 'this_year' })).toMatch(/at most 92/);
  });

  it('REST mirrors answer the same JSON, and CSV has every person × day row', async () => {
    const mcp = await call('get_weekly_timesheet', { week: 'last_week' });
    const res = await fetch(`${t.url}/api/reports/get_weekly_timesheet?week=last_week`);
    expect(res.status).toBe(200);
    const { data_as_of: _a, demo: _d, data_complete: _c, data_warning: _w, _text, ...rest } = mcp;
    expect(await res.json()).toEqual(rest);
    const csv = await (await fetch(`${t.url}/api/reports/get_weekly_timesheet?week=last_week&format=csv`)).text();
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('person_id,person,date,weekday,hours,ms,billable_ms,timer_running');
    const pieces = truth.pieces(truth.weekWindow(1), { kind: 'workspace' }, { byDay: true });
    const cells = truth.group(pieces, (p) => `${p.entry.userId}|${p.day}`);
    expect(lines.length - 1).toBe(cells.size);
    const sum = lines.slice(1).reduce((s, l) => s + Number(l.split(',').at(-3)), 0);
    expect(sum).toBe(truth.sum(pieces).ms);
    const bad = await fetch(`${t.url}/api/reports/get_weekly_timesheet?wek=last_week`);
    expect([bad.status, ((await bad.json()) as Obj).message]).toEqual([
      400,
      expect.stringMatching(/Unknown parameter 'wek' — did you mean 'week'\?/),
    ]);
  });
});
