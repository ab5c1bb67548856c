import { envSchema, ParsedEnv } from './env.schema';
import { DEFAULT_STATUS_OVERRIDES, StatusCategory, STATUS_CATEGORIES } from '../common/status-category';
import { resolveFromProject } from '../common/runtime/project-root';
import { TOOLSETS } from '../mcp/core/toolsets';

export interface McpTokenConfig {
  name: string;
  token: string;
  scope: 'read' | 'write';
  /** Expiry as epoch ms (end of the given day, UTC), or null for no expiry. */
  expiresAt: number | null;
}

/** The typed, validated configuration. Built once at boot from the environment. */
export class AppConfig {
  http!: {
    host: string;
    port: number;
    logLevel: ParsedEnv['LOG_LEVEL'];
    /** LOG_FORMAT resolved: `auto` is human-readable lines, JSON at debug and trace. */
    logFormat: 'human' | 'json';
  };
  database!: {
    url: string | undefined;
    /** Absolute: relative PGLITE_DATA_DIR values are resolved from the project directory. */
    pgliteDataDir: string;
    runMigrations: boolean;
    poolSize: number;
  };
  clickup!: {
    token: string | undefined;
    /** Unset: the ClickUp client's own default (the public API). */
    baseUrl: string | undefined;
    workspaceId: string | undefined;
    requestsPerMinute: number;
    interactiveReserve: number;
    timeoutMs: number;
    maxRetries: number;
    readOnly: boolean;
    /** An interactive write not sendable within this many ms (rate budget) is not sent at all. */
    writeDeadlineMs: number;
  };
  /** True when no ClickUp token is configured: the in-process sandbox plays ClickUp. */
  demo!: boolean;
  sandbox!: { port: number; seed: number; size: 'tiny' | 'demo' | 'large'; rateLimitPerMinute: number };
  reports!: {
    timeZone: string;
    statusOverrides: Record<string, StatusCategory>;
    /** Utilization capacity: hours per person per week of Mon–Fri (rule 9). */
    capacityHoursPerWeek: number;
  };
  sync!: {
    enabled: boolean;
    incrementalEveryMinutes: number;
    reconcileCron: string;
    snapshotCron: string;
    timeZone: string;
    /** null: all history (from the workspace's oldest task or entry); a number limits full syncs to that many days. */
    timeEntriesHistoryDays: number | null;
    timeEntriesWindowDays: number;
    timeEntriesTrailingDays: number;
    taskOverlapSeconds: number;
    /** null: every daily snapshot is kept; a number keeps the last that many local days (today included). */
    snapshotKeepDays: number | null;
    /** null: every run is kept; a number keeps runs that finished within that many days (and each kind's newest). */
    runsKeepDays: number | null;
    webhookSecret: string | undefined;
    publicBaseUrl: string | undefined;
  };
  mcp!: {
    tokens: McpTokenConfig[];
    readOnly: boolean;
    toolsets: string[] | 'all';
    allowedOrigins: string[];
    /** Host names (besides loopback and IP literals) requests may carry: DNS-rebinding protection. */
    allowedHosts: string[];
    sessions: { idleMs: number; maxPerClient: number; maxTotal: number };
    /** Memory for reusable read-tool answers (MCP_ANSWER_CACHE_MB); 0 turns the answer cache off. */
    answerCacheBytes: number;
  };
  /** The .env file that was read (absolute path), or null when none was; set by AppConfigModule. */
  envFile: { path: string | null; lookedFor: string } = { path: null, lookedFor: '' };
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host) || host.startsWith('127.');
}

/**
 * Parses and cross-checks the environment. Throws one ConfigValidationError listing every
 * problem (variable name + what is expected), so a bad .env is fixed in one go.
 */
export function buildAppConfig(env: Record<string, string | undefined>): AppConfig {
  // Each variable is parsed on its own, so one bad value never hides the problems of others,
  // and the cross-variable checks below still run on every value that did parse.
  const problems: string[] = [];
  const e = {} as ParsedEnv;
  for (const [key, schema] of Object.entries(envSchema.shape)) {
    const parsed = (schema as { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string }[] } } }).safeParse(
      env[key],
    );
    if (parsed.success) (e as Record<string, unknown>)[key] = parsed.data;
    else for (const issue of parsed.error!.issues) problems.push(`${key}: ${issue.message}`);
  }

  const statusOverrides = parseStatusOverrides(e.STATUS_CATEGORY_OVERRIDES, problems);
  const tokens = parseMcpTokens(e.MCP_AUTH_TOKEN, e.MCP_TOKENS, problems);
  // An unset SYNC_TIME_ZONE follows REPORT_TIME_ZONE (already reported if that one is bad).
  const syncTimeZone = (e.SYNC_TIME_ZONE ?? e.REPORT_TIME_ZONE) as string | undefined;
  if (e.SYNC_TIME_ZONE !== undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: e.SYNC_TIME_ZONE });
    } catch {
      problems.push(`SYNC_TIME_ZONE: expected an IANA time zone such as Europe/Berlin, got '${e.SYNC_TIME_ZONE}'`);
    }
  }
  if (!isLoopbackHost(e.HOST) && tokens.length === 0) {
    problems.push(`HOST: binding to '${e.HOST}' exposes the server beyond this machine; set MCP_AUTH_TOKEN (or MCP_TOKENS) or bind to 127.0.0.1`);
  }
  const toolsets = parseToolsets(e.MCP_TOOLSETS, problems);
  if (problems.length) throw new ConfigValidationError(problems);

  const cfg = new AppConfig();
  cfg.http = {
    host: e.HOST as string,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT === 'json' || (e.LOG_FORMAT === 'auto' && (e.LOG_LEVEL === 'debug' || e.LOG_LEVEL === 'trace')) ? 'json' : 'human',
  };
  cfg.database = {
    url: e.DATABASE_URL,
    pgliteDataDir: resolveFromProject(e.PGLITE_DATA_DIR as string),
    runMigrations: e.DB_RUN_MIGRATIONS,
    poolSize: e.DB_POOL_SIZE,
  };
  cfg.demo = !e.CLICKUP_API_TOKEN;
  cfg.clickup = {
    token: e.CLICKUP_API_TOKEN,
    baseUrl: e.CLICKUP_API_BASE_URL,
    workspaceId: e.CLICKUP_WORKSPACE_ID,
    requestsPerMinute: e.CLICKUP_RATE_LIMIT_PER_MINUTE,
    interactiveReserve: e.CLICKUP_INTERACTIVE_RESERVE,
    timeoutMs: e.CLICKUP_TIMEOUT_MS,
    maxRetries: e.CLICKUP_MAX_RETRIES,
    readOnly: e.CLICKUP_READ_ONLY || e.MCP_READ_ONLY,
    writeDeadlineMs: e.CLICKUP_WRITE_DEADLINE_MS,
  };
  cfg.sandbox = {
    port: e.SANDBOX_PORT,
    seed: e.SANDBOX_SEED,
    size: e.SANDBOX_SIZE,
    rateLimitPerMinute: e.SANDBOX_RATE_LIMIT_PER_MINUTE,
  };
  cfg.reports = { timeZone: e.REPORT_TIME_ZONE as string, statusOverrides, capacityHoursPerWeek: e.REPORT_CAPACITY_HOURS_PER_WEEK };
  cfg.sync = {
    enabled: e.SYNC_ENABLED,
    incrementalEveryMinutes: e.SYNC_INCREMENTAL_EVERY_MINUTES,
    reconcileCron: e.SYNC_RECONCILE_CRON as string,
    snapshotCron: e.SYNC_SNAPSHOT_CRON as string,
    timeZone: syncTimeZone as string,
    timeEntriesHistoryDays: e.SYNC_TIME_ENTRIES_HISTORY_DAYS,
    timeEntriesWindowDays: e.SYNC_TIME_ENTRIES_WINDOW_DAYS,
    timeEntriesTrailingDays: e.SYNC_TIME_ENTRIES_TRAILING_DAYS,
    taskOverlapSeconds: e.SYNC_TASK_OVERLAP_SECONDS,
    snapshotKeepDays: e.SYNC_SNAPSHOT_KEEP_DAYS,
    runsKeepDays: e.SYNC_RUNS_KEEP_DAYS,
    webhookSecret: e.WEBHOOK_SECRET,
    publicBaseUrl: e.PUBLIC_BASE_URL,
  };
  cfg.mcp = {
    tokens,
    readOnly: e.MCP_READ_ONLY,
    toolsets,
    allowedOrigins: (e.MCP_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    allowedHosts: allowedHostNames(e.MCP_ALLOWED_HOSTS, e.HOST as string, e.PUBLIC_BASE_URL),
    sessions: { idleMs: e.MCP_SESSION_IDLE_MINUTES * 60_000, maxPerClient: e.MCP_MAX_SESSIONS_PER_CLIENT, maxTotal: e.MCP_MAX_SESSIONS },
    answerCacheBytes: e.MCP_ANSWER_CACHE_MB * 1024 * 1024,
  };
  return cfg;
}

/** `all`, or a comma list of known toolset names; anything else is refused with the valid names. */
function parseToolsets(raw: string | undefined, problems: string[]): string[] | 'all' {
  const names = (raw ?? 'all')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (names.includes('all')) return 'all';
  const unknown = names.filter((n) => !(TOOLSETS as readonly string[]).includes(n));
  if (unknown.length || !names.length) {
    problems.push(
      `MCP_TOOLSETS: ${names.length ? `unknown toolset${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `'${n}'`).join(', ')}` : 'no toolset named'}; expected all or a comma list of ${TOOLSETS.join(', ')}`,
    );
    return [];
  }
  return [...new Set(names)];
}

/**
 * Host names a request may be addressed to, lower-case: MCP_ALLOWED_HOSTS, the configured bind
 * name (HOST=myserver.lan means clients use that name), and PUBLIC_BASE_URL's host (ClickUp
 * delivers webhooks there). Loopback names and IP literals are always allowed (token-check.ts).
 */
function allowedHostNames(list: string | undefined, bindHost: string, publicBaseUrl: string | undefined): string[] {
  const names = (list ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (!/^[\d.:]+$/.test(bindHost) && !['0.0.0.0', '::'].includes(bindHost)) names.push(bindHost.toLowerCase());
  if (publicBaseUrl) names.push(new URL(publicBaseUrl).hostname.toLowerCase());
  return [...new Set(names)];
}

function parseStatusOverrides(raw: string | undefined, problems: string[]): Record<string, StatusCategory> {
  if (!raw) return { ...DEFAULT_STATUS_OVERRIDES };
  let obj: unknown;
  try {
    obj = JSON.parse(raw);
  } catch {
    problems.push(`STATUS_CATEGORY_OVERRIDES: expected a JSON object such as {"PARKED":"not_started"}`);
    return {};
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
    problems.push(`STATUS_CATEGORY_OVERRIDES: expected a JSON object such as {"PARKED":"not_started"}`);
    return {};
  }
  const out: Record<string, StatusCategory> = { ...DEFAULT_STATUS_OVERRIDES };
  for (const [name, cat] of Object.entries(obj as Record<string, unknown>)) {
    if (typeof cat !== 'string' || !STATUS_CATEGORIES.includes(cat as StatusCategory)) {
      problems.push(`STATUS_CATEGORY_OVERRIDES: status '${name}' maps to '${String(cat)}'; expected one of ${STATUS_CATEGORIES.join(', ')}`);
      continue;
    }
    out[name.trim().toUpperCase()] = cat as StatusCategory;
  }
  return out;
}

/**
 * MCP_AUTH_TOKEN is one unnamed token with write scope. MCP_TOKENS adds named tokens:
 * `name:token:scope[:YYYY-MM-DD]`, comma-separated (scope read|write; optional expiry date).
 * Problems never echo the token itself.
 */
function parseMcpTokens(single: string | undefined, many: string | undefined, problems: string[]): McpTokenConfig[] {
  const tokens: McpTokenConfig[] = [];
  if (single) {
    if (single.length < 16) problems.push('MCP_AUTH_TOKEN: expected at least 16 characters');
    else tokens.push({ name: 'default', token: single, scope: 'write', expiresAt: null });
  }
  if (!many) return tokens;
  many
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .forEach((entry, i) => {
      const [name, token, scope, expiry, ...rest] = entry.split(':');
      const where = `MCP_TOKENS entry ${i + 1}${name ? ` ('${name}')` : ''}`;
      if (rest.length || !name || !token || !scope) {
        problems.push(`${where}: expected name:token:scope[:YYYY-MM-DD]`);
        return;
      }
      if (token.length < 16) problems.push(`${where}: token must be at least 16 characters`);
      if (scope !== 'read' && scope !== 'write') problems.push(`${where}: scope must be read or write, got '${scope}'`);
      let expiresAt: number | null = null;
      if (expiry) {
        const d = /^\d{4}-\d{2}-\d{2}$/.test(expiry) ? Date.parse(`${expiry}T23:59:59.999Z`) : NaN;
        if (Number.isNaN(d)) problems.push(`${where}: expiry must be a date YYYY-MM-DD, got '${expiry}'`);
        else expiresAt = d;
      }
      if (tokens.some((t) => t.name === name)) problems.push(`${where}: duplicate token name`);
      tokens.push({ name, token, scope: scope as 'read' | 'write', expiresAt });
    });
  return tokens;
}
