import { Logger } from '@nestjs/common';
import { ClickupRateLimitError } from '../clickup/clickup.errors';
import { DomainError } from '../common/errors/domain-error';
import { describeError } from './sync-context';

class QueryFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryFailedError';
  }
}

describe('describeError (what a run records and shows)', () => {
  let logged: string[];
  beforeEach(() => {
    logged = [];
    jest.spyOn(Logger.prototype, 'error').mockImplementation((m: unknown) => void logged.push(String(m)));
  });
  afterEach(() => jest.restoreAllMocks());

  it('a database error becomes one sentence with a reference; the detail goes to the log', () => {
    const text = describeError(new QueryFailedError('invalid byte sequence for encoding "UTF8": 0x00'));
    expect(text).toMatch(/^a database error \(reference [0-9a-f]{8}; the server log has the details\)$/);
    const ref = /reference ([0-9a-f]{8})/.exec(text)![1];
    expect(logged.join('\n')).toContain(`[${ref}]`);
    expect(logged.join('\n')).toContain('invalid byte sequence');
  });

  it('any other unexpected error says "internal error", never its stack or message', () => {
    const text = describeError(new TypeError("Cannot read properties of undefined (reading 'id')"));
    expect(text).toMatch(/^an internal error \(reference [0-9a-f]{8}/);
    expect(text).not.toContain('Cannot read');
  });

  it('our own errors are already sentences a client may read', () => {
    const clickup = new ClickupRateLimitError(
      { endpoint: 'GET /team/{team_id}/task', status: 429, ecode: null, clickupMessage: null, attempts: 6 },
      null,
    );
    expect(describeError(clickup)).toBe(clickup.message);
    expect(describeError(new DomainError('CLICKUP_WORKSPACE_ID 1 is not visible to this token.'))).toBe(
      'CLICKUP_WORKSPACE_ID 1 is not visible to this token.',
    );
    expect(logged).toEqual([]);
  });
});
