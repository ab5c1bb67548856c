import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { connectClient } from './mcp-clients';

const ENTRY = path.resolve(__dirname, '../../dist/src/mcp-stdio.js');

/**
 * Claude Desktop's way in: the client spawns `node dist/src/mcp-stdio.js`. stdout must carry
 * nothing but protocol (the SDK client fails on any stray line), and a second process on the
 * same embedded database directory is refused with a clear message.
 */
describe('stdio transport', () => {
  let sandbox: SandboxServer;
  let dir: string;

  beforeAll(async () => {
    if (!fs.existsSync(ENTRY)) throw new Error('dist/ is missing: `npm test` builds it first (pretest); run `npm run build`.');
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 17, rateLimitPerMinute: 0 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stdio-'));
  });
  afterAll(async () => sandbox?.close());

  const env = () => ({
    CLICKUP_API_TOKEN: sandbox.ownerToken,
    CLICKUP_API_BASE_URL: sandbox.baseUrl,
    PGLITE_DATA_DIR: path.join(dir, 'pglite'),
    LOG_LEVEL: 'info',
    SYNC_ENABLED: 'true',
    SYNC_TIME_ZONE: 'UTC',
    REPORT_TIME_ZONE: 'UTC',
  });

  it('serves tools over stdio, syncs on first start, and answers from the database', async () => {
    const c = await connectClient('stdio', { env: env() });
    const { tools } = await c.listTools();
    expect(tools.map((x) => x.name)).toContain('get_spaces');
    // The first start syncs by itself; wait until the data is there.
    let spaces: { id: string }[] = [];
    for (let i = 0; i < 60 && !spaces.length; i++) {
      const r = await c.callTool({ name: 'get_spaces', arguments: {} });
      spaces = r.isError ? [] : ((r.structuredContent as { spaces: { id: string }[] }).spaces ?? []);
      if (!spaces.length) await new Promise((res) => setTimeout(res, 250));
    }
    const expected = sandbox.store
      .dump()
      .spaces.filter((s) => !s.archived)
      .map((s) => s.id)
      .sort();
    expect(spaces.map((s) => s.id).sort()).toEqual(expected);

    // A second process on the same directory is refused while the first holds it.
    const second = spawn(process.execPath, [ENTRY], { env: { PATH: process.env.PATH ?? '', ...env() }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    second.stdout.on('data', (d) => (out += d));
    second.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((res) => second.on('exit', res));
    expect(code).toBe(1);
    expect(err).toContain('is in use by process');
    expect(out).toBe('');
    await c.close();
  });

  it("`npm run --silent mcp:stdio` (the README's terminal form) keeps stdout for the protocol alone", async () => {
    const root = path.resolve(__dirname, '../..');
    const npm = spawn('npm', ['run', '--silent', 'mcp:stdio'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? dir,
        ...env(),
        PGLITE_DATA_DIR: path.join(dir, 'pglite-npm'),
        SYNC_ENABLED: 'false',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    npm.stdout.on('data', (d) => (out += d));
    npm.stderr.on('data', () => undefined);
    const exited = new Promise<number | null>((res) => npm.on('exit', res));
    npm.stdin.write(
      `${JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } })}\n`,
    );
    for (let i = 0; i < 600 && !out.includes('\n'); i++) await new Promise((r) => setTimeout(r, 50));
    npm.stdin.end();
    expect(await exited).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(JSON.parse(lines[0])).toMatchObject({ id: 1, result: { serverInfo: { name: 'clickup-analytics-mcp' } } });
  }, 60_000);
});
