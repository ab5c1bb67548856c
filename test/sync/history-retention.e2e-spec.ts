import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SnapshotService } from '../../src/sync/snapshot.service';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINES } from '../support/test-database';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONE = 'Asia/Kolkata';
/** Kolkata is UTC+05:30 all year: its local date of an instant. */
const localDate = (ms: number) => new Date(ms + 5.5 * HOUR).toISOString().slice(0, 10);

/**
 * Opt-in retention of the two histories that grow for ever: daily task snapshots
 * (SYNC_SNAPSHOT_KEEP_DAYS: one row per task per day) and sync runs (SYNC_RUNS_KEEP_DAYS: one per
 * run and webhook batch). What is kept is worked out here from the planted rows.
 */
describe.each(TEST_ENGINES)('history retention on %s', (kind) => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let ws: string;
  // Noon in Kolkata, so that "today" is the same local day for the whole test.
  const now = Date.parse(`${localDate(Date.now())}T12:00:00+05:30`) - DAY;
  const today = localDate(now);
  const daysAgo = (n: number) => localDate(now - n * DAY);

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 44, rateLimitPerMinute: 0 });
    t = await startTestApp(kind, {
      CLICKUP_API_TOKEN: sandbox.ownerToken,
      CLICKUP_API_BASE_URL: sandbox.baseUrl,
      SYNC_TIME_ZONE: ZONE,
      SYNC_SNAPSHOT_KEEP_DAYS: '3',
      SYNC_RUNS_KEEP_DAYS: '7',
    });
    expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
    [{ id: ws }] = await t.ds.query(`SELECT id FROM workspaces`);
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  const snapshotDays = async (): Promise<Record<string, number>> => {
    const rows: { d: string; n: number }[] = await t.ds.query(
      `SELECT snapshot_date::text AS d, count(*)::int AS n FROM task_snapshots GROUP BY 1 ORDER BY 1`,
    );
    return Object.fromEntries(rows.map((r) => [r.d, r.n]));
  };

  it('keeps the last N local days of snapshots (today included) and deletes older days', async () => {
    const snapshots = t.app.get(SnapshotService);
    const first = await snapshots.snapshot('test', today, now);
    // Older days as the daily job would have left them: copies of today's rows.
    for (const n of [1, 2, 3, 10]) {
      await t.ds.query(
        `INSERT INTO task_snapshots (snapshot_date, task_id, workspace_id, list_id, space_id, parent_id, status, status_type, status_category,
           assignee_ids, time_estimate, time_logged_ms, due_date, archived, folder_id, date_updated)
         SELECT $1::date, task_id, workspace_id, list_id, space_id, parent_id, status, status_type, status_category,
           assignee_ids, time_estimate, time_logged_ms, due_date, archived, folder_id, date_updated
         FROM task_snapshots WHERE snapshot_date = $2::date`,
        [daysAgo(n), today],
      );
    }
    expect(Object.keys(await snapshotDays())).toHaveLength(5);
    const r = await snapshots.snapshot('test', today, now);
    expect(r).toMatchObject({ date: today, tasks: first.tasks, keptFrom: daysAgo(2), pruned: 2 * first.tasks });
    expect(await snapshotDays()).toEqual({ [daysAgo(2)]: first.tasks, [daysAgo(1)]: first.tasks, [today]: first.tasks });
    const [run] = await t.ds.query(`SELECT counts, details FROM sync_runs WHERE id = $1`, [r.runId]);
    expect(run.counts).toMatchObject({ snapshotRows: first.tasks, snapshotRowsPruned: 2 * first.tasks });
    expect(run.details).toMatchObject({ keptFrom: daysAgo(2) });
  });

  it('refuses to write a day the setting would not keep, and says what it keeps', async () => {
    await expect(t.app.get(SnapshotService).snapshot('test', daysAgo(3), now)).rejects.toThrow(
      `date ${daysAgo(3)} is before the snapshots kept: SYNC_SNAPSHOT_KEEP_DAYS=3 keeps ${daysAgo(2)} to today`,
    );
  });

  it("deletes runs finished more than N days ago after a run, but never a kind's newest, a running one or a leased one", async () => {
    const plant = async (kind: string, status: string, finishedDaysAgo: number | null): Promise<number> => {
      const [r] = await t.ds.query(
        `INSERT INTO sync_runs (workspace_id, kind, trigger, status, started_at, finished_at)
         VALUES ($1, $2, 'test', $3, now() - (coalesce($4::int, 0) + 1) * interval '1 day', CASE WHEN $4::int IS NULL THEN NULL ELSE now() - $4::int * interval '1 day' END)
         RETURNING id`,
        [ws, kind, status, finishedDaysAgo],
      );
      return Number(r.id);
    };
    const oldWebhooks = [await plant('webhook', 'succeeded', 30), await plant('webhook', 'failed', 8)];
    const recentWebhook = await plant('webhook', 'succeeded', 6);
    const oldIncremental = await plant('incremental', 'succeeded', 20);
    const recentIncremental = await plant('incremental', 'succeeded', 1);
    const onlyProject = await plant('project', 'succeeded', 40); // the newest (and only) run of its kind
    const stillRunning = await plant('reconcile', 'running', null);
    const leased = await plant('hierarchy', 'succeeded', 50);
    const recentHierarchy = await plant('hierarchy', 'succeeded', 2); // so the old one is not its kind's newest
    await t.ds.query(
      `INSERT INTO sync_leases (workspace_id, owner, run_id, kind, acquired_at, expires_at) VALUES ('lease-test', 'someone', $1, 'hierarchy', now(), now() + interval '1 minute')`,
      [leased],
    );
    const before: { id: number }[] = await t.ds.query(`SELECT id FROM sync_runs`);
    const out = await t.app.get(SyncRunnerService).runNow('members', 'test');
    expect(out.run?.status).toBe('succeeded');
    const after = new Set(((await t.ds.query(`SELECT id FROM sync_runs`)) as { id: number }[]).map((r) => Number(r.id)));
    const gone = before.map((r) => Number(r.id)).filter((id) => !after.has(id));
    expect(gone.sort((a, b) => a - b)).toEqual([...oldWebhooks, oldIncremental].sort((a, b) => a - b));
    for (const id of [recentWebhook, recentIncremental, onlyProject, stillRunning, leased, recentHierarchy]) expect(after.has(id)).toBe(true);
    const [run] = await t.ds.query(`SELECT counts FROM sync_runs WHERE id = $1`, [out.run!.id]);
    expect(run.counts.runsPruned).toBe(3);
  });
});
