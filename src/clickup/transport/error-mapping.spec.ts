import { inspect } from 'node:util';
import { AxiosError, AxiosHeaders, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import {
  ClickupApiError,
  ClickupAuthError,
  ClickupBadRequestError,
  ClickupClientClosedError,
  ClickupForbiddenError,
  ClickupNotFoundError,
  ClickupRateLimitError,
  ClickupUnavailableError,
  ClickupWriteOutcomeUnknownError,
  HttpMethod,
} from '../clickup.errors';
import { FailureContext, redactToken, toClickupError } from './error-mapping';
import { RateBudgetClosedError } from './rate-budget';

const TOKEN = 'pk_12345_SECRETSECRETSECRET';
const NOW = 1_700_000_000_000;

function ctx(method: HttpMethod, template: string, attempts = 1): FailureContext {
  return { method, endpoint: `${method} ${template}`, attempts, timeoutMs: 30_000, nowMs: NOW, token: TOKEN };
}

function withHeaders(): InternalAxiosRequestConfig {
  return { headers: new AxiosHeaders({ Authorization: TOKEN }) } as InternalAxiosRequestConfig;
}

function httpError(status: number, data: unknown, headers: Record<string, string> = {}): AxiosError {
  const config = withHeaders();
  const response = { status, statusText: '', headers, config, data } as AxiosResponse;
  return new AxiosError(`Request failed with status code ${status}`, 'ERR_BAD_REQUEST', config, {}, response);
}

describe('toClickupError', () => {
  it('maps a 401 with ClickUp err/ECODE to ClickupAuthError with a readable message', () => {
    const error = toClickupError(httpError(401, { err: 'Token invalid', ECODE: 'OAUTH_025' }), ctx('GET', '/team'));
    expect(error).toBeInstanceOf(ClickupAuthError);
    expect(error).toBeInstanceOf(ClickupApiError);
    expect(error).toMatchObject({ status: 401, ecode: 'OAUTH_025', clickupMessage: 'Token invalid', endpoint: 'GET /team' });
    expect(error.message).toBe('ClickUp API 401 OAUTH_025 on GET /team: Token invalid');
  });

  it.each([
    [404, { err: 'Space not found', ECODE: 'PROJ_006' }, ClickupNotFoundError],
    [401, { err: 'Task not found', ECODE: 'ITEM_013' }, ClickupNotFoundError],
    [401, { err: 'List not found' }, ClickupNotFoundError],
    [401, { err: 'Token not found', ECODE: 'OAUTH_019' }, ClickupAuthError],
    [400, { err: 'Task ID invalid' }, ClickupBadRequestError],
    [403, { err: 'Your plan is limited', ECODE: 'PAYWALL_004' }, ClickupForbiddenError],
    [409, {}, ClickupApiError],
  ])('maps %i %j to the right class', (status, body, cls) => {
    expect(toClickupError(httpError(status, body), ctx('GET', '/task/{task_id}'))).toBeInstanceOf(cls);
  });

  it('maps a final 429 to ClickupRateLimitError with the retry time', () => {
    const error = toClickupError(
      httpError(429, { err: 'Rate limit reached', ECODE: 'APP_002' }, { 'x-ratelimit-reset': '1700000060' }),
      ctx('GET', '/team/{team_id}/task', 6),
    );
    expect(error).toBeInstanceOf(ClickupRateLimitError);
    expect((error as ClickupRateLimitError).retryAtMs).toBe(1_700_000_060_000);
    expect(error.message).toBe('ClickUp API 429 APP_002 on GET /team/{team_id}/task: Rate limit reached (after 6 attempts)');
  });

  it('maps a 5xx on a read to ClickupUnavailableError but on a create to outcome-unknown', () => {
    expect(toClickupError(httpError(503, 'Service Unavailable'), ctx('GET', '/team', 6))).toBeInstanceOf(ClickupUnavailableError);
    const write = toClickupError(httpError(500, {}), ctx('POST', '/list/{list_id}/task'));
    expect(write).toBeInstanceOf(ClickupWriteOutcomeUnknownError);
    expect(write.message).toContain('may already have been applied');
  });

  it('explains a timed-out create instead of retrying it', () => {
    const timeout = new AxiosError('timeout of 30000ms exceeded', 'ETIMEDOUT', withHeaders(), {});
    const error = toClickupError(timeout, ctx('POST', '/list/{list_id}/task'));
    expect(error).toBeInstanceOf(ClickupWriteOutcomeUnknownError);
    expect(error.message).toBe(
      'POST /list/{list_id}/task timed out after 30000 ms; not retried because ClickUp may already have applied it - check before repeating it (a blind retry could create a duplicate)',
    );
  });

  it('reports read timeouts and connection failures as unavailable with attempts', () => {
    const timeout = toClickupError(new AxiosError('timeout', 'ETIMEDOUT', withHeaders(), {}), ctx('GET', '/team', 6));
    expect(timeout).toMatchObject({ reason: 'timeout', status: null, attempts: 6 });
    expect(timeout.message).toBe('GET /team timed out after 30000 ms after 6 attempts');
    const refused = toClickupError(new AxiosError('connect ECONNREFUSED', 'ECONNREFUSED', withHeaders(), {}), ctx('GET', '/team', 6));
    expect(refused).toMatchObject({ reason: 'network' });
    expect(refused.message).toBe('could not reach ClickUp (ECONNREFUSED) for GET /team after 6 attempts');
  });

  it('maps a budget shutdown to ClickupClientClosedError', () => {
    expect(toClickupError(new RateBudgetClosedError(), ctx('GET', '/team'))).toBeInstanceOf(ClickupClientClosedError);
  });

  it('never carries the token: not in message, JSON, inspect output, even if ClickUp echoes it', () => {
    const error = toClickupError(httpError(401, { err: `Token ${TOKEN} invalid`, ECODE: 'OAUTH_025' }), ctx('GET', '/team'));
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).toContain('[redacted]');
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(inspect(error, { depth: 10, showHidden: true })).not.toContain('SECRETSECRET');
  });
});

describe('redactToken', () => {
  it('removes the bare token and the Bearer form', () => {
    expect(redactToken('a Bearer abcdef b abcdef', 'Bearer abcdef')).toBe('a [redacted] b [redacted]');
  });
});
