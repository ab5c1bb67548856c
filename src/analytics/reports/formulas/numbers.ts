/**
 * Number rules every report shares (Reporting rules 8–9): percentages with one decimal, halves
 * up, null when there is nothing to divide by; estimates shared evenly to the millisecond; capacity
 * pro rata for weekdays. Pure.
 */

const HOUR_MS = 3_600_000;

/** n ÷ d × 100 with one decimal, halves up; null when d is 0. */
export function percent(n: number, d: number): number | null {
  if (!d) return null;
  return Math.round((n * 1000) / d) / 10;
}

/**
 * `total` split into `parts` whole-millisecond shares that add up to it exactly: everyone gets
 * the floor, and the first `total mod parts` shares one millisecond more (callers order parts
 * by id, so the split is deterministic).
 */
export function splitEvenly(total: number, parts: number): number[] {
  if (parts <= 0) return [];
  const base = Math.floor(total / parts);
  const extra = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/** Capacity of one person over a period: hours per week × the period's weekdays ÷ 5, in ms. */
export function capacityMs(hoursPerWeek: number, weekdays: number): number {
  return Math.round((hoursPerWeek * HOUR_MS * weekdays) / 5);
}

/** Logged ÷ capacity, as a percentage (null when the period has no weekdays). */
export function utilization(loggedMs: number, capacity: number): number | null {
  return percent(loggedMs, capacity);
}
