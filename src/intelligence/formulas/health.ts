/**
 * The project health score (docs/reporting.md, "Health"): five components from a project's
 * tasks, a weighted score, a grade, and recommendations naming the weak components. Pure.
 */

export interface HealthInputs {
  /** All tasks of the project (non-archived, subtasks included). */
  all: number;
  finished: number;
  /** Unfinished tasks. */
  active: number;
  overdueActive: number;
  /** Unfinished tasks not updated for more than 5 × 24 h; null when unknown (old snapshots). */
  staleActive: number | null;
  assignedActive: number;
  topLevel: number;
  topLevelEstimated: number;
}

export type HealthComponent = 'overdue' | 'freshness' | 'progress' | 'assignment' | 'estimates';
export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

export const HEALTH_WEIGHTS: Readonly<Record<HealthComponent, number>> = {
  overdue: 0.3,
  freshness: 0.2,
  progress: 0.25,
  assignment: 0.15,
  estimates: 0.1,
};
/** A component below this is weak and gets a recommendation. */
export const WEAK_BELOW = 70;
export const STALE_DAYS = 5;

export interface Health {
  /** null when the project has no tasks, or a component is unknown. */
  score: number | null;
  grade: Grade | null;
  /** Each 0–100 with one decimal; null when it cannot be known. */
  components: Record<HealthComponent, number | null>;
  recommendations: string[];
}

const one = (x: number) => Math.round(x * 10) / 10;
const share = (n: number, d: number, whenEmpty: number) => (d ? one((100 * n) / d) : whenEmpty);

export function grade(score: number): Grade {
  return score >= 90 ? 'A' : score >= 75 ? 'B' : score >= 60 ? 'C' : score >= 50 ? 'D' : 'F';
}

export function healthComponents(x: HealthInputs): Record<HealthComponent, number | null> {
  return {
    overdue: x.active ? one(Math.max(0, 100 - (200 * x.overdueActive) / x.active)) : 100,
    freshness: x.staleActive === null ? null : x.active ? one(100 - (100 * x.staleActive) / x.active) : 100,
    progress: share(x.finished, x.all, 0),
    assignment: share(x.assignedActive, x.active, 100),
    estimates: share(x.topLevelEstimated, x.topLevel, 0),
  };
}

export function computeHealth(x: HealthInputs): Health {
  if (x.all === 0)
    return {
      score: null,
      grade: null,
      components: { overdue: null, freshness: null, progress: null, assignment: null, estimates: null },
      recommendations: ['The project has no tasks yet.'],
    };
  const c = healthComponents(x);
  const known = Object.values(c).every((v) => v !== null);
  const score = known
    ? Math.round((Object.keys(HEALTH_WEIGHTS) as HealthComponent[]).reduce((s, k) => s + HEALTH_WEIGHTS[k] * (c[k] as number), 0))
    : null;
  return { score, grade: score === null ? null : grade(score), components: c, recommendations: recommendations(x, c) };
}

/** One sentence per weak component, the biggest weighted shortfall first. */
export function recommendations(x: HealthInputs, c: Record<HealthComponent, number | null>): string[] {
  const say: Record<HealthComponent, () => string> = {
    overdue: () => `Overdue (${c.overdue}): ${x.overdueActive} of ${x.active} open tasks are past due — re-plan their dates or close them.`,
    freshness: () =>
      `Freshness (${c.freshness}): ${x.staleActive} open tasks have not been updated for over ${STALE_DAYS} days — check they are still moving.`,
    progress: () => `Progress (${c.progress}): ${x.finished} of ${x.all} tasks are finished.`,
    assignment: () => `Assignment (${c.assignment}): ${x.active - x.assignedActive} open tasks have no assignee — give each an owner.`,
    estimates: () => `Estimates (${c.estimates}): ${x.topLevel - x.topLevelEstimated} of ${x.topLevel} top-level tasks have no estimate.`,
  };
  const weak = (Object.keys(HEALTH_WEIGHTS) as HealthComponent[])
    .filter((k) => c[k] !== null && (c[k] as number) < WEAK_BELOW)
    .sort((a, b) => HEALTH_WEIGHTS[b] * (100 - (c[b] as number)) - HEALTH_WEIGHTS[a] * (100 - (c[a] as number)));
  return weak.length ? weak.map((k) => say[k]()) : ['Every component is at 70 or above: nothing needs attention.'];
}
