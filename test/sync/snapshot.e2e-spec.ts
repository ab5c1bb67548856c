import { SandboxServer } from '../../src/sandbox/sandbox-server';
import type { SandboxDump } from '../../src/sandbox/sandbox-dump.types';
import { SnapshotService } from '../../src/sync/snapshot.service';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINES } from '../support/test-database';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Asia/Kolkata is UTC+05:30 all year (no DST): local midnight is 18:30 UTC the day before. */
const ZONE = 'Asia/Kolkata';
const OFFSET = 5.5 * HOUR;
const localDate = (ms: number) => new Date(ms + OFFSET).toISOString().slice(0, 10);
const localMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`) - OFFSET;

/**
 * Time logged per task on a local day, computed from ClickUp's ground truth without any product
 * code: each entry clipped to [local midnight, next local midnight), a running timer counting up
 * to `now`, tasks ClickUp no longer has left out.
 */
function expectedLogged(dump: SandboxDump, date: string, nowMs: number): Map<string, number> {
  const from = localMidnight(date);
  const to = from + DAY;
  const live = new Set(dump.tasks.map((t) => t.id));
  const out = new Map<string, number>();
  for (const e of dump.timeEntries) {
    if (!e.taskId || !live.has(e.taskId)) continue;
    const end = e.running ? nowMs : (e.end as number);
    const ms = Math.min(end, to) - Math.max(e.start, from);
    if (ms > 0) out.set(e.taskId, (out.get(e.taskId) ?? 0) + ms);
  }
  return out;
}

describe.each(TEST_ENGINES)(`daily snapshot in ${ZONE} on %s`, (kind) => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let snapshots: SnapshotService;
  // Noon in Kolkata on the latest local day that is over: "now" 10 minutes later is the same day
  // whenever the test runs (a real clock near local midnight made the later-now case cross days).
  const now = localMidnight(localDate(Date.now())) - 12 * HOUR;
  const today = localDate(now);
  const yesterday = localDate(now - DAY);
  const todayStart = localMidnight(today);
  const yesterdayStart = localMidnight(yesterday);
  let crossing: { id: string; taskId: string; duration: number };
  let timerTask: string;

  const rows = async (date: string): Promise<Map<string, number>> => {
    const r: { task_id: string; ms: string }[] = await t.ds.query(
      `SELECT task_id, time_logged_ms AS ms FROM task_snapshots WHERE snapshot_date = $1::date`,
      [date],
    );
    return new Map(r.map((x) => [x.task_id, Number(x.ms)]));
  };
  const fullRows = async (date: string) => t.ds.query(`SELECT * FROM task_snapshots WHERE snapshot_date = $1::date ORDER BY task_id`, [date]);

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 43, rateLimitPerMinute: 0, now });
    const d = sandbox.store.dump();
    const m = sandbox.store.mutations;
    const tasks = d.tasks.filter((x) => !x.archived && !d.lists.find((l) => l.id === x.listId)!.archived);
    const people = d.members.filter((x) => x.status === 'active' && !d.timeEntries.some((e) => e.running && e.userId === x.id));
    // Planted on purpose (the generated data crosses UTC midnight, not Kolkata's):
    // an entry from 22:00 yesterday to 03:00 today local time, split 2 h / 3 h;
    const e1 = m.addTimeEntry({
      userId: people[0].id,
      taskId: tasks[0].id,
      start: todayStart - 2 * HOUR,
      duration: 5 * HOUR,
      description: 'across midnight',
    });
    crossing = { id: e1.id, taskId: tasks[0].id, duration: 5 * HOUR };
    // one across the midnight that starts yesterday (23:00 the day before → 01:00 yesterday);
    m.addTimeEntry({ userId: people[0].id, taskId: tasks[0].id, start: yesterdayStart - HOUR, duration: 2 * HOUR });
    // a timer running since 20:00 yesterday: 4 h yesterday, and up to "now" today.
    timerTask = tasks[1].id;
    m.addTimeEntry({ userId: people[1].id, taskId: timerTask, start: todayStart - 4 * HOUR, end: null, description: 'still running' });
    t = await startTestApp(kind, { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl, SYNC_TIME_ZONE: ZONE });
    expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
    snapshots = t.app.get(SnapshotService);
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('time_logged_ms per task equals the independent expectation, yesterday and today (running timers up to now)', async () => {
    const dump = sandbox.store.dump();
    for (const date of [yesterday, today]) {
      const r = await snapshots.snapshot('test', date, now);
      expect(r).toMatchObject({ date, timeZone: ZONE, tasks: dump.tasks.length });
      const got = await rows(date);
      const want = expectedLogged(dump, date, now);
      expect(got.size).toBe(dump.tasks.length);
      const diffs = dump.tasks
        .filter((x) => got.get(x.id) !== (want.get(x.id) ?? 0))
        .map((x) => `${x.id}: expected ${want.get(x.id) ?? 0}, got ${got.get(x.id)}`);
      expect(diffs).toEqual([]);
      // Not vacuous: several tasks logged time that day.
      expect([...got.values()].filter((v) => v > 0).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('an entry across local midnight is split between the two days; the running timer counts from midnight to now', async () => {
    const y = await rows(yesterday);
    const d = await rows(today);
    const others = (date: string) =>
      sandbox.store
        .dump()
        .timeEntries.filter((e) => e.taskId === crossing.taskId && e.id !== crossing.id)
        .reduce((n, e) => n + Math.max(0, Math.min(e.running ? now : e.end!, localMidnight(date) + DAY) - Math.max(e.start, localMidnight(date))), 0);
    expect(y.get(crossing.taskId)! - others(yesterday)).toBe(2 * HOUR);
    expect(d.get(crossing.taskId)! - others(today)).toBe(3 * HOUR);
    const timerOthers = (date: string) =>
      sandbox.store
        .dump()
        .timeEntries.filter((e) => e.taskId === timerTask && e.description !== 'still running')
        .reduce((n, e) => n + Math.max(0, Math.min(e.running ? now : e.end!, localMidnight(date) + DAY) - Math.max(e.start, localMidnight(date))), 0);
    expect(y.get(timerTask)! - timerOthers(yesterday)).toBe(4 * HOUR);
    expect(d.get(timerTask)! - timerOthers(today)).toBe(now - todayStart);
  });

  it('running a day again is idempotent; a later "now" moves only the running timer; other days are kept', async () => {
    const before = await fullRows(yesterday);
    const todayRows = await fullRows(today);
    await snapshots.snapshot('test', today, now);
    expect(await fullRows(today)).toEqual(todayRows);
    const [count] = await t.ds.query(`SELECT count(*)::int AS n FROM task_snapshots WHERE snapshot_date = $1::date`, [today]);
    expect(count.n).toBe(todayRows.length);

    const later = now + 10 * 60_000;
    await snapshots.snapshot('test', today, later);
    const moved = await rows(today);
    const prev = new Map<string, number>(todayRows.map((r: { task_id: string; time_logged_ms: string }) => [r.task_id, Number(r.time_logged_ms)]));
    const runningOnTask = (id: string) => sandbox.store.dump().timeEntries.filter((e) => e.running && e.taskId === id).length;
    for (const [id, ms] of moved) expect(ms - prev.get(id)!).toBe(runningOnTask(id) * 10 * 60_000);
    expect(moved.get(timerTask)! - prev.get(timerTask)!).toBe(10 * 60_000);
    // Yesterday's rows were not touched by today's runs.
    expect(await fullRows(yesterday)).toEqual(before);
  });

  it('a task deleted in ClickUp drops out of a re-run day but stays in the history of earlier days', async () => {
    sandbox.store.mutations.deleteTask(crossing.taskId);
    expect((await t.app.get(SyncRunnerService).runNow('reconcile', 'test')).run?.status).toBe('succeeded');
    const before = await rows(yesterday);
    await snapshots.snapshot('test', today, now);
    const after = await rows(today);
    expect(after.has(crossing.taskId)).toBe(false);
    expect(before.has(crossing.taskId)).toBe(true);
    const want = expectedLogged(sandbox.store.dump(), today, now);
    expect([...after].filter(([id, ms]) => ms !== (want.get(id) ?? 0))).toEqual([]);
    const [days] = await t.ds.query(`SELECT count(DISTINCT snapshot_date)::int AS n FROM task_snapshots`);
    expect(days.n).toBe(2);
  });
});
