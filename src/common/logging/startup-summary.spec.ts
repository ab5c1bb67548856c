import { describeDatabaseUrl, startupSummary } from './startup-summary';

describe('startupSummary', () => {
  it('HTTP in demo mode: where it listens, what it serves, which data and configuration', () => {
    expect(
      startupSummary({
        transport: 'http',
        url: 'http://127.0.0.1:8001',
        demo: true,
        tools: 28,
        toolsets: 'all',
        readOnly: false,
        tokens: 0,
        database: { kind: 'pglite', dir: '/srv/app/data/pglite' },
        envFile: { path: null, lookedFor: '/srv/app/.env' },
        sync: 'no full sync has completed yet; the first one starts now',
        log: { level: 'info', format: 'human' },
      }),
    ).toBe(
      [
        'clickup-analytics-mcp listening on http://127.0.0.1:8001 — DEMO MODE (local ClickUp sandbox; set CLICKUP_API_TOKEN for your workspace)',
        '  MCP       http://127.0.0.1:8001/sse (SSE) and http://127.0.0.1:8001/mcp (Streamable HTTP): 28 tools (all toolsets)',
        '  REST      http://127.0.0.1:8001/docs (Swagger UI), http://127.0.0.1:8001/health',
        '  Access    no token required (loopback only)',
        '  Database  embedded PGlite in /srv/app/data/pglite',
        '  Config    no .env at /srv/app/.env: environment and defaults',
        '  Sync      no full sync has completed yet; the first one starts now',
        '  Logs      level info, human-readable (LOG_FORMAT=json for JSON lines)',
        '',
      ].join('\n'),
    );
  });

  it('stdio against PostgreSQL, with a .env, narrowed toolsets and read-only', () => {
    const text = startupSummary({
      transport: 'stdio',
      demo: false,
      tools: 9,
      toolsets: ['workspace', 'tasks'],
      readOnly: true,
      tokens: 0,
      database: { kind: 'postgres', where: describeDatabaseUrl('postgres://app:hunter2@db.internal:5432/clickup') },
      envFile: { path: '/srv/app/.env', lookedFor: '/srv/app/.env' },
      sync: 'data as of 2026-01-05T10:00:00.000Z',
      log: { level: 'warn', format: 'human' },
    });
    expect(text.split('\n')[0]).toBe('clickup-analytics-mcp (stdio) ready');
    expect(text).toContain('  MCP       stdio: 9 tools (workspace, tasks, read-only)\n');
    expect(text).toContain('  Database  PostgreSQL at db.internal:5432/clickup\n');
    expect(text).toContain('  Config    read /srv/app/.env\n');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('app:');
  });
});
