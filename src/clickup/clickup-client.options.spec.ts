import { CLICKUP_CLIENT_DEFAULTS, resolveClickupClientOptions } from './clickup-client.options';

describe('resolveClickupClientOptions', () => {
  it('fills defaults and trims the base URL', () => {
    expect(resolveClickupClientOptions({ baseUrl: 'https://api.clickup.com/api/v2/', token: 'pk_1_ABC' })).toEqual({
      ...CLICKUP_CLIENT_DEFAULTS,
      baseUrl: 'https://api.clickup.com/api/v2',
      token: 'pk_1_ABC',
    });
  });

  it.each([
    [{ baseUrl: 'not a url' }, 'baseUrl must be an absolute http(s) URL'],
    [{ baseUrl: 'ftp://x' }, 'baseUrl must use http or https'],
    [{ token: '  ' }, 'token is required'],
    [{ token: 'pk_1 2' }, 'token must not contain whitespace'],
    [{ requestsPerMinute: 0 }, 'requestsPerMinute must be an integer >= 1'],
    [{ timeoutMs: 1.5 }, 'timeoutMs must be an integer >= 1'],
    [{ maxRetries: -1 }, 'maxRetries must be an integer >= 0'],
  ])('rejects %j', (override, message) => {
    expect(() => resolveClickupClientOptions({ baseUrl: 'http://127.0.0.1:9100/api/v2', token: 'pk_1_SECRET', ...override })).toThrow(message);
  });

  it('accepts an OAuth token with its Bearer prefix and never echoes a token in errors', () => {
    expect(resolveClickupClientOptions({ baseUrl: 'http://h/api/v2', token: 'Bearer abc' }).token).toBe('Bearer abc');
    expect(() => resolveClickupClientOptions({ baseUrl: 'nope', token: 'pk_1_SECRET' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('SECRET') }),
    );
  });
});
