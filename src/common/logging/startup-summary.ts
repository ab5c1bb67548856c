/**
 * The few lines a person needs when the server starts: where it listens, what it serves, which
 * data it answers from and which configuration it read. Printed at the default log format
 * instead of Nest's start-up chatter (LOG_FORMAT=json keeps every JSON line instead).
 */
export interface StartupFacts {
  transport: 'http' | 'stdio';
  /** http: the base URL it listens on. */
  url?: string;
  demo: boolean;
  tools: number;
  toolsets: string[] | 'all';
  readOnly: boolean;
  /** Configured MCP/REST tokens (0: open on loopback). */
  tokens: number;
  database: { kind: 'postgres'; where: string } | { kind: 'pglite'; dir: string };
  envFile: { path: string | null; lookedFor: string };
  /** "data as of …", or the data-readiness sentence while no full sync has succeeded. */
  sync: string;
  log: { level: string; format: 'human' | 'json' };
}

export function startupSummary(f: StartupFacts): string {
  const demo = f.demo ? ' — DEMO MODE (local ClickUp sandbox; set CLICKUP_API_TOKEN for your workspace)' : '';
  const tools = `${f.tools} tools (${f.toolsets === 'all' ? 'all toolsets' : f.toolsets.join(', ')}${f.readOnly ? ', read-only' : ''})`;
  const head = f.transport === 'http' ? `clickup-analytics-mcp listening on ${f.url}${demo}` : `clickup-analytics-mcp (stdio) ready${demo}`;
  const lines = [head];
  if (f.transport === 'http') {
    lines.push(`  MCP       ${f.url}/sse (SSE) and ${f.url}/mcp (Streamable HTTP): ${tools}`);
    lines.push(`  REST      ${f.url}/docs (Swagger UI), ${f.url}/health`);
    lines.push(`  Access    ${f.tokens ? `bearer token required (${f.tokens} configured)` : 'no token required (loopback only)'}`);
  } else {
    lines.push(`  MCP       stdio: ${tools}`);
  }
  lines.push(`  Database  ${f.database.kind === 'pglite' ? `embedded PGlite in ${f.database.dir}` : `PostgreSQL at ${f.database.where}`}`);
  lines.push(
    `  Config    ${f.envFile.path ? `read ${f.envFile.path}` : `no .env${f.envFile.lookedFor ? ` at ${f.envFile.lookedFor}` : ''}: environment and defaults`}`,
  );
  lines.push(`  Sync      ${f.sync}`);
  lines.push(`  Logs      level ${f.log.level}, ${f.log.format === 'json' ? 'JSON lines' : 'human-readable (LOG_FORMAT=json for JSON lines)'}`);
  return `${lines.join('\n')}\n`;
}

/** Host, port and database of a PostgreSQL URL, never its user or password. */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return 'DATABASE_URL';
  }
}
