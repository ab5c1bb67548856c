import { completion, StatusCountRow, summarizeProgress } from './list-progress';

const row = (status: string, category: StatusCountRow['category'], topLevel: boolean, count: number, finishedRecently = 0): StatusCountRow => ({
  status,
  category,
  topLevel,
  count,
  finishedRecently,
});

describe('completion', () => {
  it.each<[number, number, number | null]>([
    [0, 0, null],
    [3, 0, 0],
    [3, 1, 33.3],
    [3, 2, 66.7],
    [8, 8, 100],
  ])('%p total, %p finished → %p %%', (total, finished, pct) => {
    expect(completion(total, finished)).toEqual({ total, finished, completion_percent: pct });
  });
});

describe('summarizeProgress', () => {
  it('counts all tasks and top-level tasks, by category and by status, with recent throughput', () => {
    const s = summarizeProgress([
      row('backlog', 'not_started', true, 3),
      row('backlog', 'not_started', false, 2),
      row('in progress', 'active', true, 2),
      row('shipped', 'done', true, 2, 1),
      row('shipped', 'done', false, 1, 1),
      row('cancelled', 'closed', true, 1),
    ]);
    expect(s).toEqual({
      total: 11,
      finished: 4,
      completion_percent: 36.4,
      top_level: { total: 8, finished: 3, completion_percent: 37.5 },
      by_category: { not_started: 5, active: 2, done: 3, closed: 1 },
      by_status: [
        { status: 'backlog', category: 'not_started', count: 5 },
        { status: 'in progress', category: 'active', count: 2 },
        { status: 'shipped', category: 'done', count: 3 },
        { status: 'cancelled', category: 'closed', count: 1 },
      ],
      finished_recently: 2,
    });
  });

  it('an empty list has every category at zero and no rate', () => {
    expect(summarizeProgress([])).toEqual({
      total: 0,
      finished: 0,
      completion_percent: null,
      top_level: { total: 0, finished: 0, completion_percent: null },
      by_category: { not_started: 0, active: 0, done: 0, closed: 0 },
      by_status: [],
      finished_recently: 0,
    });
  });
});
