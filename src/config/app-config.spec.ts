import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildAppConfig, ConfigValidationError } from './app-config';
import { envSchema } from './env.schema';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    buildAppConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigValidationError);
    return (e as ConfigValidationError).problems;
  }
  throw new Error('expected a ConfigValidationError');
};

const PROJECT = path.resolve(__dirname, '../..');

describe('buildAppConfig', () => {
  it('applies the documented defaults to an empty environment (demo mode, loopback, port 8001)', () => {
    const cfg = buildAppConfig({ REPORT_TIME_ZONE: 'Europe/Berlin' });
    expect(cfg.http).toEqual({ host: '127.0.0.1', port: 8001, logLevel: 'info', logFormat: 'human' });
    expect(cfg.demo).toBe(true);
    expect(cfg.database).toEqual({ url: undefined, pgliteDataDir: path.join(PROJECT, 'data', 'pglite'), runMigrations: true, poolSize: 10 });
    expect(cfg.clickup).toMatchObject({ baseUrl: undefined, requestsPerMinute: 100, readOnly: false });
    expect(cfg.sync).toMatchObject({ incrementalEveryMinutes: 10, timeZone: 'Europe/Berlin', timeEntriesTrailingDays: 30 });
    // All time-entry history unless a limit is set.
    expect(cfg.sync.timeEntriesHistoryDays).toBeNull();
    expect(buildAppConfig({ SYNC_TIME_ENTRIES_HISTORY_DAYS: '730' }).sync.timeEntriesHistoryDays).toBe(730);
    // Snapshots and runs are kept for ever unless a number of days is set.
    expect(cfg.sync).toMatchObject({ snapshotKeepDays: null, runsKeepDays: null });
    expect(buildAppConfig({ SYNC_SNAPSHOT_KEEP_DAYS: '400', SYNC_RUNS_KEEP_DAYS: '90' }).sync).toMatchObject({
      snapshotKeepDays: 400,
      runsKeepDays: 90,
    });
    expect(cfg.reports.statusOverrides['SHIPPED']).toBe('done');
    expect(cfg.mcp).toEqual({
      tokens: [],
      readOnly: false,
      toolsets: 'all',
      allowedOrigins: [],
      allowedHosts: [],
      sessions: { idleMs: 30 * 60_000, maxPerClient: 16, maxTotal: 200 },
      answerCacheBytes: 32 * 1024 * 1024,
    });
    expect(cfg.clickup.writeDeadlineMs).toBe(30_000);
  });

  it('leaves demo mode when a token is set', () => {
    expect(buildAppConfig({ CLICKUP_API_TOKEN: 'pk_1_ABC' }).demo).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, "PORT: expected an integer from 0 to 65535, got 'abc'"],
    [{ PORT: '70000' }, "PORT: expected an integer from 0 to 65535, got '70000'"],
    [{ DB_RUN_MIGRATIONS: 'maybe' }, "DB_RUN_MIGRATIONS: expected true or false, got 'maybe'"],
    [{ REPORT_TIME_ZONE: 'Mars/Olympus' }, "REPORT_TIME_ZONE: expected an IANA time zone such as Europe/Berlin, got 'Mars/Olympus'"],
    [{ SYNC_TIME_ZONE: 'Nowhere' }, "SYNC_TIME_ZONE: expected an IANA time zone such as Europe/Berlin, got 'Nowhere'"],
    [{ DATABASE_URL: 'mysql://u:pw@h/db' }, 'DATABASE_URL: expected a postgres: or postgresql: URL'],
    [{ LOG_LEVEL: 'loud' }, "LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got 'loud'"],
    [{ SANDBOX_SIZE: 'huge' }, "SANDBOX_SIZE: expected one of tiny, demo, large, got 'huge'"],
    [{ SYNC_RECONCILE_CRON: 'nightly' }, "SYNC_RECONCILE_CRON: expected a cron expression such as '0 3 * * *', got 'nightly': Unknown alias: nig"],
    // Well-formed but out of range: the cron package's own validator catches it at config time.
    [
      { SYNC_RECONCILE_CRON: '99 99 * * *' },
      "SYNC_RECONCILE_CRON: expected a cron expression such as '0 3 * * *', got '99 99 * * *': Field value (99) is out of range",
    ],
    [
      { SYNC_SNAPSHOT_CRON: '0 25 * * *' },
      "SYNC_SNAPSHOT_CRON: expected a cron expression such as '0 3 * * *', got '0 25 * * *': Field value (25) is out of range",
    ],
    [{ SYNC_TIME_ENTRIES_HISTORY_DAYS: '0' }, "SYNC_TIME_ENTRIES_HISTORY_DAYS: expected an integer from 1 to 36500 (or nothing), got '0'"],
    [{ SYNC_SNAPSHOT_KEEP_DAYS: '0' }, "SYNC_SNAPSHOT_KEEP_DAYS: expected an integer from 1 to 36500 (or nothing), got '0'"],
    [{ SYNC_RUNS_KEEP_DAYS: 'a year' }, "SYNC_RUNS_KEEP_DAYS: expected an integer from 1 to 36500 (or nothing), got 'a year'"],
    [
      { STATUS_CATEGORY_OVERRIDES: '{"X": "finished"}' },
      "STATUS_CATEGORY_OVERRIDES: status 'X' maps to 'finished'; expected one of not_started, active, done, closed",
    ],
    [{ STATUS_CATEGORY_OVERRIDES: '[1]' }, 'STATUS_CATEGORY_OVERRIDES: expected a JSON object such as {"PARKED":"not_started"}'],
    [{ MCP_AUTH_TOKEN: 'short' }, 'MCP_AUTH_TOKEN: expected at least 16 characters'],
    [{ MCP_TOKENS: 'cursor:0123456789abcdef0123:admin' }, "MCP_TOKENS entry 1 ('cursor'): scope must be read or write, got 'admin'"],
    [{ MCP_TOKENS: 'lm:0123456789abcdef0123:read:tomorrow' }, "MCP_TOKENS entry 1 ('lm'): expiry must be a date YYYY-MM-DD, got 'tomorrow'"],
    [{ LOG_FORMAT: 'pretty' }, "LOG_FORMAT: expected one of auto, human, json, got 'pretty'"],
    [
      { MCP_TOOLSETS: 'bogus' },
      "MCP_TOOLSETS: unknown toolset 'bogus'; expected all or a comma list of workspace, tasks, analytics, projects, intelligence, mapping, sync",
    ],
    [
      { MCP_TOOLSETS: 'tasks, sycn,wrkspace' },
      "MCP_TOOLSETS: unknown toolsets 'sycn', 'wrkspace'; expected all or a comma list of workspace, tasks, analytics, projects, intelligence, mapping, sync",
    ],
    [
      { MCP_TOOLSETS: ' , ' },
      'MCP_TOOLSETS: no toolset named; expected all or a comma list of workspace, tasks, analytics, projects, intelligence, mapping, sync',
    ],
    [
      { HOST: '0.0.0.0' },
      "HOST: binding to '0.0.0.0' exposes the server beyond this machine; set MCP_AUTH_TOKEN (or MCP_TOKENS) or bind to 127.0.0.1",
    ],
  ])('rejects %p with a message naming the variable', (env, message) => {
    expect(problemsOf(env as Record<string, string>)).toContain(message);
  });

  it('reports every problem at once and never echoes a database password', () => {
    const problems = problemsOf({ PORT: 'x', DB_POOL_SIZE: '0', DATABASE_URL: 'http://user:hunter2@host/db' });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('reports problems of single variables and cross-variable checks together', () => {
    const problems = problemsOf({
      PORT: 'abc',
      REPORT_TIME_ZONE: 'Mars/Olympus',
      MCP_TOOLSETS: 'bogus',
      HOST: '0.0.0.0',
      STATUS_CATEGORY_OVERRIDES: '{"X": "finished"}',
      MCP_AUTH_TOKEN: 'short',
      SYNC_TIME_ZONE: 'Nowhere',
    });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'HOST',
      'MCP_AUTH_TOKEN',
      'MCP_TOOLSETS',
      'PORT',
      'REPORT_TIME_ZONE',
      'STATUS_CATEGORY_OVERRIDES',
      'SYNC_TIME_ZONE',
    ]);
  });

  it('accepts known toolsets (any case, duplicates once) and all', () => {
    expect(buildAppConfig({ MCP_TOOLSETS: 'Tasks, workspace,tasks' }).mcp.toolsets).toEqual(['tasks', 'workspace']);
    expect(buildAppConfig({ MCP_TOOLSETS: 'all' }).mcp.toolsets).toBe('all');
    expect(buildAppConfig({ MCP_TOOLSETS: '' }).mcp.toolsets).toBe('all');
  });

  it('resolves a relative PGLITE_DATA_DIR from the project directory, whatever the working directory', () => {
    const cwd = process.cwd();
    try {
      process.chdir('/');
      expect(buildAppConfig({ PGLITE_DATA_DIR: './var/db' }).database.pgliteDataDir).toBe(path.join(PROJECT, 'var', 'db'));
      expect(buildAppConfig({}).database.pgliteDataDir).toBe(path.join(PROJECT, 'data', 'pglite'));
      expect(buildAppConfig({ PGLITE_DATA_DIR: '/srv/clickup/pglite' }).database.pgliteDataDir).toBe('/srv/clickup/pglite');
    } finally {
      process.chdir(cwd);
    }
  });

  it.each([
    [{}, 'human'],
    [{ LOG_LEVEL: 'warn' }, 'human'],
    [{ LOG_LEVEL: 'debug' }, 'json'],
    [{ LOG_LEVEL: 'trace' }, 'json'],
    [{ LOG_FORMAT: 'json' }, 'json'],
    [{ LOG_LEVEL: 'debug', LOG_FORMAT: 'human' }, 'human'],
  ])('log format for %p is %s', (env, format) => {
    expect(buildAppConfig(env as Record<string, string>).http.logFormat).toBe(format);
  });

  it('parses named MCP tokens with scope and expiry, and allows non-loopback binding with them', () => {
    const cfg = buildAppConfig({
      HOST: '0.0.0.0',
      MCP_TOKENS: 'lmstudio:0123456789abcdef0123:read:2027-01-31, cursor:fedcba9876543210fedc:write',
    });
    expect(cfg.mcp.tokens).toEqual([
      { name: 'lmstudio', token: '0123456789abcdef0123', scope: 'read', expiresAt: Date.parse('2027-01-31T23:59:59.999Z') },
      { name: 'cursor', token: 'fedcba9876543210fedc', scope: 'write', expiresAt: null },
    ]);
  });

  it('merges status overrides over the defaults, upper-casing names', () => {
    const cfg = buildAppConfig({ STATUS_CATEGORY_OVERRIDES: '{"parked":"not_started"}' });
    expect(cfg.reports.statusOverrides['PARKED']).toBe('not_started');
    expect(cfg.reports.statusOverrides['QA']).toBe('active');
  });

  it('accepts HOST=[::1] as written in URLs (listen() needs ::1)', () => {
    expect(buildAppConfig({ HOST: '[::1]' }).http.host).toBe('::1');
  });

  it('allowed Host names: MCP_ALLOWED_HOSTS, a HOST name and the PUBLIC_BASE_URL host (not IPs or wildcards)', () => {
    const cfg = buildAppConfig({
      HOST: 'MyServer.lan',
      MCP_AUTH_TOKEN: '0123456789abcdef0123',
      MCP_ALLOWED_HOSTS: 'mcp.example.com, Other.Example:8443',
      PUBLIC_BASE_URL: 'https://hooks.example.com/base',
    });
    expect(cfg.mcp.allowedHosts).toEqual(['mcp.example.com', 'other.example:8443', 'myserver.lan', 'hooks.example.com']);
    expect(buildAppConfig({ HOST: '0.0.0.0', MCP_AUTH_TOKEN: '0123456789abcdef0123' }).mcp.allowedHosts).toEqual([]);
  });

  it('MCP read-only mode also makes the ClickUp client read-only', () => {
    expect(buildAppConfig({ MCP_READ_ONLY: 'true' }).clickup.readOnly).toBe(true);
  });

  it('.env.example documents exactly the variables of the schema', () => {
    const text = fs.readFileSync(path.resolve(__dirname, '../../.env.example'), 'utf8');
    const documented = [...text.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
    expect(documented).toEqual(Object.keys(envSchema.shape).sort());
  });
});
