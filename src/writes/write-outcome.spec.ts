import {
  ClickupApiErrorDetails,
  ClickupAuthError,
  ClickupBadRequestError,
  ClickupClientClosedError,
  ClickupInvalidRequestError,
  ClickupRateLimitError,
  ClickupReadOnlyError,
  ClickupUnavailableError,
  ClickupUnreadableWriteError,
  ClickupWriteOutcomeUnknownError,
} from '../clickup/clickup.errors';
import { WriteOutcomeError } from '../common/errors/write-outcome-error';
import { acceptedUnreadable, failedBeforeWrite, readBackFailed, toWriteOutcomeError, WriteAction } from './write-outcome';

const LOG: WriteAction = { what: 'log 30m on task T1', check: 'the time entries of task T1 in ClickUp', idempotent: false };
const UPDATE: WriteAction = { what: 'update task T1', check: 'task T1 in ClickUp', idempotent: true };
const details = (status: number | null, over: Partial<ClickupApiErrorDetails> = {}): ClickupApiErrorDetails => ({
  endpoint: 'POST /team/{team_id}/time_entries',
  status,
  ecode: null,
  clickupMessage: null,
  attempts: 1,
  ...over,
});

describe('toWriteOutcomeError (the one rule for a write that did not simply succeed)', () => {
  it.each([
    [
      "a 4xx is REFUSED with ClickUp's own message; nothing changed",
      new ClickupBadRequestError(details(400, { ecode: 'INPUT_003', clickupMessage: 'Status not found' })),
      LOG,
      ['refused', 'no', 'ClickUp refused to log 30m on task T1 (400 INPUT_003): Status not found. Nothing was changed.'],
    ],
    [
      'a 401 says which setting to check',
      new ClickupAuthError(details(401, { ecode: 'OAUTH_019', clickupMessage: 'Token invalid' })),
      LOG,
      ['refused', 'no', 'ClickUp refused to log 30m on task T1 (401 OAUTH_019): Token invalid. Check CLICKUP_API_TOKEN. Nothing was changed.'],
    ],
    [
      'a create that timed out MAY have happened: check before retrying',
      new ClickupWriteOutcomeUnknownError(details(null), 'POST /team/{team_id}/time_entries timed out after 30000 ms; not retried'),
      LOG,
      [
        'failed',
        'maybe',
        'ClickUp did not confirm the request to log 30m on task T1 (it timed out): it may or may not have been applied. Check the time entries of task T1 in ClickUp before trying again, or it may happen twice.',
      ],
    ],
    [
      'a create that got a 500 MAY have happened',
      new ClickupWriteOutcomeUnknownError(details(500, { clickupMessage: 'Internal' }), 'x'),
      LOG,
      [
        'failed',
        'maybe',
        'ClickUp did not confirm the request to log 30m on task T1 (ClickUp answered 500: Internal): it may or may not have been applied. Check the time entries of task T1 in ClickUp before trying again, or it may happen twice.',
      ],
    ],
    [
      'an update that stayed unavailable MAY have happened, and repeating it is safe',
      new ClickupUnavailableError(details(503), 'server_error'),
      UPDATE,
      [
        'failed',
        'maybe',
        'ClickUp did not confirm the request to update task T1 (ClickUp answered 503): it may or may not have been applied. Repeating it is safe.',
      ],
    ],
    [
      'a 429 did NOT happen',
      new ClickupRateLimitError(details(429), Date.UTC(2026, 0, 1, 12)),
      LOG,
      [
        'failed',
        'no',
        "ClickUp's rate limit stopped the request to log 30m on task T1 (429): nothing was written; try again after 2026-01-01T12:00:00.000Z.",
      ],
    ],
    [
      'a 2xx whose answer is unreadable was ACCEPTED: never repeat it',
      new ClickupUnreadableWriteError('POST /team/{team_id}/time_entries', ['data: expected object, received undefined'], 200, null),
      LOG,
      [
        'accepted_unreadable',
        'yes',
        'ClickUp accepted the request to log 30m on task T1, but its answer could not be read (HTTP 200; data: expected object, received undefined). Its id is unknown: check the time entries of task T1 in ClickUp before trying again, or it may happen twice.',
      ],
    ],
    [
      'read-only mode sent nothing',
      new ClickupReadOnlyError('POST /team/{team_id}/time_entries'),
      LOG,
      ['refused', 'no', 'This server is read-only: writes to ClickUp are disabled (MCP_READ_ONLY / CLICKUP_READ_ONLY); nothing was sent.'],
    ],
    [
      'arguments refused before sending',
      new ClickupInvalidRequestError('PUT x: start and end must be sent together', 'PUT x'),
      UPDATE,
      ['refused', 'no', 'Could not update task T1: PUT x: start and end must be sent together; nothing was sent to ClickUp.'],
    ],
    [
      'a shutdown while queued sent nothing',
      new ClickupClientClosedError('closed', 'POST x'),
      LOG,
      ['failed', 'no', 'Could not log 30m on task T1: the server is shutting down; nothing was sent to ClickUp.'],
    ],
  ])('%s', (_label, error, action, [outcome, applied, message]) => {
    const e = toWriteOutcomeError(error, action as WriteAction) as WriteOutcomeError;
    expect(e).toBeInstanceOf(WriteOutcomeError);
    expect([e.outcome, e.applied, e.message]).toEqual([outcome, applied, message]);
  });

  it('passes anything that is not a ClickUp error through untouched (a database failure is no write outcome)', () => {
    const db = new Error('connection terminated');
    expect(toWriteOutcomeError(db, LOG)).toBe(db);
  });

  it('says the id when it is known', () => {
    const e = acceptedUnreadable(LOG, 'E42', 'HTTP 200; data.start: expected ms timestamp');
    expect(e).toMatchObject({ outcome: 'accepted_unreadable', applied: 'yes', objectId: 'E42' });
    expect(e.message).toContain('It has the id E42: check the time entries of task T1 in ClickUp before trying again');
  });

  it('a failed read-back after an accepted write: it happened, do not repeat it', () => {
    const e = readBackFailed(LOG, 'E42', new ClickupUnavailableError(details(502), 'server_error', 'GET x failed'));
    expect(e).toMatchObject({ outcome: 'accepted_unreadable', applied: 'yes', objectId: 'E42' });
    expect(e.message).toBe(
      'ClickUp accepted the request to log 30m on task T1 (id E42), but reading it back failed (GET x failed); the next sync will bring it in. Do not repeat it.',
    );
  });

  it('a read that comes before the write failed: nothing was written', () => {
    const refused = failedBeforeWrite(
      LOG,
      new ClickupAuthError(details(401), 'ClickUp API 401 on GET /team/{team_id}/time_entries/current'),
    ) as WriteOutcomeError;
    expect([refused.outcome, refused.applied]).toEqual(['refused', 'no']);
    expect(refused.message).toMatch(/^Could not log 30m on task T1: ClickUp refused the read that comes first \(.*\); nothing was written\.$/);
    const down = failedBeforeWrite(LOG, new ClickupUnavailableError(details(503), 'server_error')) as WriteOutcomeError;
    expect([down.outcome, down.applied]).toEqual(['failed', 'no']);
  });
});
