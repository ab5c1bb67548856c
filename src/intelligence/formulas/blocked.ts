import { isStale } from '../../analytics/reports/formulas/risk';

/** Why an unfinished task is stuck (pure). */

export type StuckReason = 'blocked' | 'waiting_on_dependency' | 'waiting' | 'stale';

export interface StuckInput {
  status: string;
  /** It waits on a task that is not finished. */
  waitingOnUnfinished: boolean;
  updatedMs: number;
}

/** Blocked: status contains "block"; waiting on an unfinished dependency; waiting: status contains "wait"; stale: no update for staleDays × 24 h. */
export function stuckReasons(t: StuckInput, now: number, staleDays: number): StuckReason[] {
  const s = t.status.toLowerCase();
  const out: StuckReason[] = [];
  if (s.includes('block')) out.push('blocked');
  if (t.waitingOnUnfinished) out.push('waiting_on_dependency');
  if (s.includes('wait')) out.push('waiting');
  if (isStale(t.updatedMs, now, staleDays)) out.push('stale');
  return out;
}
