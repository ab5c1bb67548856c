import { splitWindows, TARGET_ENTRIES_PER_REQUEST, windowSizeFor } from './time-entry.syncer';

const DAY = 86_400_000;

describe('windowSizeFor (time-entry request windows)', () => {
  const max = 30 * DAY;
  it.each([
    ['nothing seen', 0, 30 * DAY, max],
    ['sparse: 300 entries in 30 days', 300, 30 * DAY, max],
    ['exactly the target over the max window', TARGET_ENTRIES_PER_REQUEST, 30 * DAY, max],
    ['dense: 40,000 in 30 days ⇒ 15 days', 40_000, 30 * DAY, 15 * DAY],
    ['dense, measured on a 7-day probe: 9,400 ⇒ ~14.9 days', 9_400, 7 * DAY, Math.floor((7 * DAY * TARGET_ENTRIES_PER_REQUEST) / 9_400)],
    ['very dense: never under one day', 10_000_000, 30 * DAY, DAY],
    ['a short last window with few entries does not shrink the next', 10, 3_600_000, max],
    ['an empty span keeps the max', 5, 0, max],
  ])('%s', (_label, count, span, expected) => {
    expect(windowSizeFor(max, count as number, span as number)).toBe(expected);
  });

  it('never exceeds the configured maximum', () => {
    for (const count of [0, 1, 19_999, 20_001, 1e6]) expect(windowSizeFor(max, count, 60 * DAY)).toBeLessThanOrEqual(max);
  });
});

describe('splitWindows', () => {
  it('cuts [from, to) into consecutive windows, the last one short', () => {
    expect(splitWindows(0, 10, 4)).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    expect(splitWindows(0, 0, 4)).toEqual([]);
  });
});
