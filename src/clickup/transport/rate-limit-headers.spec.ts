import { parseRateLimitHeaders, parseRetryAfter, rateLimitRetryAt, resetHeaderToEpochMs } from './rate-limit-headers';

const NOW = 1_700_000_000_000;

describe('rate-limit headers', () => {
  it('reads limit, remaining and an epoch-seconds reset', () => {
    expect(parseRateLimitHeaders({ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '42', 'x-ratelimit-reset': '1700000030' }, NOW)).toEqual({
      limit: 100,
      remaining: 42,
      resetAtMs: 1_700_000_030_000,
    });
  });

  it('ignores missing or garbage values', () => {
    expect(parseRateLimitHeaders({ 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '-3' }, NOW)).toEqual({});
    expect(parseRateLimitHeaders(undefined, NOW)).toEqual({});
  });

  it.each([
    ['epoch seconds (ClickUp)', 1_700_000_030, 1_700_000_030_000],
    ['epoch milliseconds', 1_700_000_030_000, 1_700_000_030_000],
    ['delta seconds', 30, NOW + 30_000],
  ])('interprets a reset given as %s', (_label, value, expected) => {
    expect(resetHeaderToEpochMs(value, NOW)).toBe(expected);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter({ 'retry-after': '7' }, NOW)).toBe(NOW + 7_000);
    expect(parseRetryAfter({ 'retry-after': 'Wed, 15 Nov 2023 00:00:00 GMT' }, NOW)).toBe(Date.parse('2023-11-15T00:00:00Z'));
    expect(parseRetryAfter({}, NOW)).toBeUndefined();
  });

  it('retries a 429 at the later of reset and Retry-After', () => {
    expect(rateLimitRetryAt({ 'x-ratelimit-reset': '1700000010', 'retry-after': '30' }, NOW)).toBe(NOW + 30_000);
    expect(rateLimitRetryAt({ 'x-ratelimit-reset': '1700000010' }, NOW)).toBe(NOW + 10_000);
    expect(rateLimitRetryAt({}, NOW)).toBeUndefined();
  });
});
