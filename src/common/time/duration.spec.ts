import { humanDuration, humanElapsed } from './duration';

describe('humanDuration', () => {
  it.each([
    [0, '0m'],
    [59_999, '0m'],
    [60_000, '1m'],
    [45 * 60_000, '45m'],
    [12.5 * 3_600_000, '12h 30m'],
    [100 * 3_600_000 + 60_000, '100h 1m'],
    [-90 * 60_000, '-1h 30m'],
  ])('%p ms is %p', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

describe('humanElapsed (how long a sync ran)', () => {
  it.each([
    [0, '0.0s'],
    [840, '0.8s'],
    [4_260, '4.2s'],
    [42_400, '42s'],
    [59_999, '59s'],
    [60_000, '1m 0s'],
    [192_000, '3m 12s'],
    [3_900_000, '1h 5m'],
  ])('%p ms is %p', (ms, text) => {
    expect(humanElapsed(ms)).toBe(text);
  });
});
