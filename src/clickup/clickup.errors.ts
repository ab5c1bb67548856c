/**
 * Every failure that leaves src/clickup is one of these classes. They carry only what a
 * caller needs to decide (status, ECODE, endpoint template) and never the request headers,
 * the token or the raw AxiosError (whose config holds the Authorization header and would
 * leak it through util.inspect or a JSON log line).
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Base class: the endpoint is the template (`GET /team/{team_id}/task`), never a filled URL. */
export class ClickupError extends Error {
  constructor(
    message: string,
    readonly endpoint: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, endpoint: this.endpoint };
  }
}

export interface ClickupApiErrorDetails {
  endpoint: string;
  /** HTTP status, or null when no response arrived (timeout, connection error). */
  status: number | null;
  /** ClickUp's ECODE (e.g. OAUTH_019, ITEM_013), when the body had one. */
  ecode: string | null;
  /** ClickUp's `err` text, when the body had one. */
  clickupMessage: string | null;
  /** Attempts made, retries included. */
  attempts: number;
}

/** An HTTP exchange with ClickUp failed (after whatever retries the policy allows). */
export class ClickupApiError extends ClickupError {
  readonly status: number | null;
  readonly ecode: string | null;
  readonly clickupMessage: string | null;
  readonly attempts: number;

  constructor(details: ClickupApiErrorDetails, message?: string) {
    super(message ?? describeApiFailure(details), details.endpoint);
    this.status = details.status;
    this.ecode = details.ecode;
    this.clickupMessage = details.clickupMessage;
    this.attempts = details.attempts;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      ecode: this.ecode,
      clickupMessage: this.clickupMessage,
      attempts: this.attempts,
    };
  }
}

/** 400: ClickUp rejected the input (e.g. "Task ID invalid"). */
export class ClickupBadRequestError extends ClickupApiError {}

/**
 * 401: missing/revoked token, or a Workspace the token may not see. Note that ClickUp also
 * answers 401 "Team not authorized" for a custom task id sent without custom_task_ids/team_id.
 */
export class ClickupAuthError extends ClickupApiError {}

/** 403: plan gates (PAYWALL_*) and permission problems. */
export class ClickupForbiddenError extends ClickupApiError {}

/** 404, or a 401 whose ECODE says "not found" (ClickUp is inconsistent there). */
export class ClickupNotFoundError extends ClickupApiError {}

/** 429 still returned after the allowed retries, or a reset too far away to wait for. */
export class ClickupRateLimitError extends ClickupApiError {
  constructor(
    details: ClickupApiErrorDetails,
    /** Epoch ms when ClickUp said the window resets, when known. */
    readonly retryAtMs: number | null,
    message?: string,
  ) {
    super(details, message);
  }
}

/** 5xx, timeout or connection failure on a request that was retried as far as allowed. */
export class ClickupUnavailableError extends ClickupApiError {
  constructor(
    details: ClickupApiErrorDetails,
    readonly reason: 'server_error' | 'timeout' | 'network',
    message?: string,
  ) {
    super(details, message);
  }
}

/**
 * A non-idempotent write (POST) timed out or lost its connection after it may have reached
 * ClickUp. It is deliberately not retried: a blind retry could create a duplicate task or
 * time entry. The caller should look the object up before trying again.
 */
export class ClickupWriteOutcomeUnknownError extends ClickupApiError {}

/** The client is in read-only mode and a non-GET request was attempted. No I/O happened. */
export class ClickupReadOnlyError extends ClickupError {
  constructor(endpoint: string) {
    super(`ClickUp client is read-only: refused ${endpoint} (no request was sent)`, endpoint);
  }
}

/** A caller passed arguments the API cannot accept (caught before any I/O). */
export class ClickupInvalidRequestError extends ClickupError {}

/**
 * An interactive write that could not go out in time, so it never changed anything in ClickUp:
 * the rate budget could not send it before its deadline (CLICKUP_WRITE_DEADLINE_MS), or ClickUp
 * answered 429 and the wait it asked for runs past the deadline. Sending it minutes later would
 * land after the caller gave up and invite a duplicate; the message says it is safe to retry.
 */
export class ClickupWriteDeferredError extends ClickupError {
  constructor(
    endpoint: string,
    /** When the budget expects room again (epoch ms), when known. */
    readonly retryAtMs: number | null,
    readonly reason: 'budget' | 'rate_limited',
    nowMs: number,
  ) {
    const when =
      retryAtMs === null
        ? 'in about a minute'
        : `after ${new Date(retryAtMs).toISOString().slice(11, 19)} UTC (in ${Math.max(1, Math.ceil((retryAtMs - nowMs) / 1000))} s)`;
    const why = reason === 'budget' ? "ClickUp's request budget is used up for now" : 'ClickUp is rate-limiting this token (429)';
    super(`Not sent: ${why}, so nothing was changed in ClickUp; it is safe to try again ${when}.`, endpoint);
  }
}

/** The client was shut down while the call waited for the rate budget. */
export class ClickupClientClosedError extends ClickupError {}

/**
 * A 2xx response whose body does not match the expected shape. The message names the
 * endpoint template and the first failing field path, e.g.
 * `GET /team/{team_id}/task returned an unexpected payload: tasks[3].date_updated: expected ms timestamp`.
 */
export class ClickupPayloadError extends ClickupError {
  constructor(
    endpoint: string,
    /** Every problem found, each as `path: message`. */
    readonly issues: readonly string[],
    message?: string,
  ) {
    super(message ?? `${endpoint} returned an unexpected payload: ${describeIssues(issues)}`, endpoint);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues };
  }
}

/**
 * A write ClickUp ACCEPTED (a 2xx answer) whose body we could not read. The write happened, so
 * it must never be repeated blindly (a second time entry, a second task); what we know of the
 * object is `objectId`, the id found in the answer when it had one. The writes module reads the
 * object back, or tells the caller to check before retrying.
 */
export class ClickupUnreadableWriteError extends ClickupPayloadError {
  constructor(
    endpoint: string,
    issues: readonly string[],
    /** The 2xx status ClickUp answered with. */
    readonly status: number,
    /** `id` (or `data.id`) from the answer, when present. */
    readonly objectId: string | null,
  ) {
    super(endpoint, issues, `ClickUp accepted ${endpoint} (HTTP ${status}) but its answer could not be read: ${describeIssues(issues)}`);
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), status: this.status, objectId: this.objectId };
  }
}

function describeIssues(issues: readonly string[]): string {
  return `${issues[0] ?? 'unknown problem'}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`;
}

function describeApiFailure(d: ClickupApiErrorDetails): string {
  const head = d.status === null ? `ClickUp request failed` : `ClickUp API ${d.status}`;
  const code = d.ecode ? ` ${d.ecode}` : '';
  const text = d.clickupMessage ? `: ${d.clickupMessage}` : '';
  const tries = d.attempts > 1 ? ` (after ${d.attempts} attempts)` : '';
  return `${head}${code} on ${d.endpoint}${text}${tries}`;
}
