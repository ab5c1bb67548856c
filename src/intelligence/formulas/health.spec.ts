import { computeHealth, grade, HealthInputs } from './health';

const base: HealthInputs = {
  all: 10,
  finished: 5,
  active: 5,
  overdueActive: 0,
  staleActive: 0,
  assignedActive: 5,
  topLevel: 8,
  topLevelEstimated: 8,
};

describe('computeHealth (the health formula)', () => {
  it.each<[string, Partial<HealthInputs>, Record<string, number | null>, number | null]>([
    ['a healthy project', {}, { overdue: 100, freshness: 100, progress: 50, assignment: 100, estimates: 100 }, 88],
    // 0.3×100 + 0.2×100 + 0.25×100 + 0.15×100 + 0.1×100
    [
      'nothing active: overdue, freshness and assignment are 100',
      { finished: 10, active: 0, assignedActive: 0 },
      { overdue: 100, freshness: 100, progress: 100, assignment: 100, estimates: 100 },
      100,
    ],
    ['everything overdue', { overdueActive: 5 }, { overdue: 0, freshness: 100, progress: 50, assignment: 100, estimates: 100 }, 58],
    [
      'a fifth overdue costs 40 points of the component',
      { overdueActive: 1 },
      { overdue: 60, freshness: 100, progress: 50, assignment: 100, estimates: 100 },
      76,
    ],
    ['all stale', { staleActive: 5 }, { overdue: 100, freshness: 0, progress: 50, assignment: 100, estimates: 100 }, 68],
    ['no estimates at all', { topLevelEstimated: 0 }, { overdue: 100, freshness: 100, progress: 50, assignment: 100, estimates: 0 }, 78],
    [
      'no top-level tasks: estimates is 0',
      { topLevel: 0, topLevelEstimated: 0 },
      { overdue: 100, freshness: 100, progress: 50, assignment: 100, estimates: 0 },
      78,
    ],
    ['nobody assigned', { assignedActive: 0 }, { overdue: 100, freshness: 100, progress: 50, assignment: 0, estimates: 100 }, 73],
    [
      'thirds give one decimal',
      { all: 3, finished: 1, active: 2, assignedActive: 1, topLevel: 3, topLevelEstimated: 1 },
      { overdue: 100, freshness: 100, progress: 33.3, assignment: 50, estimates: 33.3 },
      69,
    ],
    [
      'freshness unknown (an old snapshot): no score',
      { staleActive: null },
      { overdue: 100, freshness: null, progress: 50, assignment: 100, estimates: 100 },
      null,
    ],
  ])('%s', (_n, over, components, score) => {
    const h = computeHealth({ ...base, ...over });
    expect(h.components).toEqual(components);
    expect(h.score).toBe(score);
    expect(h.grade).toBe(score === null ? null : grade(score));
  });

  it.each([
    [90, 'A'],
    [89, 'B'],
    [75, 'B'],
    [74, 'C'],
    [60, 'C'],
    [59, 'D'],
    [50, 'D'],
    [49, 'F'],
    [0, 'F'],
  ])('score %p is grade %p', (s, g) => {
    expect(grade(s as number)).toBe(g);
  });

  it('recommends for weak components only, the biggest weighted shortfall first', () => {
    const h = computeHealth({ ...base, overdueActive: 5, assignedActive: 2, topLevelEstimated: 4 });
    expect(h.recommendations).toEqual([
      'Overdue (0): 5 of 5 open tasks are past due — re-plan their dates or close them.',
      // progress: 0.25 × 50 = 12.5 points short; assignment: 0.15 × 60 = 9
      'Progress (50): 5 of 10 tasks are finished.',
      'Assignment (40): 3 open tasks have no assignee — give each an owner.',
      'Estimates (50): 4 of 8 top-level tasks have no estimate.',
    ]);
    expect(computeHealth({ ...base, finished: 9, active: 1, assignedActive: 1 }).recommendations).toEqual([
      'Every component is at 70 or above: nothing needs attention.',
    ]);
  });

  it('has no score without tasks', () => {
    expect(computeHealth({ ...base, all: 0, finished: 0, active: 0, assignedActive: 0, topLevel: 0, topLevelEstimated: 0 })).toEqual(
      expect.objectContaining({ score: null, grade: null, recommendations: ['The project has no tasks yet.'] }),
    );
  });
});
