import { FixedWindowRateLimiter } from './rate-limiter';

describe('FixedWindowRateLimiter', () => {
  it('allows `limit` requests per token in a fixed 60 s window that starts with the first request', () => {
    let now = 1_000_000;
    const limiter = new FixedWindowRateLimiter(3, () => now);
    const results = [1, 2, 3, 4].map(() => limiter.take('a')!);
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[0].resetSeconds).toBe(Math.ceil((1_000_000 + 60_000) / 1000));
    expect(limiter.take('b')!.allowed).toBe(true);
    now += 59_999;
    expect(limiter.take('a')!.allowed).toBe(false);
    now += 1;
    expect(limiter.take('a')).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('is off at 0 and can change at runtime', () => {
    const limiter = new FixedWindowRateLimiter(0);
    expect(limiter.take('a')).toBeNull();
    limiter.setLimit(1);
    expect(limiter.take('a')!.allowed).toBe(true);
    expect(limiter.take('a')!.allowed).toBe(false);
    expect(() => limiter.setLimit(-1)).toThrow();
  });
});
