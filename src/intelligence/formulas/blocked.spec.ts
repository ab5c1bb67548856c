import { stuckReasons } from './blocked';

const NOW = Date.parse('2026-11-25T06:30:00Z');
const D = 86_400_000;

describe('stuckReasons', () => {
  it.each<[string, string, boolean, number, string[]]>([
    ['blocked status', 'Blocked', false, NOW, ['blocked']],
    ['a status that mentions blocking', 'blocked by vendor', false, NOW, ['blocked']],
    ['waiting on an unfinished dependency', 'in progress', true, NOW, ['waiting_on_dependency']],
    ['waiting status', 'Waiting for review', false, NOW, ['waiting']],
    ['stale after five whole days and a second', 'in progress', false, NOW - 5 * D - 1000, ['stale']],
    ['not stale at exactly five days', 'in progress', false, NOW - 5 * D, []],
    ['everything at once', 'BLOCKED - waiting', true, NOW - 9 * D, ['blocked', 'waiting_on_dependency', 'waiting', 'stale']],
    ['a normal task', 'in review', false, NOW - D, []],
  ])('%s', (_n, status, dep, updated, reasons) => {
    expect(stuckReasons({ status, waitingOnUnfinished: dep, updatedMs: updated }, NOW, 5)).toEqual(reasons);
  });
});
