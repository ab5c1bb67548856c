/** Workload bands (pure): overloaded > 1.5 × the average and > 5 tasks; spare capacity < 0.5 × the average. */

export type WorkloadBand = 'overloaded' | 'spare' | 'normal';
export const OVERLOAD_FACTOR = 1.5;
export const OVERLOAD_MIN_TASKS = 5;
export const SPARE_FACTOR = 0.5;

export function workloadAverage(tasksPerPerson: number[]): number | null {
  return tasksPerPerson.length ? tasksPerPerson.reduce((s, x) => s + x, 0) / tasksPerPerson.length : null;
}

export function workloadBand(tasks: number, average: number | null): WorkloadBand {
  if (average === null) return 'normal';
  if (tasks > OVERLOAD_FACTOR * average && tasks > OVERLOAD_MIN_TASKS) return 'overloaded';
  if (tasks < SPARE_FACTOR * average) return 'spare';
  return 'normal';
}
