import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { distEntry, freePort, spawnNode, waitFor } from '../support/node-process';
import { createTestDatabase, TEST_ENGINES, TestDatabase } from '../support/test-database';

interface RunView {
  id: number;
  kind: string;
  status: string;
  error: string | null;
  requests: number;
}

/**
 * A full sync killed with SIGKILL used to stay "running" after a restart until another sync
 * took the lease over — forever with SYNC_ENABLED=false. Now the restarted server marks it
 * interrupted while it starts, and the run still shows the ClickUp requests it made.
 */
describe.each(TEST_ENGINES)('a run whose process was killed is marked interrupted at start-up (%s)', (kind) => {
  let sandbox: SandboxServer;
  let db: TestDatabase | undefined;
  let scratch: string;
  let dbEnv: Record<string, string | undefined>;

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'demo', seed: 8, rateLimitPerMinute: 0, latencyMs: 15 });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cu-interrupted-'));
    if (kind === 'postgres') {
      db = await createTestDatabase('postgres', { migrated: false });
      dbEnv = { DATABASE_URL: db.url };
    } else {
      dbEnv = { PGLITE_DATA_DIR: path.join(scratch, 'pglite') };
    }
  });
  afterAll(async () => {
    await sandbox?.close();
    await db?.drop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('kill -9 during a full sync, restart with SYNC_ENABLED=false ⇒ the run is interrupted, with its requests', async () => {
    const env = {
      ...dbEnv,
      CLICKUP_API_TOKEN: sandbox.ownerToken,
      CLICKUP_API_BASE_URL: sandbox.baseUrl,
      CLICKUP_RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'silent',
      REPORT_TIME_ZONE: 'UTC',
    };
    const cli = spawnNode(distEntry('sync/sync-cli.js'), ['full'], env);
    // Deep enough into the task pages that progress (with its request count) has been recorded.
    await waitFor(
      () => {
        if (!cli.running()) throw new Error(`the sync exited early:\n${cli.stderr}`);
        return sandbox.stats().requests >= 45;
      },
      60_000,
      'the sync to be well under way',
      5,
    );
    // Progress (with its request count) is persisted at most once a second, on the next page read:
    // slow every answer down so the run is certainly still going after that second, and a few
    // pages later its cost is on the row however fast the first 45 requests went.
    sandbox.setFaults({ slowRate: 1, slowMs: 700 });
    const reached = sandbox.stats().requests;
    await waitFor(
      () => {
        if (!cli.running()) throw new Error(`the sync exited early:\n${cli.stderr}`);
        return sandbox.stats().requests >= reached + 3;
      },
      60_000,
      'a few slow pages',
      20,
    );
    await new Promise((r) => setTimeout(r, 800));
    await cli.kill();
    sandbox.setFaults({});

    const port = await freePort();
    const server = spawnNode(distEntry('main.js'), [], { ...env, PORT: String(port), SYNC_ENABLED: 'false', DB_RUN_MIGRATIONS: 'true' });
    try {
      await waitFor(
        () => {
          if (!server.running()) throw new Error(`the server exited:\n${server.stderr}`);
          return server.stderr.includes('listening on');
        },
        60_000,
        'the server to listen',
      );
      const runs = (await (await fetch(`http://127.0.0.1:${port}/sync/runs`)).json()) as { runs: RunView[] };
      expect(runs.runs).toHaveLength(1);
      const [run] = runs.runs;
      expect(run).toMatchObject({ kind: 'full', status: 'failed', error: expect.stringMatching(/^Interrupted: the process running it stopped/) });
      // Recorded while it ran: a killed run still says what it cost.
      expect(run.requests).toBeGreaterThan(30);
      const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as { info: { sync: { running: unknown[] } } };
      expect(health.info.sync.running).toEqual([]);
      const status = (await (await fetch(`http://127.0.0.1:${port}/sync/status`)).json()) as { running: unknown };
      expect(status.running).toBeNull();
    } finally {
      await server.kill();
    }
  }, 120_000);
});
