import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { distEntry, NodeProcess, spawnNode, waitFor, freePort } from '../support/node-process';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_ENGINES } from '../support/test-database';

type Json = Record<string, any>;

async function call(base: string, method: string, path: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${base}${path}`, { method });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

async function waitForRun(base: string, runId: number, timeoutMs = 60_000): Promise<Json> {
  let run: Json = {};
  await waitFor(
    async () => {
      run = (await call(base, 'GET', `/sync/runs/${runId}`)).body;
      return run.status !== 'running';
    },
    timeoutMs,
    `run ${runId} to finish`,
    50,
  );
  return run;
}

/**
 * The sync's REST operations over real HTTP: start (202), refuse a second start while one runs
 * (409 already_running with the running run's id), the run history and one run in detail, 404
 * for an unknown run, the status view (counts equal ClickUp's), the snapshot, /health.
 */
describe.each(TEST_ENGINES)('sync REST operations on %s', (kind) => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let runId: number;

  beforeAll(async () => {
    // Latency makes the full sync of the tiny workspace last ~2 s: long enough to collide with.
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 37, rateLimitPerMinute: 0, latencyMs: 30 });
    t = await startTestApp(kind, { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl, SYNC_TIME_ZONE: 'Europe/Berlin' });
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('POST /sync/full answers 202 with a run id; a second start while it runs gets 409 already_running with that id', async () => {
    sandbox.resetStats();
    const first = await call(t.url, 'POST', '/sync/full');
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ status: 'started', runId: expect.any(Number), links: { run: `/sync/runs/${first.body.runId}` } });
    runId = first.body.runId;

    const again = await call(t.url, 'POST', '/sync/full');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: 'already_running', runId, kind: 'full', since: expect.any(String) });
    // Any kind collides: one sync per workspace.
    const other = await call(t.url, 'POST', '/sync/incremental');
    expect(other.status).toBe(409);
    expect(other.body.runId).toBe(runId);

    const during = await call(t.url, 'GET', `/sync/runs/${runId}`);
    expect(during.body).toMatchObject({ id: runId, kind: 'full', trigger: 'api', status: 'running', finishedAt: null });
    const status = await call(t.url, 'GET', '/sync/status');
    expect(status.body.running).toMatchObject({ runId, kind: 'full' });
  });

  it('GET /sync/runs/:id: the finished run with its counts, requests used and 429s; 404/400 for unknown or bad ids', async () => {
    const run = await waitForRun(t.url, runId);
    const dump = sandbox.store.dump();
    expect(run).toMatchObject({
      id: runId,
      kind: 'full',
      status: 'succeeded',
      error: null,
      rateLimited: 0,
      finishedAt: expect.any(String),
      durationMs: expect.any(Number),
      counts: {
        tasksRead: dump.tasks.length,
        timeEntriesRead: dump.timeEntries.length,
        members: dump.members.length,
        spaces: dump.spaces.length,
        lists: dump.lists.length,
      },
    });
    // The requests it recorded are the requests ClickUp (the sandbox) saw.
    expect(run.requests).toBe(sandbox.stats().requests);
    expect(run.requests).toBeGreaterThan(20);

    const missing = await call(t.url, 'GET', '/sync/runs/987654');
    expect(missing.status).toBe(404);
    expect(JSON.stringify(missing.body)).toContain('987654');
    expect((await call(t.url, 'GET', '/sync/runs/abc')).status).toBe(400);
  });

  it('GET /sync/runs lists runs newest first, filters by kind and status, validates paging', async () => {
    const inc = await call(t.url, 'POST', '/sync/incremental?wait=true');
    expect(inc.status).toBe(202);
    expect(inc.body).toMatchObject({ status: 'finished', run: { kind: 'incremental', status: 'succeeded' } });
    const all = await call(t.url, 'GET', '/sync/runs');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 2, limit: 20, offset: 0 });
    expect(all.body.runs.map((r: Json) => [r.id, r.kind])).toEqual([
      [inc.body.run.id, 'incremental'],
      [runId, 'full'],
    ]);
    const full = await call(t.url, 'GET', '/sync/runs?kind=full&status=succeeded');
    expect(full.body.runs.map((r: Json) => r.id)).toEqual([runId]);
    expect((await call(t.url, 'GET', '/sync/runs?limit=1&offset=1')).body.runs.map((r: Json) => r.id)).toEqual([runId]);
    expect((await call(t.url, 'GET', '/sync/runs?limit=0')).status).toBe(400);
  });

  it("GET /sync/status: counts equal ClickUp's, freshness per entity, no run going, the schedule", async () => {
    const dump = sandbox.store.dump();
    const { status, body } = await call(t.url, 'GET', '/sync/status');
    expect(status).toBe(200);
    expect(body).toMatchObject({ demo: false, workspaceId: dump.workspaces[0].id, running: null, dataAsOf: expect.any(String) });
    expect(body.counts).toMatchObject({
      workspaces: 1,
      members: dump.members.length,
      spaces: dump.spaces.length,
      folders: dump.folders.length,
      lists: dump.lists.length,
      tasks: dump.tasks.length,
      tasksDeleted: 0,
      timeEntries: dump.timeEntries.length,
      timeEntriesDeleted: 0,
      runningTimers: dump.timeEntries.filter((e) => e.running).length,
    });
    const fresh = Object.fromEntries(body.freshness.map((f: Json) => [f.entity, f]));
    for (const e of ['hierarchy', 'tasks', 'time_entries']) {
      expect(Date.parse(fresh[e].lastWrittenAt)).toBeGreaterThan(Date.now() - 10 * 60_000);
    }
    // Hierarchy and time entries: when they were last read; tasks: the newest date_updated seen
    // (the incremental high-water mark).
    expect(Date.parse(fresh.hierarchy.cursor)).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(Date.parse(fresh.time_entries.cursor)).toBeGreaterThan(Date.now() - 10 * 60_000);
    expect(Date.parse(fresh.tasks.cursor)).toBe(Math.max(...dump.tasks.map((x) => x.dateUpdated)));
    expect(fresh.members.lastWrittenAt).toEqual(expect.any(String));
    expect(fresh.reconcile.cursor).toBeNull();
    expect(body.lastRuns.map((r: Json) => r.kind).sort()).toEqual(['full', 'incremental']);
    // Tests run with SYNC_ENABLED=false: nothing is scheduled, and the view says so.
    expect(body.schedule).toEqual({
      enabled: false,
      timeZone: 'Europe/Berlin',
      incrementalEveryMinutes: 10,
      nextIncrementalAt: null,
      nextReconcileAt: null,
      nextSnapshotAt: null,
    });
  });

  it("POST /sync/snapshot writes today's snapshot of every live task; a bad date is a 400", async () => {
    const res = await call(t.url, 'POST', '/sync/snapshot');
    expect(res.status).toBe(201);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    expect(res.body).toMatchObject({ runId: expect.any(Number), date: today, timeZone: 'Europe/Berlin', tasks: sandbox.store.dump().tasks.length });
    const [row] = await t.ds.query(`SELECT count(*)::int AS n, min(snapshot_date)::text AS d FROM task_snapshots`);
    expect(row).toEqual({ n: res.body.tasks, d: today });
    const run = await call(t.url, 'GET', `/sync/runs/${res.body.runId}`);
    expect(run.body).toMatchObject({ kind: 'snapshot', status: 'succeeded', requests: 0, counts: { snapshotRows: res.body.tasks } });
    expect((await call(t.url, 'POST', '/sync/snapshot?date=yesterday')).status).toBe(400);
  });

  it('GET /health: ok, the database up, the last sync, demo false', async () => {
    const { status, body } = await call(t.url, 'GET', '/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      demo: false,
      info: { database: { status: 'up' }, sync: { status: 'up', lastSuccessfulSyncAt: expect.any(String), running: [] } },
    });
  });
});

/**
 * One sync per workspace ACROSS PROCESSES: the test's app and a second server process
 * (`node dist/src/main.js`) on the same PostgreSQL database. Whichever starts first holds the
 * lease; the other's start answers already_running with the holder's run id.
 */
(process.env.TEST_DATABASE_URL ? describe : describe.skip)('the sync lease across two processes on one PostgreSQL database', () => {
  let sandbox: SandboxServer;
  let a: TestApp;
  let b: NodeProcess;
  let bUrl: string;

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 41, rateLimitPerMinute: 0, latencyMs: 30 });
    const env = { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl };
    a = await startTestApp('postgres', env);
    const port = await freePort();
    bUrl = `http://127.0.0.1:${port}`;
    b = spawnNode(distEntry('main.js'), [], {
      ...env,
      DATABASE_URL: a.db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      SYNC_ENABLED: 'false',
      CLICKUP_RATE_LIMIT_PER_MINUTE: '100000',
      REPORT_TIME_ZONE: 'UTC',
    });
    await waitFor(
      async () => {
        if (!b.running()) throw new Error(`second server exited:\n${b.stderr}`);
        return fetch(`${bUrl}/health`).then(
          (r) => r.ok,
          () => false,
        );
      },
      30_000,
      'the second server to listen',
      100,
    );
  });
  afterAll(async () => {
    await b?.kill();
    await a?.close();
    await sandbox?.close();
  });

  it("A runs ⇒ B gets 409 with A's run id; then B runs ⇒ A gets 409 with B's run id", async () => {
    const startA = await call(a.url, 'POST', '/sync/full');
    expect(startA.status).toBe(202);
    const fromB = await call(bUrl, 'POST', '/sync/full');
    expect(fromB.status).toBe(409);
    expect(fromB.body).toMatchObject({ status: 'already_running', runId: startA.body.runId, kind: 'full' });
    expect((await call(bUrl, 'GET', '/sync/status')).body.running).toMatchObject({ runId: startA.body.runId });
    expect((await waitForRun(a.url, startA.body.runId)).status).toBe('succeeded');

    // A full run again (not an incremental, which is over in a few hundred ms): time to collide.
    const startB = await call(bUrl, 'POST', '/sync/full');
    expect(startB.status).toBe(202);
    const fromA = await call(a.url, 'POST', '/sync/reconcile');
    expect(fromA.status).toBe(409);
    expect(fromA.body).toMatchObject({ status: 'already_running', runId: startB.body.runId, kind: 'full' });
    expect((await waitForRun(bUrl, startB.body.runId)).status).toBe('succeeded');
    // Both processes see the same history.
    const runsA = (await call(a.url, 'GET', '/sync/runs')).body.runs.map((r: Json) => r.id);
    const runsB = (await call(bUrl, 'GET', '/sync/runs')).body.runs.map((r: Json) => r.id);
    expect(runsA).toEqual([startB.body.runId, startA.body.runId]);
    expect(runsB).toEqual(runsA);
  });
});
