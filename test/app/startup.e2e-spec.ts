import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { distEntry, freePort, NodeProcess, spawnNode, waitFor } from '../support/node-process';

/**
 * What a person sees when the server starts, and what its logs say afterwards — the compiled
 * server in a child process, as `npm start` runs it.
 */
const PROJECT = path.resolve(__dirname, '../..');
const BASE_ENV = { HOST: '127.0.0.1', SYNC_ENABLED: 'false', SANDBOX_PORT: '0', SANDBOX_SIZE: 'tiny', REPORT_TIME_ZONE: 'UTC' };
const TOKEN = 'e2e-access-log-token-0123456789';

describe('start-up and logs', () => {
  const started: NodeProcess[] = [];
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cu-startup-'));
  });
  afterAll(async () => {
    for (const p of started) await p.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string | undefined>, opts: { cwd?: string } = {}) => {
    const port = await freePort();
    const p = spawnNode(distEntry('main.js'), [], { ...BASE_ENV, PORT: String(port), ...env }, opts);
    started.push(p);
    await waitFor(
      () => {
        if (!p.running()) throw new Error(`the server exited:\n${p.stderr}`);
        // The summary is one write (well under the pipe's atomic size): it arrives whole.
        return /listening on/.test(p.stderr + p.stdout);
      },
      60_000,
      'the server to start',
      50,
    );
    return { p, url: `http://127.0.0.1:${port}` };
  };

  it('default log format: a short human summary (where, MCP, docs, database, .env, sync) and no framework JSON', async () => {
    const cwd = fs.mkdtempSync(path.join(dir, 'cwd-'));
    const dataDir = path.join(dir, 'pglite-summary');
    const { p, url } = await start({ PGLITE_DATA_DIR: dataDir }, { cwd });
    const summary = p.stderr.trim().split('\n');
    expect(summary[0]).toBe(
      `clickup-analytics-mcp listening on ${url} — DEMO MODE (local ClickUp sandbox; set CLICKUP_API_TOKEN for your workspace)`,
    );
    expect(summary).toEqual(
      expect.arrayContaining([
        `  MCP       ${url}/sse (SSE) and ${url}/mcp (Streamable HTTP): ${summary
          .find((l) => l.startsWith('  MCP'))!
          .split(': ')
          .pop()}`,
        `  REST      ${url}/docs (Swagger UI), ${url}/health`,
        `  Database  embedded PGlite in ${dataDir}`,
        `  Config    no .env at ${path.join(cwd, '.env')}: environment and defaults`,
        '  Logs      level info, human-readable (LOG_FORMAT=json for JSON lines)',
      ]),
    );
    expect(summary.length).toBeLessThanOrEqual(10);
    // Nest's module and route lines stay out of the default output.
    expect(p.stdout + p.stderr).not.toMatch(/InstanceLoader|RouterExplorer|"level":/);
    const lines = (p.stdout + p.stderr).trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(12);
  }, 90_000);

  it('.env in the working directory is read and named in the summary', async () => {
    const cwd = fs.mkdtempSync(path.join(dir, 'cwd-env-'));
    fs.writeFileSync(path.join(cwd, '.env'), 'LOG_LEVEL=warn\n');
    const { p } = await start({ PGLITE_DATA_DIR: path.join(dir, 'pglite-env') }, { cwd });
    expect(p.stderr).toContain(`  Config    read ${path.join(cwd, '.env')}\n`);
    expect(p.stderr).toContain('  Logs      level warn, human-readable');
  }, 90_000);

  it('a relative PGLITE_DATA_DIR is resolved from the project directory, not the working directory', async () => {
    const cwd = fs.mkdtempSync(path.join(dir, 'cwd-rel-'));
    const relative = path.join('data', `e2e-${process.pid}-${Date.now()}`, 'pglite');
    try {
      const { p } = await start({ PGLITE_DATA_DIR: relative }, { cwd });
      expect(p.stderr).toContain(`  Database  embedded PGlite in ${path.join(PROJECT, relative)}\n`);
      expect(fs.existsSync(path.join(PROJECT, relative))).toBe(true);
      expect(fs.existsSync(path.join(cwd, 'data'))).toBe(false);
      await p.kill();
    } finally {
      fs.rmSync(path.join(PROJECT, path.dirname(relative)), { recursive: true, force: true });
    }
  }, 90_000);

  it('LOG_FORMAT=json with a token configured: JSON lines, and access logs keep their status codes (secrets scrubbed)', async () => {
    const { p, url } = await start({ PGLITE_DATA_DIR: path.join(dir, 'pglite-json'), LOG_FORMAT: 'json', LOG_LEVEL: 'info', MCP_AUTH_TOKEN: TOKEN });
    expect((await fetch(`${url}/sync/runs`)).status).toBe(401);
    expect((await fetch(`${url}/sync/runs`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    // A token where it does not belong (the path) is scrubbed from the log line, not the status code.
    expect((await fetch(`${url}/no-such-page/${TOKEN}`)).status).toBe(404);

    let records: Record<string, any>[] = [];
    await waitFor(
      () => {
        records = p.stdout
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l));
        return records.filter((r) => r.req && r.res).length >= 3;
      },
      10_000,
      'three access log lines',
      50,
    );
    const access = records.filter((r) => r.req && r.res).map((r) => [r.req.method, r.req.url, r.res.statusCode]);
    expect(access).toEqual([
      ['GET', '/sync/runs', 401],
      ['GET', '/sync/runs', 200],
      ['GET', '/no-such-page/[REDACTED]', 404],
    ]);
    expect(p.stdout).not.toContain(TOKEN);
    expect(records.find((r) => r.msg === `clickup-analytics-mcp listening on ${url}`)).toMatchObject({ level: 30, context: 'Startup' });
  }, 90_000);
});
