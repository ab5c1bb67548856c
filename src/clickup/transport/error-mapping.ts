import { isAxiosError } from 'axios';
import {
  ClickupApiError,
  ClickupApiErrorDetails,
  ClickupAuthError,
  ClickupBadRequestError,
  ClickupClientClosedError,
  ClickupError,
  ClickupForbiddenError,
  ClickupNotFoundError,
  ClickupRateLimitError,
  ClickupUnavailableError,
  ClickupWriteOutcomeUnknownError,
  HttpMethod,
} from '../clickup.errors';
import { rateLimitRetryAt } from './rate-limit-headers';
import { RateBudgetClosedError } from './rate-budget';
import { classifyFailure, failedHttpStatus } from './retry-policy';

export interface FailureContext {
  method: HttpMethod;
  /** `METHOD /template` */
  endpoint: string;
  attempts: number;
  timeoutMs: number;
  nowMs: number;
  /** Only used to scrub it out of any text we copy into a message. */
  token: string;
}

/**
 * ECODEs that mean "no such object". ClickUp sometimes sends them with a 401 instead of a
 * 404 (docs/clickup-api.md §2), and callers should not treat a deleted task as a revoked token.
 */
const NOT_FOUND_ECODES = new Set(['ITEM_013', 'ITEM_015', 'PROJ_006']);

/** Removes the token (with or without its Bearer prefix) from text taken from a response. */
export function redactToken(text: string, token: string): string {
  let out = text;
  const bare = token.replace(/^Bearer\s+/i, '');
  for (const secret of [token, bare]) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

function readErrorBody(data: unknown, token: string): { ecode: string | null; message: string | null } {
  if (data && typeof data === 'object') {
    const body = data as Record<string, unknown>;
    const ecode = typeof body.ECODE === 'string' ? body.ECODE : null;
    const err = typeof body.err === 'string' ? body.err : typeof body.error === 'string' ? body.error : null;
    return { ecode, message: err === null ? null : redactToken(err, token).slice(0, 500) };
  }
  return { ecode: null, message: null };
}

function isNotFound(status: number, ecode: string | null, message: string | null): boolean {
  if (status === 404) return true;
  if (ecode !== null && ecode.startsWith('OAUTH_')) return false; // e.g. "Token not found"
  if (ecode !== null && NOT_FOUND_ECODES.has(ecode)) return true;
  return status === 401 && message !== null && /\bnot found\b/i.test(message);
}

/** Maps whatever the HTTP layer threw into the public error hierarchy. */
export function toClickupError(error: unknown, ctx: FailureContext): ClickupError {
  if (error instanceof ClickupError) return error;
  if (error instanceof RateBudgetClosedError) {
    return new ClickupClientClosedError(`ClickUp client was shut down while ${ctx.endpoint} waited for the rate budget`, ctx.endpoint);
  }
  const base: ClickupApiErrorDetails = {
    endpoint: ctx.endpoint,
    status: null,
    ecode: null,
    clickupMessage: null,
    attempts: ctx.attempts,
  };
  if (!isAxiosError(error)) {
    const text = error instanceof Error ? redactToken(error.message, ctx.token) : 'unknown error';
    return new ClickupApiError(base, `ClickUp request failed on ${ctx.endpoint}: ${text}`);
  }

  const response = failedHttpStatus(error) !== undefined ? error.response : undefined;
  if (response) {
    const { ecode, message } = readErrorBody(response.data, ctx.token);
    const details: ClickupApiErrorDetails = { ...base, status: response.status, ecode, clickupMessage: message };
    const status = response.status;
    if (status === 429) {
      const retryAt = rateLimitRetryAt(response.headers as Record<string, unknown>, ctx.nowMs) ?? null;
      return new ClickupRateLimitError(details, retryAt);
    }
    if (status >= 500) {
      if (ctx.method === 'POST') {
        return new ClickupWriteOutcomeUnknownError(
          details,
          `ClickUp API ${status} on ${ctx.endpoint}${message ? `: ${message}` : ''}; not retried because ` +
            `the write may already have been applied - check before repeating it`,
        );
      }
      return new ClickupUnavailableError(details, 'server_error');
    }
    if (isNotFound(status, ecode, message)) return new ClickupNotFoundError(details);
    if (status === 400) return new ClickupBadRequestError(details);
    if (status === 401) return new ClickupAuthError(details);
    if (status === 403) return new ClickupForbiddenError(details);
    return new ClickupApiError(details);
  }

  const kind = classifyFailure(error);
  const code = error.code ? ` (${error.code})` : '';
  const tries = ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : '';
  if (kind === 'timeout' || kind === 'connection_lost') {
    const what = kind === 'timeout' ? `timed out after ${ctx.timeoutMs} ms` : `lost its connection${code}`;
    if (ctx.method === 'POST') {
      return new ClickupWriteOutcomeUnknownError(
        base,
        `${ctx.endpoint} ${what}; not retried because ClickUp may already have applied it - ` +
          `check before repeating it (a blind retry could create a duplicate)`,
      );
    }
    return new ClickupUnavailableError(base, kind === 'timeout' ? 'timeout' : 'network', `${ctx.endpoint} ${what}${tries}`);
  }
  if (kind === 'canceled') return new ClickupApiError(base, `${ctx.endpoint} was canceled`);
  return new ClickupUnavailableError(base, 'network', `could not reach ClickUp${code} for ${ctx.endpoint}${tries}`);
}
