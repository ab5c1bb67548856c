import { daysOverdue, isStale, riskReasons } from './risk';

const NOW = Date.parse('2026-11-25T06:30:00Z');
const H = 3_600_000;
const D = 24 * H;

describe('riskReasons (Reporting rule 7)', () => {
  const t = (over: Partial<Parameters<typeof riskReasons>[0]>) => ({ finished: false, dueMs: null, estimateMs: null, trackedMs: 0, ...over });
  it.each<[string, Parameters<typeof riskReasons>[0], string[]]>([
    ['due a minute ago', t({ dueMs: NOW - 60_000 }), ['overdue']],
    ['due exactly now is not yet overdue', t({ dueMs: NOW }), ['due_soon']],
    ['due in 3 days exactly', t({ dueMs: NOW + 3 * D }), ['due_soon']],
    ['due in 3 days and a second', t({ dueMs: NOW + 3 * D + 1000 }), []],
    ['no due date', t({}), []],
    ['over its estimate', t({ estimateMs: 2 * H, trackedMs: 2 * H + 1 }), ['over_estimate']],
    ['exactly at its estimate', t({ estimateMs: 2 * H, trackedMs: 2 * H }), []],
    ['overdue and over', t({ dueMs: NOW - D, estimateMs: H, trackedMs: 2 * H }), ['overdue', 'over_estimate']],
    ['finished tasks are never at risk', t({ finished: true, dueMs: NOW - D, estimateMs: H, trackedMs: 2 * H }), []],
  ])('%s', (_n, input, reasons) => {
    expect(riskReasons(input, NOW, 3)).toEqual(reasons);
  });

  it('counts whole days overdue and staleness in 24-hour periods', () => {
    expect(daysOverdue(NOW - D + 1, NOW)).toBe(0);
    expect(daysOverdue(NOW - D, NOW)).toBe(1);
    expect(daysOverdue(NOW - 10.5 * D, NOW)).toBe(10);
    expect(daysOverdue(NOW + D, NOW)).toBe(0);
    expect(isStale(NOW - 5 * D, NOW, 5)).toBe(false);
    expect(isStale(NOW - 5 * D - 1, NOW, 5)).toBe(true);
  });
});
