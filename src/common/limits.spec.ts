import { isSupportedDay, isSupportedInstant, MAX_INSTANT_MS, MIN_INSTANT_MS } from './limits';

describe('isSupportedDay', () => {
  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['1970-01-01', true],
    ['2100-12-31', true],
    ['2026-02-30', false],
    ['2027-02-29', false],
    ['2026-13-01', false],
    ['9999-12-31', false],
    ['1969-12-31', false],
    ['0000-01-01', false],
    ['2026-1-1', false],
    ['', false],
  ])('%s → %s', (s, ok) => expect(isSupportedDay(s)).toBe(ok));
});

describe('isSupportedInstant', () => {
  it.each([
    [MIN_INSTANT_MS, true],
    [MAX_INSTANT_MS, true],
    [MAX_INSTANT_MS + 1, false],
    [-1, false],
    [Number.NaN, false],
    [Number.POSITIVE_INFINITY, false],
    [Date.parse('2026-11-22T10:00:00Z'), true],
  ])('%s → %s', (ms, ok) => expect(isSupportedInstant(ms)).toBe(ok));
});
