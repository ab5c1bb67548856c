import { AxiosError, isAxiosError } from 'axios';
import { HttpMethod } from '../clickup.errors';

/**
 * Why an attempt failed, in the terms the retry decision needs: did the request possibly
 * reach ClickUp's application (so a POST may have taken effect), and is the failure
 * transient?
 */
export type FailureKind =
  | 'rate_limited' //       429: rejected before processing
  | 'server_error' //       5xx: may or may not have been processed
  | 'timeout' //            no answer in time: may have been processed
  | 'connection_refused' // never connected: certainly not processed
  | 'connection_lost' //    connection dropped mid-exchange: may have been processed
  | 'dns_temporary' //      EAI_AGAIN: never connected
  | 'dns_permanent' //      ENOTFOUND: misconfigured host, retrying will not help
  | 'client_error' //       other 4xx: retrying the same request gives the same answer
  | 'canceled'
  | 'unknown';

const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

/**
 * The HTTP status that made the exchange fail, or undefined when it failed in transport.
 * Axios also attaches the response to errors raised while its body was still streaming
 * (e.g. "stream has been aborted" after a 200 status line): those are connection failures,
 * not HTTP answers.
 */
export function failedHttpStatus(error: AxiosError): number | undefined {
  const status = error.response?.status;
  return status !== undefined && (status < 200 || status >= 300) ? status : undefined;
}

export function classifyFailure(error: unknown): FailureKind {
  if (!isAxiosError(error)) return 'unknown';
  const status = failedHttpStatus(error);
  if (status !== undefined) {
    if (status === 429) return 'rate_limited';
    if (status >= 500) return 'server_error';
    return 'client_error';
  }
  const code = error.code ?? '';
  if (code === 'ERR_CANCELED') return 'canceled';
  // Axios reports its own timeout as ETIMEDOUT (clarifyTimeoutError) or ECONNABORTED.
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return 'timeout';
  if (NEVER_CONNECTED.has(code)) return 'connection_refused';
  if (code === 'EAI_AGAIN') return 'dns_temporary';
  if (code === 'ENOTFOUND') return 'dns_permanent';
  if (CONNECTION_LOST.has(code) || /socket hang up/i.test(error.message)) return 'connection_lost';
  // Any other transport failure without a response: treat as a lost connection, which is
  // the conservative reading for writes (outcome unknown) and still retried for reads.
  return code !== '' ? 'connection_lost' : 'unknown';
}

/** Failures where ClickUp certainly did not act on the request: safe for any method. */
const SAFE_FOR_ANY_METHOD = new Set<FailureKind>(['rate_limited', 'connection_refused', 'dns_temporary']);
/** Transient failures that may have reached ClickUp: only safe to repeat if idempotent. */
const SAFE_IF_IDEMPOTENT = new Set<FailureKind>(['server_error', 'timeout', 'connection_lost']);

/**
 * GET, PUT and DELETE are idempotent (PUT sets fields, assignee add/rem are set operations,
 * DELETE of a deleted object is a no-op), so any transient failure is retried. A POST that
 * may have reached ClickUp is never repeated blindly: a second create would duplicate.
 */
export function isRetryable(method: HttpMethod, kind: FailureKind): boolean {
  if (SAFE_FOR_ANY_METHOD.has(kind)) return true;
  return method !== 'POST' && SAFE_IF_IDEMPOTENT.has(kind);
}

/**
 * A POST failure that leaves us unsure whether ClickUp applied the write: a timeout, a
 * dropped connection, or a 5xx (a 500 can follow a partial write).
 */
export function isOutcomeUnknown(method: HttpMethod, kind: FailureKind): boolean {
  return method === 'POST' && SAFE_IF_IDEMPOTENT.has(kind);
}

export interface BackoffSettings {
  baseMs: number;
  maxMs: number;
  /** Injectable for deterministic tests. */
  random?: () => number;
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so retries
 * from many callers spread out but never collapse to zero wait.
 * retryNumber is 1 for the first retry.
 */
export function backoffDelayMs(retryNumber: number, settings: BackoffSettings): number {
  const random = settings.random ?? Math.random;
  const step = Math.min(settings.maxMs, settings.baseMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Floor for a 429 that names no reset time: an instant retry would just be refused again. */
export const MIN_RATE_LIMIT_WAIT_MS = 1_000;

/**
 * How long to wait before retry `retryNumber`. A 429 waits until the server's announced
 * reset (plus margin); everything else backs off exponentially.
 */
export function retryDelayMs(
  kind: FailureKind,
  retryNumber: number,
  settings: BackoffSettings & { nowMs: number; retryAtMs?: number; marginMs: number },
): number {
  if (kind === 'rate_limited') {
    if (settings.retryAtMs !== undefined) {
      return Math.max(0, settings.retryAtMs + settings.marginMs - settings.nowMs);
    }
    return Math.max(MIN_RATE_LIMIT_WAIT_MS, backoffDelayMs(retryNumber, settings));
  }
  return backoffDelayMs(retryNumber, settings);
}
