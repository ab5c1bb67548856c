import { velocity, WeekCount } from './velocity';

const w = (n: number[], est = 3_600_000): WeekCount[] =>
  n.map((x, i) => ({ week: `2026-W${40 + i}`, finishedTasks: x, finishedEstimateMs: x * est }));

describe('velocity', () => {
  it.each<[string, number[], { averageTasks: number | null; trend: string | null; changePercent: number | null }]>([
    ['steady', [5, 5, 5, 5], { averageTasks: 5, trend: 'steady', changePercent: 0 }],
    ['rising', [2, 2, 4, 4], { averageTasks: 3, trend: 'rising', changePercent: 100 }],
    ['falling', [6, 6, 3, 3], { averageTasks: 4.5, trend: 'falling', changePercent: -50 }],
    ['just under 10 % is steady', [10, 10, 10.9, 10.9].map((x) => x), { averageTasks: 10.5, trend: 'steady', changePercent: 9 }],
    ['odd count compares the outer halves', [4, 9, 5, 6, 2], { averageTasks: 5.2, trend: 'falling', changePercent: -38.5 }],
    ['from nothing to something is rising, without a percentage', [0, 0, 1, 3], { averageTasks: 1, trend: 'rising', changePercent: null }],
    ['nothing at all is steady', [0, 0, 0, 0], { averageTasks: 0, trend: 'steady', changePercent: null }],
    ['one week has no trend', [7], { averageTasks: 7, trend: null, changePercent: null }],
    ['no weeks', [], { averageTasks: null, trend: null, changePercent: null }],
  ])('%s', (_n, counts, expected) => {
    const v = velocity(w(counts));
    expect({ averageTasks: v.averageTasks, trend: v.trend, changePercent: v.changePercent }).toEqual(expected);
  });

  it('averages the finished estimate to the millisecond', () => {
    expect(velocity(w([1, 2], 1000)).averageEstimateMs).toBe(1500);
  });
});
