import {
  ClickupApiError,
  ClickupClientClosedError,
  ClickupError,
  ClickupInvalidRequestError,
  ClickupRateLimitError,
  ClickupReadOnlyError,
  ClickupUnavailableError,
  ClickupUnreadableWriteError,
  ClickupWriteOutcomeUnknownError,
  ClickupWriteDeferredError,
} from '../clickup/clickup.errors';
import { WriteOutcomeError } from '../common/errors/write-outcome-error';

/** What a write was for, in the words its error messages use. */
export interface WriteAction {
  /** The request, as "ClickUp refused to …": e.g. `log the time entry`. */
  what: string;
  /** Where to look before retrying when the outcome is unknown: e.g. `the task's time entries in ClickUp`. */
  check: string;
  /** Repeating it is harmless (a PUT sets the same values again); a create is not. */
  idempotent: boolean;
}

/**
 * The one rule for how a failed write is reported (tools.md rule 1, issue 11):
 * - REFUSED: ClickUp answered 4xx (or we refused before sending). Nothing changed; ClickUp's own
 *   message says why.
 * - FAILED: 5xx, timeout, a lost connection, a rate limit. Says whether the write may have
 *   happened: a 429 and a request never sent did not; a create that timed out may have.
 * - ACCEPTED BUT UNREADABLE: ClickUp answered 2xx with a body we could not read. It happened: the
 *   writes services first try to read the object back (see ClickupUnreadableWriteError), and only
 *   when that fails say so, with the id if known, so nobody repeats it.
 * Anything that is not a ClickUp error (a database failure, a bug) passes through unchanged.
 */
export function toWriteOutcomeError(e: unknown, action: WriteAction): unknown {
  if (!(e instanceof ClickupError)) return e;
  if (e instanceof ClickupReadOnlyError) {
    return new WriteOutcomeError(
      'This server is read-only: writes to ClickUp are disabled (MCP_READ_ONLY / CLICKUP_READ_ONLY); nothing was sent.',
      'refused',
      'no',
    );
  }
  if (e instanceof ClickupInvalidRequestError) {
    return new WriteOutcomeError(`Could not ${action.what}: ${e.message}; nothing was sent to ClickUp.`, 'refused', 'no');
  }
  if (e instanceof ClickupClientClosedError) {
    return new WriteOutcomeError(`Could not ${action.what}: the server is shutting down; nothing was sent to ClickUp.`, 'failed', 'no');
  }
  // The budget could not send it in time: nothing went out, and the sentence says when to retry.
  if (e instanceof ClickupWriteDeferredError) return new WriteOutcomeError(e.message, 'failed', 'no');
  if (e instanceof ClickupUnreadableWriteError)
    return acceptedUnreadable(action, e.objectId, `HTTP ${e.status}; ${e.issues[0] ?? 'unreadable answer'}`);
  if (e instanceof ClickupRateLimitError) {
    const at = e.retryAtMs ? `after ${new Date(e.retryAtMs).toISOString()}` : 'in a minute';
    return new WriteOutcomeError(
      `ClickUp's rate limit stopped the request to ${action.what} (429): nothing was written; try again ${at}.`,
      'failed',
      'no',
    );
  }
  if (
    e instanceof ClickupWriteOutcomeUnknownError ||
    e instanceof ClickupUnavailableError ||
    (e instanceof ClickupApiError && (e.status === null || e.status >= 500))
  ) {
    const retry = action.idempotent ? 'Repeating it is safe.' : `Check ${action.check} before trying again, or it may happen twice.`;
    return new WriteOutcomeError(
      `ClickUp did not confirm the request to ${action.what} (${cause(e)}): it may or may not have been applied. ${retry}`,
      'failed',
      'maybe',
    );
  }
  if (e instanceof ClickupApiError) {
    const code = [e.status, e.ecode].filter(Boolean).join(' ');
    return new WriteOutcomeError(
      `ClickUp refused to ${action.what} (${code}): ${e.clickupMessage ?? 'no reason given'}.${hint(e.status)} Nothing was changed.`,
      'refused',
      'no',
    );
  }
  return e;
}

/** A read that had to come first (the running timer, the token's user) failed: nothing was written. */
export function failedBeforeWrite(action: WriteAction, e: unknown): unknown {
  if (!(e instanceof ClickupError)) return e;
  if (e instanceof ClickupWriteDeferredError) return new WriteOutcomeError(e.message, 'failed', 'no');
  const refused = e instanceof ClickupApiError && e.status !== null && e.status >= 400 && e.status < 500 && e.status !== 429;
  return new WriteOutcomeError(
    `Could not ${action.what}: ClickUp ${refused ? 'refused' : 'did not answer'} the read that comes first (${e.message}); nothing was written.`,
    refused ? 'refused' : 'failed',
    'no',
  );
}

/** ClickUp accepted the write but what it answered (or the read-back) could not be read. */
export function acceptedUnreadable(action: WriteAction, id: string | null, why: string): WriteOutcomeError {
  const known = id ? `It has the id ${id}` : 'Its id is unknown';
  return new WriteOutcomeError(
    `ClickUp accepted the request to ${action.what}, but its answer could not be read (${why}). ${known}: check ${action.check} before trying again, or it may happen twice.`,
    'accepted_unreadable',
    'yes',
    id,
  );
}

/**
 * The write went through but reading the object back (to store it) failed: it happened, and the
 * next sync brings it in. Never a reason to repeat the write.
 */
export function readBackFailed(action: WriteAction, id: string, e: unknown): WriteOutcomeError {
  const why = e instanceof Error ? e.message : String(e);
  return new WriteOutcomeError(
    `ClickUp accepted the request to ${action.what} (id ${id}), but reading it back failed (${why}); the next sync will bring it in. Do not repeat it.`,
    'accepted_unreadable',
    'yes',
    id,
  );
}

function cause(e: ClickupApiError): string {
  if (e instanceof ClickupUnavailableError)
    return e.reason === 'timeout' ? 'it timed out' : e.reason === 'network' ? 'the connection failed' : `ClickUp answered ${e.status ?? 'an error'}`;
  if (e.status !== null) return `ClickUp answered ${e.status}${e.clickupMessage ? `: ${e.clickupMessage}` : ''}`;
  return /timed out/.test(e.message) ? 'it timed out' : 'the connection was lost';
}

function hint(status: number | null): string {
  if (status === 401) return ' Check CLICKUP_API_TOKEN.';
  if (status === 403) return " The token's user may lack the permission, or the workspace's plan the feature.";
  return '';
}
