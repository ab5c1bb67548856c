import { percent } from './numbers';

/** How a task's tracked time compares with its own estimate (Reporting rule 6). */
export type AccuracyClass = 'accurate' | 'under_estimated' | 'over_estimated';

export const ACCURATE_LOW = 0.8;
export const ACCURATE_HIGH = 1.2;

/**
 * tracked ÷ estimate: 0.8–1.2 inclusive is accurate, above is under-estimated (it took longer),
 * below — or nothing tracked — is over-estimated. Only for estimates > 0.
 */
export function classifyAccuracy(trackedMs: number, estimateMs: number): AccuracyClass {
  if (estimateMs <= 0) throw new RangeError('classifyAccuracy needs an estimate > 0');
  if (trackedMs <= 0) return 'over_estimated';
  const ratio = trackedMs / estimateMs;
  if (ratio > ACCURATE_HIGH) return 'under_estimated';
  if (ratio < ACCURATE_LOW) return 'over_estimated';
  return 'accurate';
}

/** tracked ÷ estimate with three decimals (for display and ranking). */
export const accuracyRatio = (trackedMs: number, estimateMs: number): number => Math.round((trackedMs / estimateMs) * 1000) / 1000;

/** Efficiency % = tracked ÷ estimate × 100 (one decimal; null without an estimate). */
export const efficiency = (trackedMs: number, estimateMs: number): number | null => percent(trackedMs, estimateMs);

export interface AccuracyInput {
  trackedMs: number;
  /** Own estimate; null or 0 = no estimate. */
  estimateMs: number | null;
}

export interface AccuracySummary {
  estimatedTasks: number;
  accurate: number;
  underEstimated: number;
  overEstimated: number;
  /** accurate ÷ estimated tasks × 100 (null when none is estimated). */
  accuracyPercent: number | null;
  estimateMs: number;
  trackedOnEstimatedMs: number;
  /** Time on tasks without an estimate. */
  unplannedMs: number;
  tasksWithoutEstimate: number;
}

export function summarizeAccuracy(tasks: AccuracyInput[]): AccuracySummary {
  const s: AccuracySummary = {
    estimatedTasks: 0,
    accurate: 0,
    underEstimated: 0,
    overEstimated: 0,
    accuracyPercent: null,
    estimateMs: 0,
    trackedOnEstimatedMs: 0,
    unplannedMs: 0,
    tasksWithoutEstimate: 0,
  };
  for (const t of tasks) {
    if (!t.estimateMs || t.estimateMs <= 0) {
      s.unplannedMs += t.trackedMs;
      s.tasksWithoutEstimate++;
      continue;
    }
    s.estimatedTasks++;
    s.estimateMs += t.estimateMs;
    s.trackedOnEstimatedMs += t.trackedMs;
    const c = classifyAccuracy(t.trackedMs, t.estimateMs);
    if (c === 'accurate') s.accurate++;
    else if (c === 'under_estimated') s.underEstimated++;
    else s.overEstimated++;
  }
  s.accuracyPercent = percent(s.accurate, s.estimatedTasks);
  return s;
}
