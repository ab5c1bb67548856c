import { accuracyRatio, classifyAccuracy, efficiency, summarizeAccuracy } from './estimates';

const H = 3_600_000;

describe('classifyAccuracy (Reporting rule 6)', () => {
  it.each<[number, number, string]>([
    [10 * H, 10 * H, 'accurate'],
    [8 * H, 10 * H, 'accurate'],
    [12 * H, 10 * H, 'accurate'],
    [12 * H + 1, 10 * H, 'under_estimated'],
    [8 * H - 1, 10 * H, 'over_estimated'],
    [0, 10 * H, 'over_estimated'],
    [30 * H, 1 * H, 'under_estimated'],
  ])('%p tracked vs %p estimate → %s', (tracked, est, c) => {
    expect(classifyAccuracy(tracked, est)).toBe(c);
  });

  it('refuses a missing estimate', () => {
    expect(() => classifyAccuracy(5, 0)).toThrow(RangeError);
  });

  it('ratio and efficiency', () => {
    expect(accuracyRatio(3 * H, 2 * H)).toBe(1.5);
    expect(accuracyRatio(1, 3)).toBe(0.333);
    expect(efficiency(3 * H, 2 * H)).toBe(150);
    expect(efficiency(3 * H, 0)).toBeNull();
  });
});

describe('summarizeAccuracy', () => {
  it('counts classes, unplanned time and the accuracy percentage', () => {
    const s = summarizeAccuracy([
      { trackedMs: 10 * H, estimateMs: 10 * H },
      { trackedMs: 9 * H, estimateMs: 10 * H },
      { trackedMs: 20 * H, estimateMs: 10 * H },
      { trackedMs: 0, estimateMs: 10 * H },
      { trackedMs: 5 * H, estimateMs: null },
      { trackedMs: 2 * H, estimateMs: 0 },
      { trackedMs: 0, estimateMs: null },
    ]);
    expect(s).toEqual({
      estimatedTasks: 4,
      accurate: 2,
      underEstimated: 1,
      overEstimated: 1,
      accuracyPercent: 50,
      estimateMs: 40 * H,
      trackedOnEstimatedMs: 39 * H,
      unplannedMs: 7 * H,
      tasksWithoutEstimate: 3,
    });
  });

  it('has no percentage without estimated tasks', () => {
    expect(summarizeAccuracy([{ trackedMs: H, estimateMs: null }]).accuracyPercent).toBeNull();
  });
});
