import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { openDatabaseEngine } from '../../src/database/database-engine';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { distEntry, freePort, spawnNode, waitFor } from '../support/node-process';

/**
 * Processes end when they are told to. A stdio server whose client dies in the middle of the
 * first full sync (its stdin ends and its stderr is gone) must exit within about a second,
 * with the sync recorded as cancelled, the lease released and the data-directory lock gone.
 * An HTTP server with an open SSE stream must exit promptly on SIGTERM.
 */
/** The promise's value, or null when it takes longer than `ms` (the timer never outlives the test). */
async function within<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((r) => (timer = setTimeout(() => r(null), ms)));
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe('shutdown', () => {
  let sandbox: SandboxServer;
  let dir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 3, rateLimitPerMinute: 0 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cu-shutdown-'));
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await sandbox?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stdio: stdin ends and stderr is closed during the first full sync ⇒ exit within ~1 s, sync cancelled, lease and lock released', async () => {
    const dataDir = path.join(dir, 'stdio-pglite');
    const child = spawn(process.execPath, [distEntry('mcp-stdio.js')], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        CLICKUP_API_TOKEN: sandbox.ownerToken,
        CLICKUP_API_BASE_URL: sandbox.baseUrl,
        // Two sync requests a minute (12, minus 10 kept for interactive use): the first full sync
        // waits on the rate budget, as on a 100-requests-a-minute plan, when the client goes.
        CLICKUP_RATE_LIMIT_PER_MINUTE: '12',
        CLICKUP_INTERACTIVE_RESERVE: '10',
        PGLITE_DATA_DIR: dataDir,
        SYNC_ENABLED: 'true',
        LOG_LEVEL: 'info',
        REPORT_TIME_ZONE: 'UTC',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));
    child.stdin!.write(
      `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } })}\n`,
    );

    await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`the stdio server exited early:\n${stderr}`);
        return /full sync of workspace .* started/.test(stderr) && stdout.includes('"id":1');
      },
      60_000,
      'the first full sync to start',
      50,
    );
    // The client dies: its end of stderr closes, then stdin ends.
    child.stderr!.destroy();
    const eofAt = Date.now();
    child.stdin!.end();

    const outcome = await within(exited, 15_000);
    expect(outcome).not.toBeNull();
    expect(outcome!.at - eofAt).toBeLessThan(2500);
    expect(outcome!.code).toBe(0);

    // The lock file is gone, and the database says what happened.
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
    const engine = await openDatabaseEngine({ pgliteDataDir: dataDir, runMigrations: false, poolSize: 1 });
    const ds = new DataSource(engine.options);
    await ds.initialize();
    try {
      const runs: { kind: string; status: string; error: string | null }[] = await ds.query(`SELECT kind, status, error FROM sync_runs ORDER BY id`);
      expect(runs).toEqual([{ kind: 'full', status: 'failed', error: expect.stringMatching(/^Cancelled: the process shut down/) }]);
      expect(await ds.query(`SELECT * FROM sync_leases`)).toEqual([]);
    } finally {
      await ds.destroy();
      await engine.dispose();
    }
  }, 90_000);

  it('HTTP: SIGTERM with an open SSE stream ⇒ the server exits within a few seconds', async () => {
    const port = await freePort();
    const server = spawnNode(distEntry('main.js'), [], {
      PORT: String(port),
      HOST: '127.0.0.1',
      PGLITE_DATA_DIR: path.join(dir, 'http-pglite'),
      SYNC_ENABLED: 'false',
      SANDBOX_PORT: '0',
      SANDBOX_SIZE: 'tiny',
      LOG_LEVEL: 'warn',
      REPORT_TIME_ZONE: 'UTC',
    });
    children.push(server.child);
    await waitFor(
      () => {
        if (!server.running()) throw new Error(`the server exited:\n${server.stderr}`);
        return server.stderr.includes('listening on');
      },
      60_000,
      'the server to listen',
      50,
    );

    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/sse`, { signal: controller.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: endpoint');
    const closed = reader.read().then(
      () => 'closed',
      () => 'closed',
    );

    const sentAt = Date.now();
    server.child.kill('SIGTERM');
    const outcome = await within(
      server.exited.then(() => Date.now()),
      20_000,
    );
    controller.abort();
    expect(outcome).not.toBeNull();
    expect(outcome! - sentAt).toBeLessThan(5000);
    // The stream was ended by the server, not left dangling.
    expect(await closed).toBe('closed');
  }, 90_000);
});
