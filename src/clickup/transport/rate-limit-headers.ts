/**
 * Reads ClickUp's rate-limit headers. ClickUp sends X-RateLimit-Limit/Remaining/Reset on
 * every response (Reset = Unix epoch SECONDS) and may add Retry-After on a 429.
 */

export interface RateLimitObservation {
  limit?: number;
  remaining?: number;
  /** Epoch ms at which the server's window resets. */
  resetAtMs?: number;
}

type HeaderBag = Record<string, unknown> | undefined | null;

function header(headers: HeaderBag, name: string): string | undefined {
  if (!headers) return undefined;
  // Axios lower-cases header names; AxiosHeaders also exposes get(), but a plain record
  // lookup works for both and for hand-built test objects.
  const value = headers[name] ?? headers[name.toLowerCase()];
  if (Array.isArray(value)) return value.length > 0 ? String(value[0]) : undefined;
  if (value === undefined || value === null) return undefined;
  return String(value).trim();
}

function nonNegativeNumber(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/**
 * Converts an X-RateLimit-Reset value to epoch ms. ClickUp documents epoch seconds; we also
 * tolerate the two common deviations so a proxy or a stand-in server cannot make us sleep
 * for decades or not at all: epoch ms (> 1e12) and a delta in seconds (< 1e9, i.e. before
 * 2001 if read as an epoch).
 */
export function resetHeaderToEpochMs(value: number, nowMs: number): number {
  if (value > 1e12) return value;
  if (value < 1e9) return nowMs + value * 1000;
  return value * 1000;
}

export function parseRateLimitHeaders(headers: HeaderBag, nowMs: number): RateLimitObservation {
  const limit = nonNegativeNumber(header(headers, 'x-ratelimit-limit'));
  const remaining = nonNegativeNumber(header(headers, 'x-ratelimit-remaining'));
  const reset = nonNegativeNumber(header(headers, 'x-ratelimit-reset'));
  const observation: RateLimitObservation = {};
  if (limit !== undefined && limit >= 1) observation.limit = Math.floor(limit);
  if (remaining !== undefined) observation.remaining = Math.floor(remaining);
  if (reset !== undefined) observation.resetAtMs = resetHeaderToEpochMs(reset, nowMs);
  return observation;
}

/** Retry-After as epoch ms: either delta-seconds or an HTTP date. */
export function parseRetryAfter(headers: HeaderBag, nowMs: number): number | undefined {
  const raw = header(headers, 'retry-after');
  if (raw === undefined || raw === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return seconds >= 0 ? nowMs + seconds * 1000 : undefined;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : date;
}

/**
 * When a 429 may be retried: the later of X-RateLimit-Reset and Retry-After (both are
 * promises from the server that earlier is pointless), or undefined when neither is sent.
 */
export function rateLimitRetryAt(headers: HeaderBag, nowMs: number): number | undefined {
  const reset = parseRateLimitHeaders(headers, nowMs).resetAtMs;
  const retryAfter = parseRetryAfter(headers, nowMs);
  if (reset === undefined) return retryAfter;
  if (retryAfter === undefined) return reset;
  return Math.max(reset, retryAfter);
}
