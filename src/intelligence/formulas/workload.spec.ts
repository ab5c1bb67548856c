import { workloadAverage, workloadBand } from './workload';

describe('workload bands', () => {
  it.each<[number, number | null, string]>([
    [16, 10, 'overloaded'],
    [15, 10, 'normal'],
    [6, 3, 'overloaded'],
    [5, 3, 'normal'],
    [4.9, 10, 'spare'],
    [5, 10, 'normal'],
    [0, 1, 'spare'],
    [3, null, 'normal'],
  ])('%p tasks against an average of %p is %s', (tasks, avg, band) => {
    expect(workloadBand(tasks, avg)).toBe(band);
  });

  it('averages over the people listed', () => {
    expect(workloadAverage([2, 4, 9])).toBe(5);
    expect(workloadAverage([])).toBeNull();
  });
});
