/**
 * Configuration of the ClickUp client. The config module builds this from the validated
 * environment; tests build it directly. The token lives only here and in the
 * Authorization header: it is never logged and never copied into an error.
 */
export interface ClickupClientOptions {
  /** e.g. https://api.clickup.com/api/v2 or the local sandbox http://127.0.0.1:9100/api/v2 */
  baseUrl: string;
  /** pk_… personal token (sent bare) or an OAuth token (sent as 'Bearer …' when given with the prefix). */
  token: string;
  /** Configured budget per 60 s window; the smaller of this and the server's X-RateLimit-Limit wins. */
  requestsPerMinute: number;
  /** Requests per window that 'sync' callers may not use, so interactive calls never starve. */
  interactiveReserve: number;
  /** Per attempt; a retry gets a fresh timeout. */
  timeoutMs: number;
  /** Retries after the first attempt (so at most maxRetries + 1 attempts). */
  maxRetries: number;
  /** Refuse every non-GET request before any network I/O. */
  readOnly: boolean;
  /**
   * An interactive call (a write, or a read a write tool makes) that the rate budget cannot send
   * within this many ms is not sent at all (ClickupWriteDeferredError). Default 30000
   * (CLICKUP_WRITE_DEADLINE_MS).
   */
  writeDeadlineMs?: number;
  /**
   * Optional tuning. Production leaves these unset; tests shrink them so retry and pacing
   * behaviour can be exercised in seconds rather than minutes.
   */
  /** First backoff step for 5xx/timeouts/connection errors (doubles per retry, with jitter). Default 500. */
  retryBaseDelayMs?: number;
  /** Cap for one backoff step. Default 30000. */
  retryMaxDelayMs?: number;
  /** A 429 asking us to wait longer than this fails fast with ClickupRateLimitError. Default 120000. */
  maxRateLimitWaitMs?: number;
  /** Length of the rate-limit window. ClickUp uses 60 s; only a fake-fast sandbox changes this. */
  rateWindowMs?: number;
}

export const CLICKUP_CLIENT_OPTIONS = Symbol('CLICKUP_CLIENT_OPTIONS');

/** ClickUp's public API v2. Only this module knows it; configuration may override it. */
export const CLICKUP_API_BASE_URL = 'https://api.clickup.com/api/v2';

export const CLICKUP_CLIENT_DEFAULTS = {
  requestsPerMinute: 100,
  interactiveReserve: 10,
  timeoutMs: 30_000,
  maxRetries: 5,
  readOnly: false,
  writeDeadlineMs: 30_000,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 30_000,
  maxRateLimitWaitMs: 120_000,
  rateWindowMs: 60_000,
} as const;

/** Options with every optional tuning knob filled in. */
export type ResolvedClickupClientOptions = Required<ClickupClientOptions>;

/**
 * Fills defaults and rejects nonsense early (at module init, not on the first request).
 * Error messages name the offending option but never echo the token.
 */
export function resolveClickupClientOptions(
  input: Partial<ClickupClientOptions> & Pick<ClickupClientOptions, 'baseUrl' | 'token'>,
): ResolvedClickupClientOptions {
  const d = CLICKUP_CLIENT_DEFAULTS;
  const resolved: ResolvedClickupClientOptions = {
    baseUrl: (input.baseUrl ?? '').trim().replace(/\/+$/, ''),
    token: (input.token ?? '').trim(),
    requestsPerMinute: input.requestsPerMinute ?? d.requestsPerMinute,
    interactiveReserve: input.interactiveReserve ?? d.interactiveReserve,
    timeoutMs: input.timeoutMs ?? d.timeoutMs,
    maxRetries: input.maxRetries ?? d.maxRetries,
    readOnly: input.readOnly ?? d.readOnly,
    writeDeadlineMs: input.writeDeadlineMs ?? d.writeDeadlineMs,
    retryBaseDelayMs: input.retryBaseDelayMs ?? d.retryBaseDelayMs,
    retryMaxDelayMs: input.retryMaxDelayMs ?? d.retryMaxDelayMs,
    maxRateLimitWaitMs: input.maxRateLimitWaitMs ?? d.maxRateLimitWaitMs,
    rateWindowMs: input.rateWindowMs ?? d.rateWindowMs,
  };

  let url: URL;
  try {
    url = new URL(resolved.baseUrl);
  } catch {
    throw new Error('ClickUp client: baseUrl must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error('ClickUp client: baseUrl must use http or https');
  }
  if (resolved.token === '') throw new Error('ClickUp client: token is required');
  if (/\s/.test(resolved.token.replace(/^Bearer /, ''))) {
    throw new Error('ClickUp client: token must not contain whitespace');
  }
  requireInteger('requestsPerMinute', resolved.requestsPerMinute, 1);
  requireInteger('interactiveReserve', resolved.interactiveReserve, 0);
  requireInteger('timeoutMs', resolved.timeoutMs, 1);
  requireInteger('maxRetries', resolved.maxRetries, 0);
  requireInteger('writeDeadlineMs', resolved.writeDeadlineMs, 1);
  requireInteger('retryBaseDelayMs', resolved.retryBaseDelayMs, 0);
  requireInteger('retryMaxDelayMs', resolved.retryMaxDelayMs, 0);
  requireInteger('maxRateLimitWaitMs', resolved.maxRateLimitWaitMs, 0);
  requireInteger('rateWindowMs', resolved.rateWindowMs, 1);
  return resolved;
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`ClickUp client: ${name} must be an integer >= ${min} (got ${String(value)})`);
  }
}
