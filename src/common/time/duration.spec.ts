import { humanDuration } from './duration';

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
