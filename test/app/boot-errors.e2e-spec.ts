import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { distEntry, NodeProcess, spawnNode, waitFor, freePort } from '../support/node-process';

/** What a user sees when the server cannot start: exit code 1 and one clear message, no stack. */

const BASE_ENV = { LOG_LEVEL: 'silent', HOST: '127.0.0.1', SYNC_ENABLED: 'false', SANDBOX_PORT: '0', SANDBOX_SIZE: 'tiny', REPORT_TIME_ZONE: 'UTC' };
const STACK_LINE = /^\s+at .+\(.*:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;

describe('boot errors', () => {
  const started: NodeProcess[] = [];
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cu-boot-'));
  });
  afterAll(async () => {
    for (const p of started) await p.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('PORT=abc: exit code 1, stderr names PORT and what is expected, no stack trace', async () => {
    const p = spawnNode(distEntry('main.js'), [], { ...BASE_ENV, PORT: 'abc', PGLITE_DATA_DIR: path.join(dir, 'never-opened') });
    started.push(p);
    const { code } = await p.exited;
    expect(code).toBe(1);
    expect(p.stderr).toMatch(/PORT/);
    expect(p.stderr).toMatch(/integer/i);
    expect(p.stderr).toContain("'abc'");
    expect(p.stderr).toMatch(/0.*65535/);
    expect(p.stderr).not.toMatch(STACK_LINE);
    expect(p.stdout).toBe('');
    // It failed before touching the database.
    expect(fs.existsSync(path.join(dir, 'never-opened'))).toBe(false);
  }, 30_000);

  it('a second server on a PGlite directory held by a running one is refused with the lock message; after a kill -9 the lock is taken over', async () => {
    const dataDir = path.join(dir, 'pglite');
    const first = spawnNode(distEntry('main.js'), [], { ...BASE_ENV, PORT: String(await freePort()), PGLITE_DATA_DIR: dataDir });
    started.push(first);
    await waitFor(
      () => {
        if (!first.running()) throw new Error(`the first server exited:\n${first.stderr}`);
        return first.stderr.includes('listening on');
      },
      60_000,
      'the first server to listen',
      100,
    );

    const second = spawnNode(distEntry('main.js'), [], { ...BASE_ENV, PORT: String(await freePort()), PGLITE_DATA_DIR: dataDir });
    started.push(second);
    const { code } = await second.exited;
    expect(code).toBe(1);
    expect(second.stderr).toContain(`is in use by process ${first.child.pid}`);
    expect(second.stderr).toContain('Two processes on one PGlite directory silently lose writes');
    expect(second.stderr).toMatch(/PGLITE_DATA_DIR|DATABASE_URL/);
    expect(second.stderr).not.toMatch(STACK_LINE);
    expect(first.running()).toBe(true);

    await first.kill();
    const third = spawnNode(distEntry('main.js'), [], { ...BASE_ENV, PORT: String(await freePort()), PGLITE_DATA_DIR: dataDir });
    started.push(third);
    await waitFor(
      () => {
        if (!third.running()) throw new Error(`the third server exited:\n${third.stderr}`);
        return third.stderr.includes('listening on');
      },
      60_000,
      'a server on the stale lock to listen',
      100,
    );
    expect(JSON.parse(fs.readFileSync(`${dataDir}.lock`, 'utf8')).pid).toBe(third.child.pid);
  }, 120_000);
});

describe('boot errors: configuration, .env and Node.js', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cu-boot2-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('every bad variable is reported at once, unknown toolsets with the valid names', async () => {
    const p = spawnNode(distEntry('main.js'), [], {
      ...BASE_ENV,
      PORT: 'abc',
      MCP_TOOLSETS: 'workspace,bogus',
      HOST: '0.0.0.0',
      PGLITE_DATA_DIR: path.join(dir, 'never'),
    });
    const { code } = await p.exited;
    expect(code).toBe(1);
    expect(p.stderr).toContain("PORT: expected an integer from 0 to 65535, got 'abc'");
    expect(p.stderr).toContain(
      "MCP_TOOLSETS: unknown toolset 'bogus'; expected all or a comma list of workspace, tasks, analytics, projects, intelligence, mapping, sync",
    );
    expect(p.stderr).toContain("HOST: binding to '0.0.0.0'");
    expect(p.stderr).not.toMatch(STACK_LINE);
  }, 30_000);

  it('an unreadable .env (here: a directory) stops the start with a message naming it', async () => {
    const cwd = fs.mkdtempSync(path.join(dir, 'cwd-'));
    fs.mkdirSync(path.join(cwd, '.env'));
    const p = spawnNode(distEntry('main.js'), [], { ...BASE_ENV, PORT: '0', PGLITE_DATA_DIR: path.join(dir, 'never') }, { cwd });
    const { code } = await p.exited;
    expect(code).toBe(1);
    expect(p.stderr).toContain(`${path.join(cwd, '.env')} exists but cannot be read (it is a directory)`);
    expect(p.stderr).not.toMatch(STACK_LINE);
  }, 30_000);

  it.each(['main.js', 'mcp-stdio.js', 'database/migration-cli.js'])(
    '%s on Node.js 20.11 stops with one sentence naming the required version',
    async (entry) => {
      // Makes the process report an older Node.js before anything else runs.
      const preload = path.join(dir, 'old-node.js');
      fs.writeFileSync(preload, "Object.defineProperty(process.versions, 'node', { value: '20.11.1' });\n");
      const p = spawnNode(
        distEntry(entry),
        entry.includes('migration') ? ['run'] : [],
        { ...BASE_ENV, PORT: '0', PGLITE_DATA_DIR: path.join(dir, 'never') },
        { nodeArgs: ['--require', preload] },
      );
      const { code } = await p.exited;
      expect(code).toBe(1);
      expect(p.stderr.trim()).toBe(
        'clickup-analytics-mcp needs Node.js 20.19.0 or newer, but this is Node.js 20.11.1. Install a current Node.js 20, 22 or 24 (https://nodejs.org or your version manager: `nvm install 22`) and run the command again.',
      );
      expect(p.stdout).toBe('');
      expect(fs.existsSync(path.join(dir, 'never'))).toBe(false);
    },
    30_000,
  );
});
