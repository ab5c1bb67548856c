import { parseDateTimeInput, parseDurationInput } from '../../common/time/time-input';
import { addDays, startOfLocalDay } from '../../common/time/zoned-date';
import { DomainError } from '../../common/errors/domain-error';
import { DATE_RANGE_TEXT, isSupportedDay, MAX_ESTIMATE_MS, MAX_ESTIMATE_TEXT } from '../../common/limits';

/**
 * Turning what a person (or a small model) typed into task field values: dates in the report
 * time zone, estimates, priorities. Pure; every rejection is a DomainError naming the accepted form.
 */

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type PriorityName = (typeof PRIORITIES)[number];

/** ClickUp numbers priorities 1 (urgent) … 4 (low). */
export const priorityNumber = (p: PriorityName): number => PRIORITIES.indexOf(p) + 1;
export const priorityName = (n: number | null | undefined): PriorityName | null => (n && n >= 1 && n <= 4 ? PRIORITIES[n - 1] : null);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isCalendarDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * A due date as ClickUp stores it. With a time it is that wall-clock minute in the report zone
 * (`hasTime`: ClickUp then shows the time). Without one it is 23:59 of that day, so a task due
 * today is not overdue until the day is over — what people mean by "due on Friday".
 */
export function parseDueDate(date: string, time: string | undefined, timeZone: string): { ms: number; hasTime: boolean } {
  if (!isCalendarDate(date)) throw new DomainError(`due_date '${date}' is not a date: use YYYY-MM-DD, e.g. 2026-03-31.`);
  if (!isSupportedDay(date)) throw new DomainError(`due_date '${date}' is out of range: use a date ${DATE_RANGE_TEXT}.`);
  if (time === undefined) return { ms: startOfLocalDay(addDays(date, 1), timeZone) - 60_000, hasTime: false };
  if (!TIME.test(time)) throw new DomainError(`due_time '${time}' is not a time: use HH:MM (24-hour), e.g. 17:30.`);
  return { ms: parseDateTimeInput(`${date} ${time}`, timeZone) as number, hasTime: true };
}

/**
 * A range bound: YYYY-MM-DD is a whole day in the report zone (a `from` starts at its midnight,
 * a `to` includes the whole day), an ISO 8601 instant with Z/offset is taken as given.
 */
export function parseDateBound(field: string, value: string, edge: 'from' | 'to', timeZone: string): number {
  if (isCalendarDate(value)) {
    if (!isSupportedDay(value)) throw new DomainError(`${field} '${value}' is out of range: use a date ${DATE_RANGE_TEXT}.`);
    return startOfLocalDay(edge === 'from' ? value : addDays(value, 1), timeZone);
  }
  const instant = parseDateTimeInput(value, timeZone);
  if (instant === null)
    throw new DomainError(
      `${field} '${value}' is not a date: use YYYY-MM-DD (a day in ${timeZone}) or an ISO 8601 time such as 2026-03-31T17:00:00Z.`,
    );
  return instant;
}

/** Both ends of an optional range, checked for order. `to` is exclusive in the result. */
export function parseDateRange(
  names: [string, string],
  from: string | undefined,
  to: string | undefined,
  timeZone: string,
): { from?: number; to?: number } {
  const out = {
    from: from === undefined ? undefined : parseDateBound(names[0], from, 'from', timeZone),
    to: to === undefined ? undefined : parseDateBound(names[1], to, 'to', timeZone),
  };
  if (out.from !== undefined && out.to !== undefined && out.from >= out.to) {
    throw new DomainError(`${names[0]} (${from}) must be before ${names[1]} (${to}).`);
  }
  return out;
}

/**
 * An estimate: minutes ("90"), "2h 30m", "1.5h", "1:30". "none" (or "0") clears it → null.
 */
export function parseEstimate(value: string): number | null {
  const v = value.trim().toLowerCase();
  if (v === 'none' || v === '0' || v === '0m') return null;
  const ms = parseDurationInput(v);
  if (ms === null)
    throw new DomainError(`estimate '${value}' is not a duration: use minutes (90) or hours and minutes ("2h 30m", "1.5h"); "none" clears it.`);
  if (ms > MAX_ESTIMATE_MS)
    throw new DomainError(`estimate '${value}' is longer than ${MAX_ESTIMATE_TEXT}: use minutes (90) or hours and minutes ("2h 30m").`);
  return ms;
}
