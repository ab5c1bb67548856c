/**
 * What ClickUp and PostgreSQL can both hold, in one place. Every date and number a caller types
 * (a tool argument, a REST query) is checked against these before it is used, so an absurd value
 * ("9999-12-31", an estimate of a million years, a run id of 10^20) is a clear validation error
 * instead of a RangeError deep in date math, a value ClickUp stores and later serves back in a
 * form our own parser refuses, or an integer overflow in SQL.
 */

/** Calendar years a date argument may use (reports, due dates, time entries). */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2100;
/** First and last instants of that range (UTC; a zone shifts them by hours, which stays far inside what Luxon and PostgreSQL handle). */
export const MIN_INSTANT_MS = Date.UTC(MIN_YEAR, 0, 1);
export const MAX_INSTANT_MS = Date.UTC(MAX_YEAR + 1, 0, 1) - 1;
export const DATE_RANGE_TEXT = `between ${MIN_YEAR}-01-01 and ${MAX_YEAR}-12-31`;

/** A task estimate longer than this is a typo (10,000 hours is about five working years). */
export const MAX_ESTIMATE_MS = 10_000 * 3_600_000;
export const MAX_ESTIMATE_TEXT = '10,000 hours';

/** PostgreSQL `integer` (sync run ids and the like). */
export const MAX_INT32 = 2_147_483_647;

export function isSupportedInstant(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS;
}

/** A real calendar day YYYY-MM-DD (no 2026-02-30) within the supported years. */
export function isSupportedDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < MIN_YEAR || y > MAX_YEAR) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
