/** Overdue, due soon and over estimate (Reporting rule 7). Pure: `now` is passed in. */

const DAY_MS = 86_400_000;

export type RiskReason = 'overdue' | 'due_soon' | 'over_estimate';

export interface RiskInput {
  finished: boolean;
  dueMs: number | null;
  estimateMs: number | null;
  trackedMs: number;
}

/** Why an unfinished task is at risk: due before now, due within riskDays × 24 h, or direct time above its own estimate. */
export function riskReasons(t: RiskInput, now: number, riskDays: number): RiskReason[] {
  if (t.finished) return [];
  const out: RiskReason[] = [];
  if (t.dueMs !== null && t.dueMs < now) out.push('overdue');
  else if (t.dueMs !== null && t.dueMs <= now + riskDays * DAY_MS) out.push('due_soon');
  if (t.estimateMs !== null && t.estimateMs > 0 && t.trackedMs > t.estimateMs) out.push('over_estimate');
  return out;
}

/** Whole 24-hour periods since the due time (0 when not yet a day late). */
export const daysOverdue = (dueMs: number, now: number): number => Math.max(0, Math.floor((now - dueMs) / DAY_MS));

/** Stale = not updated for more than staleDays × 24 h. */
export const isStale = (updatedMs: number, now: number, staleDays: number): boolean => now - updatedMs > staleDays * DAY_MS;
