import { DateTime } from 'luxon';
import { MAX_YEAR, MIN_YEAR } from '../limits';

const MINUTE = 60_000;

const UNIT_MINUTES: Record<string, number> = {
  h: 60,
  hr: 60,
  hrs: 60,
  hour: 60,
  hours: 60,
  m: 1,
  min: 1,
  mins: 1,
  minute: 1,
  minutes: 1,
};

/**
 * A duration as people (and small models) type it, in ms: a number of minutes (90), a bare
 * numeric string ("90"), "1:30" (h:mm), or unit parts ("1h 30m", "1.5h", "2 hours 15 minutes").
 * Returns null for anything else (including zero or negative), so the caller can answer with
 * the accepted forms instead of guessing.
 */
export function parseDurationInput(input: number | string): number | null {
  if (typeof input === 'number') return positive(input * MINUTE);
  const s = input.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(s)) return positive(Number(s) * MINUTE);
  const hm = /^(\d+):([0-5]\d)$/.exec(s);
  if (hm) return positive((Number(hm[1]) * 60 + Number(hm[2])) * MINUTE);
  const part = /(\d+(?:\.\d+)?)\s*([a-z]+)/g;
  let minutes = 0;
  let matched = false;
  let rest = s;
  for (const m of s.matchAll(part)) {
    const unit = UNIT_MINUTES[m[2]];
    if (unit === undefined) return null;
    minutes += Number(m[1]) * unit;
    matched = true;
    rest = rest.replace(m[0], ' ');
  }
  // Everything that is not a number+unit part must be separators, or "90 apples" would pass.
  if (!matched || rest.replace(/\band\b|[\s,]/g, '') !== '') return null;
  return positive(minutes * MINUTE);
}

function positive(ms: number): number | null {
  return Number.isFinite(ms) && ms >= 1000 ? Math.round(ms) : null;
}

/**
 * An instant from "YYYY-MM-DD HH:mm[:ss]" (or with a "T") read as wall-clock time in
 * `timeZone`, or from an ISO 8601 string with an explicit offset/Z. Returns null when invalid.
 * A wall-clock time that DST skips is moved forward by the gap (Luxon's rule).
 */
export function parseDateTimeInput(input: string, timeZone: string): number | null {
  const s = input.trim();
  const local = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (local) {
    const [year, month, day, hour, minute, second] = local.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
    if (hour > 23 || minute > 59 || second > 59) return null;
    const t = DateTime.fromObject({ year, month, day, hour, minute, second }, { zone: timeZone });
    return t.isValid && year >= MIN_YEAR && year <= MAX_YEAR ? t.toMillis() : null;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(s)) {
    const t = DateTime.fromISO(s, { setZone: true });
    return t.isValid && t.year >= MIN_YEAR && t.year <= MAX_YEAR ? t.toMillis() : null;
  }
  return null;
}
