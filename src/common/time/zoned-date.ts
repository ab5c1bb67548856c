import { DateTime } from 'luxon';

/**
 * Calendar primitives in an IANA time zone, all from Luxon: the local date of an instant, the
 * instant a local day begins (23- and 25-hour DST days, and zones such as America/Santiago
 * where DST skips midnight itself, so a day can begin at 01:00), and calendar-day shifts.
 */

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(ms: number, timeZone: string): string {
  return DateTime.fromMillis(ms, { zone: timeZone }).toISODate() as string;
}

/** The instant the local day `date` (YYYY-MM-DD) begins in `timeZone`. */
export function startOfLocalDay(date: string, timeZone: string): number {
  return DateTime.fromISO(date, { zone: timeZone }).startOf('day').toMillis();
}

/** YYYY-MM-DD shifted by whole calendar days (zone-independent). */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

/** Offset of the zone at an instant, in ms (local − UTC). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  return DateTime.fromMillis(ms, { zone: timeZone }).offset * 60_000;
}
