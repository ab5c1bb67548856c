import { AxiosError, AxiosHeaders, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { HttpMethod } from '../clickup.errors';
import { FailureKind, backoffDelayMs, classifyFailure, isOutcomeUnknown, isRetryable, retryDelayMs } from './retry-policy';

const config = { headers: new AxiosHeaders() } as InternalAxiosRequestConfig;

function httpError(status: number): AxiosError {
  const response = { status, statusText: '', headers: {}, config, data: {} } as AxiosResponse;
  return new AxiosError(`Request failed with status code ${status}`, 'ERR_BAD_RESPONSE', config, {}, response);
}

function networkError(code: string, message = code): AxiosError {
  return new AxiosError(message, code, config, {});
}

/** What axios raises when the connection dies while a 200 body is still streaming. */
function abortedBody(): AxiosError {
  const response = { status: 200, statusText: 'OK', headers: {}, config, data: undefined } as AxiosResponse;
  return new AxiosError('stream has been aborted', 'ERR_BAD_RESPONSE', config, {}, response);
}

describe('classifyFailure', () => {
  it.each<[string, unknown, FailureKind]>([
    ['429', httpError(429), 'rate_limited'],
    ['500', httpError(500), 'server_error'],
    ['503', httpError(503), 'server_error'],
    ['404', httpError(404), 'client_error'],
    ['401', httpError(401), 'client_error'],
    ['axios timeout (clarified)', networkError('ETIMEDOUT', 'timeout of 100ms exceeded'), 'timeout'],
    ['axios timeout (legacy)', networkError('ECONNABORTED', 'timeout of 100ms exceeded'), 'timeout'],
    ['connection refused', networkError('ECONNREFUSED'), 'connection_refused'],
    ['host unreachable', networkError('EHOSTUNREACH'), 'connection_refused'],
    ['connection reset', networkError('ECONNRESET'), 'connection_lost'],
    ['socket hang up', networkError('ECONNRESET', 'socket hang up'), 'connection_lost'],
    ['broken pipe', networkError('EPIPE'), 'connection_lost'],
    ['body cut off after a 200 status line', abortedBody(), 'connection_lost'],
    ['unknown transport code', networkError('ERR_SOMETHING_NEW'), 'connection_lost'],
    ['temporary DNS failure', networkError('EAI_AGAIN'), 'dns_temporary'],
    ['unknown host', networkError('ENOTFOUND'), 'dns_permanent'],
    ['canceled', networkError('ERR_CANCELED'), 'canceled'],
    ['not an axios error', new Error('boom'), 'unknown'],
  ])('%s → %s', (_label, error, kind) => {
    expect(classifyFailure(error)).toBe(kind);
  });
});

describe('isRetryable', () => {
  const kinds: FailureKind[] = [
    'rate_limited',
    'server_error',
    'timeout',
    'connection_refused',
    'connection_lost',
    'dns_temporary',
    'dns_permanent',
    'client_error',
    'canceled',
    'unknown',
  ];
  const table = (method: HttpMethod) => Object.fromEntries(kinds.map((k) => [k, isRetryable(method, k)]));

  it.each<HttpMethod>(['GET', 'PUT', 'DELETE'])('retries every transient failure of idempotent %s', (method) => {
    expect(table(method)).toEqual({
      rate_limited: true,
      server_error: true,
      timeout: true,
      connection_refused: true,
      connection_lost: true,
      dns_temporary: true,
      dns_permanent: false,
      client_error: false,
      canceled: false,
      unknown: false,
    });
  });

  it('retries a POST only when ClickUp certainly did not act on it', () => {
    expect(table('POST')).toEqual({
      rate_limited: true,
      server_error: false,
      timeout: false,
      connection_refused: true,
      connection_lost: false,
      dns_temporary: true,
      dns_permanent: false,
      client_error: false,
      canceled: false,
      unknown: false,
    });
  });

  it('flags POST timeouts, dropped connections and 5xx as outcome-unknown', () => {
    expect(isOutcomeUnknown('POST', 'timeout')).toBe(true);
    expect(isOutcomeUnknown('POST', 'connection_lost')).toBe(true);
    expect(isOutcomeUnknown('POST', 'server_error')).toBe(true);
    expect(isOutcomeUnknown('POST', 'connection_refused')).toBe(false);
    expect(isOutcomeUnknown('PUT', 'timeout')).toBe(false);
  });
});

describe('retry delays', () => {
  const settings = { baseMs: 500, maxMs: 30_000 };

  it('doubles per retry with equal jitter between half and the full step', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, { ...settings, random: () => 0 }))).toEqual([250, 500, 1000, 2000]);
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, { ...settings, random: () => 1 }))).toEqual([500, 1000, 2000, 4000]);
  });

  it('caps the step', () => {
    expect(backoffDelayMs(20, { ...settings, random: () => 1 })).toBe(30_000);
  });

  it('waits for the announced reset (plus margin) on a 429', () => {
    const now = 1_700_000_000_000;
    const delay = retryDelayMs('rate_limited', 1, { ...settings, nowMs: now, retryAtMs: now + 42_000, marginMs: 1_000 });
    expect(delay).toBe(43_000);
  });

  it('backs off at least a second on a 429 without reset information', () => {
    const delay = retryDelayMs('rate_limited', 1, { ...settings, random: () => 0, nowMs: 0, marginMs: 0 });
    expect(delay).toBe(1_000);
  });

  it('never returns a negative wait for a reset in the past', () => {
    expect(retryDelayMs('rate_limited', 1, { ...settings, nowMs: 10_000, retryAtMs: 5_000, marginMs: 0 })).toBe(0);
  });
});
