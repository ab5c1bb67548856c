import * as path from 'node:path';
import * as os from 'node:os';
import * as fs from 'node:fs';
import { rawFolder, rawSpace, rawTask, rawTimeEntry, rawUser } from '../../src/clickup/testing/clickup-fixtures';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { FakeClickupServer, FakeHandler, json } from '../clickup/fake-clickup.server';
import { MINI, MiniWorkspace, serveMiniWorkspace } from '../support/mini-clickup';
import { distEntry, spawnNode } from '../support/node-process';
import { startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase, TEST_ENGINES } from '../support/test-database';

type Json = Record<string, any>;
const DAY = 86_400_000;

/**
 * What a real ClickUp (or its published spec) can send that our sandbox never does: the sync must
 * keep going, store what it can, and say what it could not (issue 11, items 2-5, 9-11).
 */
describe.each(TEST_ENGINES)('sync against ClickUp drift on %s', (kind) => {
  let server: FakeClickupServer;
  let t: TestApp;

  async function start(workspace: MiniWorkspace, env: Record<string, string> = {}): Promise<void> {
    server = await FakeClickupServer.start();
    serveMiniWorkspace(server, workspace);
    t = await startTestApp(kind, {
      CLICKUP_API_TOKEN: 'pk_test_drift_token',
      CLICKUP_API_BASE_URL: server.baseUrl,
      CLICKUP_MAX_RETRIES: '0',
      ...env,
    });
  }
  afterEach(async () => {
    await t?.close();
    await server?.close();
  });
  const runFull = async () => (await t.app.get(SyncRunnerService).runNow('full', 'test')).run!;
  const rest = async (method: string, p: string): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${t.url}${p}`, { method });
    return { status: res.status, body: (await res.json()) as Json };
  };

  it('items 3-4: a task the spec allows (fractional estimate, no type_config) is stored; a broken one is skipped and reported; the page is read once', async () => {
    await start({
      tasks: [
        rawTask({ id: 'frac', name: 'Fractional estimate', time_estimate: 5400000.6 }),
        rawTask({
          id: 'nocfg',
          name: 'No type_config',
          custom_fields: [{ id: 'cf-9', name: 'Where', type: 'location', required: false, value: 'Berlin' }],
        }),
        rawTask({ id: 'bad', name: 'Broken', date_updated: 'soon' }),
        rawTask({ id: 'ok', name: 'Fine' }),
      ],
    });
    const run = await runFull();
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ tasksRead: 3, tasksWritten: 3, tasksSkipped: 1 });
    expect(run.details.skipped).toEqual([
      { entity: 'task', id: 'bad', field: 'date_updated', reason: 'expected ms timestamp', endpoint: 'GET /team/{team_id}/task' },
    ]);
    expect((run.details.warnings as string[]).join('\n')).toContain('Skipped 1 record(s)');
    const rows: Json[] = await t.ds.query(`SELECT id, time_estimate, custom_fields FROM tasks ORDER BY id`);
    expect(rows.map((r) => r.id)).toEqual(['frac', 'nocfg', 'ok']);
    // Stored rounded to the nearest ms.
    expect(Number(rows[0].time_estimate)).toBe(5400001);
    expect(rows[1].custom_fields).toEqual([{ id: 'cf-9', name: 'Where', type: 'location', value: 'Berlin' }]);
    // A parse error is never a reason to ask for the page again.
    const activePages = server.requestsTo('GET', `/team/${MINI.team}/task`).filter((r) => r.query.get('archived') !== 'true');
    expect(activePages).toHaveLength(1);
  });

  it('item 5: duplicate spaces and folders in one answer (and a space in both passes) do not fail the hierarchy', async () => {
    await start({ spaces: [rawSpace(), rawSpace()], archivedSpaces: [rawSpace()], folders: [rawFolder(), rawFolder()] });
    const run = await runFull();
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    const [{ spaces, folders, lists }] = await t.ds.query(
      `SELECT (SELECT count(*)::int FROM spaces) AS spaces, (SELECT count(*)::int FROM folders) AS folders, (SELECT count(*)::int FROM lists) AS lists`,
    );
    expect([spaces, folders, lists]).toEqual([1, 1, 1]);
  });

  it('item 9: the workspace plan is read from GET /team/{id}/plan, and kept when ClickUp will not say', async () => {
    let plan: FakeHandler = json(200, { plan_name: 'Business Plus', plan_id: 3 });
    await start({ planHandler: (req, res, raw) => plan(req, res, raw) });
    expect((await runFull()).status).toBe('succeeded');
    const stored = async () => (await t.ds.query(`SELECT plan FROM workspaces`))[0].plan;
    expect(await stored()).toBe('Business Plus');
    plan = json(403, { err: 'Not an admin', ECODE: 'TEAM_110' });
    const again = await runFull();
    expect((again.details.warnings as string[]).join('\n')).toContain('The workspace plan could not be read');
    expect(await stored()).toBe('Business Plus');
    expect((await t.app.get(SyncRunnerService).runNow('members', 'test')).run!.status).toBe('succeeded');
    expect(await stored()).toBe('Business Plus');
  });

  it('item 10: time of someone who left before the first sync is read (their tasks name them) and they are recorded as a removed member', async () => {
    const former = rawUser({ id: 777, username: 'Former Person', email: 'former@example.com' });
    await start({
      tasks: [rawTask({ id: 'old', creator: former, assignees: [former], watchers: [] })],
      entries: [
        rawTimeEntry({
          id: 'e-former',
          user: former,
          start: String(Date.now() - 3 * DAY),
          end: String(Date.now() - 3 * DAY + 3_600_000),
          duration: '3600000',
        }),
      ],
    });
    expect((await runFull()).status).toBe('succeeded');
    const asked = server.requestsTo('GET', `/team/${MINI.team}/time_entries`).map((r) => r.query.get('assignee')!.split(','));
    expect(asked.every((ids) => ids.includes('777'))).toBe(true);
    expect(await t.ds.query(`SELECT id, user_id::int AS user_id FROM time_entries`)).toEqual([{ id: 'e-former', user_id: 777 }]);
    const [member] = await t.ds.query(`SELECT username, email, status, removed_at FROM members WHERE user_id = 777`);
    expect(member).toMatchObject({ username: 'Former Person', email: 'former@example.com', status: 'removed' });
    expect(member.removed_at).not.toBeNull();
  });

  describe('item 11: time-entry history', () => {
    // The task was created in 2019; one entry is back-dated before it (2015), one is from 2020.
    const entries = [
      rawTimeEntry({ id: 'e-2015', start: String(Date.UTC(2015, 0, 5, 9)), end: String(Date.UTC(2015, 0, 5, 10)), duration: '3600000' }),
      rawTimeEntry({ id: 'e-2020' }),
    ];

    it('by default reads ALL history: windows from the oldest task, plus one request for anything older', async () => {
      await start({ entries });
      const run = await runFull();
      expect(run.status).toBe('succeeded');
      expect((await t.ds.query(`SELECT id FROM time_entries ORDER BY id`)).map((r: Json) => r.id)).toEqual(['e-2015', 'e-2020']);
      const starts = server.requestsTo('GET', `/team/${MINI.team}/time_entries`).map((r) => Number(r.query.get('start_date')));
      expect(starts[0]).toBe(0);
      const taskCreated = Number(rawTask().date_created);
      expect(starts[1]).toBe(Math.floor(taskCreated / DAY) * DAY);
      expect(run.details.excluded).toBeUndefined();
      const status = await rest('GET', '/sync/status');
      expect(status.body.timeEntriesHistory).toEqual({
        limitDays: null,
        excludedBefore: null,
        note: expect.stringContaining('All time-entry history is synced'),
      });
    });

    it('with SYNC_TIME_ENTRIES_HISTORY_DAYS set, says what is left out (run summary and /sync/status)', async () => {
      const days = Math.ceil((Date.now() - Date.UTC(2016, 0, 1)) / DAY);
      await start({ entries }, { SYNC_TIME_ENTRIES_HISTORY_DAYS: String(days) });
      const run = await runFull();
      expect((await t.ds.query(`SELECT id FROM time_entries ORDER BY id`)).map((r: Json) => r.id)).toEqual(['e-2020']);
      expect(server.requestsTo('GET', `/team/${MINI.team}/time_entries`).some((r) => r.query.get('start_date') === '0')).toBe(false);
      expect(run.details.excluded).toContain(`SYNC_TIME_ENTRIES_HISTORY_DAYS=${days}`);
      const status = await rest('GET', '/sync/status');
      expect(status.body.timeEntriesHistory).toMatchObject({
        limitDays: days,
        excludedBefore: expect.any(String),
        note: expect.stringContaining('are not synced'),
      });
    });
  });

  describe('item 2: when GET /team fails, every attempt is a recorded failed run that says why', () => {
    const REJECTED = 'ClickUp rejected the token (401 OAUTH_019: Token invalid): check CLICKUP_API_TOKEN.';

    it('REST answers 502 with the reason, the run is recorded, /health says degraded', async () => {
      await start({ teamHandler: json(401, { err: 'Token invalid', ECODE: 'OAUTH_019' }) });
      const r = await rest('POST', '/sync/full');
      expect(r.status).toBe(502);
      expect(r.body).toMatchObject({ status: 'failed', runId: expect.any(Number), error: REJECTED });
      const waited = await rest('POST', '/sync/incremental?wait=true');
      expect(waited).toMatchObject({ status: 502, body: { status: 'failed', error: REJECTED } });
      const run = await rest('GET', `/sync/runs/${r.body.runId}`);
      expect(run.body).toMatchObject({ kind: 'full', status: 'failed', error: REJECTED, requests: 1 });
      const health = await rest('GET', '/health');
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'degraded', reason: expect.stringContaining(REJECTED) });
      // The token never appears anywhere.
      expect(JSON.stringify([r.body, run.body, health.body])).not.toContain('pk_test_drift_token');
    });

    it.each([
      [
        'an unreadable answer',
        json(200, { teams: 'nope' }),
        "ClickUp's answer to GET /team could not be read (teams: expected array, received string)",
      ],
      ['no workspace', json(200, { teams: [] }), 'The ClickUp token sees no workspace'],
    ])('%s', async (_label, teamHandler, message) => {
      await start({ teamHandler });
      const r = await rest('POST', '/sync/full');
      expect(r.status).toBe(502);
      expect(r.body.error).toContain(message);
    });

    it('the first sync at boot is a recorded failed run too', async () => {
      await start({ teamHandler: json(401, { err: 'Token invalid', ECODE: 'OAUTH_019' }) }, { SYNC_ENABLED: 'true' });
      const deadline = Date.now() + 10_000;
      let runs: Json[] = [];
      // Until the attempt is recorded as over (its row exists for a moment before it is finished).
      const over = () => runs.length > 0 && runs[0].status !== 'running';
      while (Date.now() < deadline && !over()) {
        runs = (await rest('GET', '/sync/runs')).body.runs;
        if (!over()) await new Promise((r) => setTimeout(r, 100));
      }
      expect(runs[0]).toMatchObject({ kind: 'full', trigger: 'startup', status: 'failed', error: REJECTED });
    });
  });
});

/** The CLI (embedded database in a scratch directory: it never touches a shared server). */
describe('sync CLI when GET /team fails', () => {
  let server: FakeClickupServer;
  afterEach(async () => server?.close());

  it('item 2: exits 1 with one line, no stack trace', async () => {
    server = await FakeClickupServer.start();
    serveMiniWorkspace(server, { teamHandler: json(401, { err: 'Token invalid', ECODE: 'OAUTH_019' }) });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cu-cli-'));
    // A database of its own: a scratch PostgreSQL database when one is available (faster than a fresh PGlite).
    const db = process.env.TEST_DATABASE_URL ? await createTestDatabase('postgres', { migrated: false }) : null;
    try {
      const cli = spawnNode(distEntry('sync/sync-cli.js'), ['full'], {
        CLICKUP_API_TOKEN: 'pk_test_drift_token',
        CLICKUP_API_BASE_URL: server.baseUrl,
        CLICKUP_MAX_RETRIES: '0',
        ...(db ? { DATABASE_URL: db.url } : { PGLITE_DATA_DIR: dataDir }),
      });
      const { code } = await cli.exited;
      expect(code).toBe(1);
      expect(cli.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^sync failed \(run \d+\): ClickUp rejected the token \(401 OAUTH_019: Token invalid\): check CLICKUP_API_TOKEN\.$/),
      ]);
      expect(cli.stdout).toBe('');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      await db?.drop();
    }
  });
});
