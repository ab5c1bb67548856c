import { validateCronExpression } from 'cron';
import { z } from 'zod';

/**
 * The environment contract. Every variable the product reads is declared here, with its
 * default; `.env.example` documents the same list (a unit test keeps the two in step).
 * Values arrive as strings, so booleans and numbers are parsed explicitly with messages that
 * say what is expected.
 */
const bool = (def: boolean) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return def;
      if (['true', '1', 'yes', 'on'].includes(v)) return true;
      if (['false', '0', 'no', 'off'].includes(v)) return false;
      ctx.addIssue({ code: 'custom', message: `expected true or false, got '${v}'` });
      return z.NEVER;
    });

const int = (def: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return def;
      const n = Number(v);
      if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected an integer from ${min} to ${max}, got '${v}'` });
        return z.NEVER;
      }
      return n;
    });

const decimal = (def: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return def;
      const n = Number(v);
      if (!/^\d+(\.\d+)?$/.test(v) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected a number from ${min} to ${max}, got '${v}'` });
        return z.NEVER;
      }
      return n;
    });

/** Optional integer: unset (or empty) means "no value", not a default. */
const optInt = (min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx): number | null => {
      if (v === undefined || v === '') return null;
      const n = Number(v);
      if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `expected an integer from ${min} to ${max} (or nothing), got '${v}'` });
        return z.NEVER;
      }
      return n;
    });

/** Optional string, trimmed; empty counts as unset. */
const str = () =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** String with a default. */
const strd = (def: string) => str().transform((v): string => v ?? def);

const timeZone = (def: string) =>
  strd(def).transform((v, ctx) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: v });
      return v as string;
    } catch {
      ctx.addIssue({ code: 'custom', message: `expected an IANA time zone such as Europe/Berlin, got '${v}'` });
      return z.NEVER;
    }
  });

const url = (protocols: string[]) =>
  str().transform((v, ctx) => {
    if (v === undefined) return undefined;
    try {
      const u = new URL(v);
      if (!protocols.includes(u.protocol)) throw new Error('protocol');
      return v;
    } catch {
      // Never echo the value: a database URL can carry a password.
      ctx.addIssue({ code: 'custom', message: `expected a ${protocols.join(' or ')} URL` });
      return z.NEVER;
    }
  });

/**
 * Checked with the validator of the `cron` package that runs the schedule, so what passes here
 * also starts (a range error like `99 99 * * *` used to pass and then crash the boot with a raw
 * CronError).
 */
const cron = (def: string) =>
  strd(def).transform((v, ctx) => {
    const { valid, error } = validateCronExpression(v as string);
    if (!valid) {
      const why = error?.message ? `: ${error.message.replace(/\.$/, '')}` : '';
      ctx.addIssue({ code: 'custom', message: `expected a cron expression such as '0 3 * * *', got '${v}'${why}` });
      return z.NEVER;
    }
    return v as string;
  });

const enumOf = <T extends string>(values: readonly T[], def: T) =>
  strd(def).transform((v, ctx) => {
    if (!values.includes(v as T)) {
      ctx.addIssue({ code: 'custom', message: `expected one of ${values.join(', ')}, got '${v}'` });
      return z.NEVER;
    }
    return v as T;
  });

export const machineTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export const envSchema = z.object({
  // HTTP server
  // "[::1]" (as in a URL) and "::1" mean the same address; listen() only understands the latter.
  HOST: strd('127.0.0.1').transform((v) => (v as string).replace(/^\[(.*)\]$/, '$1')),
  PORT: int(8001, 0, 65535),
  LOG_LEVEL: enumOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
  LOG_FORMAT: enumOf(['auto', 'human', 'json'] as const, 'auto'),

  // Database
  DATABASE_URL: url(['postgres:', 'postgresql:']),
  PGLITE_DATA_DIR: strd('./data/pglite'),
  DB_RUN_MIGRATIONS: bool(true),
  DB_POOL_SIZE: int(10, 1, 100),

  // ClickUp
  CLICKUP_API_TOKEN: str(),
  CLICKUP_API_BASE_URL: url(['http:', 'https:']),
  CLICKUP_WORKSPACE_ID: str(),
  CLICKUP_RATE_LIMIT_PER_MINUTE: int(100, 1, 100000),
  CLICKUP_INTERACTIVE_RESERVE: int(10, 0, 1000),
  CLICKUP_TIMEOUT_MS: int(30000, 1000, 600000),
  CLICKUP_MAX_RETRIES: int(5, 0, 20),
  CLICKUP_READ_ONLY: bool(false),
  CLICKUP_WRITE_DEADLINE_MS: int(30000, 1000, 600000),

  // Demo sandbox (used when CLICKUP_API_TOKEN is unset)
  SANDBOX_PORT: int(9100, 0, 65535),
  SANDBOX_SEED: int(42, 0, 2147483647),
  SANDBOX_SIZE: enumOf(['tiny', 'demo', 'large'] as const, 'demo'),
  SANDBOX_RATE_LIMIT_PER_MINUTE: int(100, 0, 100000),

  // Reports
  REPORT_TIME_ZONE: timeZone(machineTimeZone()),
  STATUS_CATEGORY_OVERRIDES: str(),
  REPORT_CAPACITY_HOURS_PER_WEEK: decimal(40, 1, 168),

  // Sync
  SYNC_ENABLED: bool(true),
  SYNC_INCREMENTAL_EVERY_MINUTES: int(10, 1, 1440),
  SYNC_RECONCILE_CRON: cron('0 3 * * *'),
  SYNC_SNAPSHOT_CRON: cron('55 23 * * *'),
  SYNC_TIME_ZONE: str(),
  // Unset: all history. A number limits full syncs to that many days back (and says so).
  SYNC_TIME_ENTRIES_HISTORY_DAYS: optInt(1, 36500),
  SYNC_TIME_ENTRIES_WINDOW_DAYS: int(30, 1, 366),
  SYNC_TIME_ENTRIES_TRAILING_DAYS: int(30, 1, 366),
  SYNC_TASK_OVERLAP_SECONDS: int(120, 0, 86400),
  // Unset: history is kept for ever. A number keeps that many days of daily snapshots / of finished runs.
  SYNC_SNAPSHOT_KEEP_DAYS: optInt(1, 36500),
  SYNC_RUNS_KEEP_DAYS: optInt(1, 36500),
  WEBHOOK_SECRET: str(),
  PUBLIC_BASE_URL: url(['http:', 'https:']),

  // MCP
  MCP_AUTH_TOKEN: str(),
  MCP_TOKENS: str(),
  MCP_READ_ONLY: bool(false),
  MCP_TOOLSETS: strd('all'),
  MCP_ALLOWED_ORIGINS: str(),
  MCP_ALLOWED_HOSTS: str(),
  MCP_SESSION_IDLE_MINUTES: int(30, 1, 1440),
  MCP_MAX_SESSIONS_PER_CLIENT: int(16, 1, 1000),
  MCP_MAX_SESSIONS: int(200, 1, 10000),
  MCP_ANSWER_CACHE_MB: int(32, 0, 4096),
});

export type ParsedEnv = z.output<typeof envSchema>;
export const SECRET_ENV_KEYS = ['CLICKUP_API_TOKEN', 'MCP_AUTH_TOKEN', 'MCP_TOKENS', 'WEBHOOK_SECRET', 'DATABASE_URL'] as const;
