import { capacityMs, percent, splitEvenly, utilization } from './numbers';

describe('percent: one decimal, halves up, null without a denominator', () => {
  it.each<[number, number, number | null]>([
    [1, 3, 33.3],
    [2, 3, 66.7],
    [1, 16, 6.3],
    [1, 8, 12.5],
    [3, 40, 7.5],
    [5, 4, 125],
    [0, 7, 0],
    [7, 0, null],
    [0, 0, null],
    [1, 2000, 0.1],
    [1, 2001, 0],
  ])('%p / %p → %p', (n, d, out) => {
    expect(percent(n, d)).toBe(out);
  });
});

describe('splitEvenly: shares add up to the total exactly', () => {
  it.each<[number, number, number[]]>([
    [6_000_000, 3, [2_000_000, 2_000_000, 2_000_000]],
    [3_600_001, 3, [1_200_001, 1_200_000, 1_200_000]],
    [3_600_002, 3, [1_200_001, 1_200_001, 1_200_000]],
    [10, 4, [3, 3, 2, 2]],
    [5, 1, [5]],
    [0, 2, [0, 0]],
    [5, 0, []],
  ])('%p among %p → %p', (total, parts, shares) => {
    expect(splitEvenly(total, parts)).toEqual(shares);
    expect(splitEvenly(total, parts).reduce((s, x) => s + x, 0)).toBe(parts ? total : 0);
  });
});

describe('capacity and utilization (rule 9)', () => {
  it.each<[number, number, number]>([
    [40, 5, 40 * 3_600_000],
    [40, 21, 168 * 3_600_000],
    [40, 1, 8 * 3_600_000],
    [37.5, 5, 37.5 * 3_600_000],
    [40, 0, 0],
  ])('%p h/week over %p weekdays', (hours, weekdays, ms) => {
    expect(capacityMs(hours, weekdays)).toBe(ms);
  });

  it('is logged over capacity, null for a weekend-only period', () => {
    expect(utilization(30 * 3_600_000, capacityMs(40, 5))).toBe(75);
    expect(utilization(3_600_000, capacityMs(40, 0))).toBeNull();
  });
});
