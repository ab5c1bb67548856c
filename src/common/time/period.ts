import { DateTime } from 'luxon';
import { DomainError } from '../errors/domain-error';
import { MAX_YEAR, MIN_YEAR } from '../limits';

/**
 * Report periods (docs/reporting.md, "Periods"): every form a person or a small model types,
 * turned into a half-open window [from, to) of instants whose day boundaries are local
 * midnights of the report time zone. Calendar math is Luxon's (DST days of 23 or 25 hours,
 * zones where DST skips midnight, ISO weeks 52/53, leap days); nothing here adds hours by hand.
 * Pure: `now` and the zone are passed in.
 */

export interface PeriodArgs {
  /** Any form below; the default depends on the report. */
  period?: string;
  /** custom: first day, YYYY-MM-DD (inclusive). */
  start?: string;
  /** custom: last day, YYYY-MM-DD (inclusive). */
  end?: string;
  /** rolling: the last N days including today. */
  days?: number;
  /** A week selector (weekly reports). */
  week?: string;
  /** A month selector (monthly reports). */
  month?: string;
}

export type PeriodKind = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'rolling' | 'custom';

export interface Period {
  kind: PeriodKind;
  /** The canonical form: "this_week", "2026-W47", "2026-11", "last_30_days", "custom" … */
  key: string;
  /** Start, inclusive (epoch ms): local midnight of firstDay. */
  from: number;
  /** End, exclusive (epoch ms): local midnight after lastDay, or now for windows that end now. */
  to: number;
  /** Local calendar dates (YYYY-MM-DD), both inclusive. */
  firstDay: string;
  lastDay: string;
  timeZone: string;
  /** "Mon 16 – Sun 22 Nov 2026 (Asia/Kolkata)". */
  label: string;
  /** "2026-W47" for week periods, else null. */
  isoWeek: string | null;
  /** True for "the last N days" windows, which end at now rather than at a midnight (rule 3). */
  endsAtNow: boolean;
}

export interface PeriodContext {
  now: number;
  timeZone: string;
}

/** The longest custom window a report accepts (three years of days). */
export const MAX_PERIOD_DAYS = 1096;
export const MAX_ROLLING_DAYS = 365;

export const PERIOD_FORMS =
  'today, yesterday, this_week, last_week, this_month, last_month, this_year, last_year, last_7_days, last_30_days, ' +
  'rolling (with days 1–365), custom (with start and end, YYYY-MM-DD), a week (2026-W47, 2-weeks-ago, or a date inside it: 2026-11-18), ' +
  'a month (2026-11), a quarter (2026-Q4) or a year (2026)';
export const WEEK_FORMS = 'this_week, last_week, an ISO week (2026-W47), N-weeks-ago (0 = this week), or a date inside the week (2026-11-18)';
export const MONTH_FORMS = 'this_month, last_month, or YYYY-MM (2026-11)';

const SYNONYMS: Record<string, string> = {
  current_week: 'this_week',
  previous_week: 'last_week',
  past_week: 'last_week',
  current_month: 'this_month',
  previous_month: 'last_month',
  past_month: 'last_month',
  current_year: 'this_year',
  previous_year: 'last_year',
  past_year: 'last_year',
  rolling_days: 'rolling',
  range: 'custom',
};

const keyword = (s: string): string => {
  const k = s
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return SYNONYMS[k] ?? k;
};

/** Resolves the period arguments of a report; `fallback` is used when none is given. */
export function resolvePeriod(args: PeriodArgs, ctx: PeriodContext, fallback = 'this_week'): Period {
  const given = (['period', 'week', 'month'] as const).filter((k) => args[k] !== undefined && String(args[k]).trim() !== '');
  if (given.length > 1) throw new DomainError(`Pass only one of ${given.join(', ')}: they all choose the period.`);
  if (args.week !== undefined && given[0] === 'week') return weekSelector(args.week, ctx, 'week');
  if (args.month !== undefined && given[0] === 'month') return monthSelector(args.month, ctx, 'month');
  const hasRange = args.start !== undefined || args.end !== undefined;
  const p = given[0] === 'period' ? keyword(args.period as string) : hasRange ? 'custom' : args.days !== undefined ? 'rolling' : keyword(fallback);
  if (hasRange && p !== 'custom')
    throw new DomainError(`start and end go with period "custom" (or no period); period "${args.period}" sets its own dates.`);
  if (args.days !== undefined && p !== 'rolling') {
    throw new DomainError(`days goes with period "rolling" (or no period); period "${args.period ?? p}" sets its own dates.`);
  }
  const lastN = /^(?:last|past)_(\d{1,4})_days?$/.exec(p);
  if (lastN) return rolling(Number(lastN[1]), ctx, `last_${Number(lastN[1])}_days`);
  const today = DateTime.fromMillis(ctx.now, { zone: ctx.timeZone }).startOf('day');
  switch (p) {
    case 'today':
      return span('day', 'today', today, today, ctx);
    case 'yesterday': {
      const y = today.minus({ days: 1 });
      return span('day', 'yesterday', y, y, ctx);
    }
    case 'this_week':
    case 'last_week':
      return weekSelector(p, ctx, 'period');
    case 'this_month':
    case 'last_month':
      return monthSelector(p, ctx, 'period');
    case 'this_year':
    case 'last_year': {
      const y = today.startOf('year').minus({ years: p === 'last_year' ? 1 : 0 });
      return span('year', p, y, y.endOf('year').startOf('day'), ctx);
    }
    case 'rolling':
      if (args.days === undefined) throw new DomainError('period "rolling" needs days: the last N days including today (1–365), e.g. days: 14.');
      return rolling(args.days, ctx, 'rolling');
    case 'custom':
      return custom(args.start, args.end, ctx);
  }
  const raw = (args.period ?? fallback).trim();
  if (/^\d{4}-\d{2}$/.test(raw)) return monthSelector(raw, ctx, 'period');
  const quarter = /^(\d{4})-?q([1-4])$/i.exec(raw);
  if (quarter) {
    const first = calendarDay(Number(quarter[1]), (Number(quarter[2]) - 1) * 3 + 1, 1, ctx, raw, PERIOD_FORMS);
    return span('quarter', `${quarter[1]}-Q${quarter[2]}`, first, first.plus({ months: 3 }).minus({ days: 1 }), ctx);
  }
  if (/^\d{4}$/.test(raw)) {
    const first = calendarDay(Number(raw), 1, 1, ctx, raw, PERIOD_FORMS);
    return span('year', raw, first, first.endOf('year').startOf('day'), ctx);
  }
  return weekSelector(raw, ctx, 'period');
}

function weekSelector(given: string, ctx: PeriodContext, arg: 'week' | 'period'): Period {
  const forms = arg === 'week' ? WEEK_FORMS : PERIOD_FORMS;
  const raw = given.trim();
  const k = keyword(raw);
  const today = DateTime.fromMillis(ctx.now, { zone: ctx.timeZone }).startOf('day');
  let monday: DateTime;
  let key: string;
  const iso = /^(\d{4})-?w(\d{1,2})$/i.exec(raw);
  const ago = /^(\d{1,4})_weeks?_ago$/.exec(k);
  if (k === 'this_week' || k === 'last_week') {
    monday = today.startOf('week').minus({ weeks: k === 'last_week' ? 1 : 0 });
    key = k;
  } else if (ago) {
    monday = today.startOf('week').minus({ weeks: Number(ago[1]) });
    key = `${Number(ago[1])}-weeks-ago`;
  } else if (iso) {
    const [year, week] = [Number(iso[1]), Number(iso[2])];
    monday = DateTime.fromObject({ weekYear: year, weekNumber: week, weekday: 1 }, { zone: ctx.timeZone });
    if (!monday.isValid || year < MIN_YEAR || year > MAX_YEAR) {
      const weeks = DateTime.fromObject(
        { weekYear: Math.min(Math.max(year, MIN_YEAR), MAX_YEAR), weekNumber: 1 },
        { zone: ctx.timeZone },
      ).weeksInWeekYear;
      throw new DomainError(`${arg} '${raw}' is not a week: ${year} has ISO weeks 1–${weeks}. Use ${forms}.`);
    }
    key = `${year}-W${String(week).padStart(2, '0')}`;
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
    monday = parseDay(raw, ctx, arg, forms).startOf('week');
    key = raw;
  } else if (arg === 'week' && (k === 'this_month' || k === 'last_month' || /^\d{4}-\d{2}$/.test(raw))) {
    throw new DomainError(`week '${raw}' is a month: weekly reports take ${WEEK_FORMS}; use get_monthly_timesheet or period for months.`);
  } else {
    throw new DomainError(`${arg} '${raw}' is not a period I know. Use ${forms}.`);
  }
  return span('week', key, monday, monday.plus({ days: 6 }), ctx);
}

function monthSelector(given: string, ctx: PeriodContext, arg: 'month' | 'period'): Period {
  const raw = given.trim();
  const k = keyword(raw);
  const today = DateTime.fromMillis(ctx.now, { zone: ctx.timeZone }).startOf('day');
  let first: DateTime;
  let key: string;
  if (k === 'this_month' || k === 'last_month') {
    first = today.startOf('month').minus({ months: k === 'last_month' ? 1 : 0 });
    key = k;
  } else {
    const m = /^(\d{4})-(\d{2})$/.exec(raw);
    if (!m) throw new DomainError(`${arg} '${raw}' is not a month. Use ${MONTH_FORMS}.`);
    first = calendarDay(Number(m[1]), Number(m[2]), 1, ctx, raw, arg === 'month' ? MONTH_FORMS : PERIOD_FORMS, arg);
    key = raw;
  }
  return span('month', key, first, first.endOf('month').startOf('day'), ctx);
}

function rolling(days: number, ctx: PeriodContext, key: string): Period {
  if (!Number.isInteger(days) || days < 1 || days > MAX_ROLLING_DAYS) {
    throw new DomainError(`days ${days} is out of range: the last N days including today takes N from 1 to ${MAX_ROLLING_DAYS}.`);
  }
  const today = DateTime.fromMillis(ctx.now, { zone: ctx.timeZone }).startOf('day');
  const first = today.minus({ days: days - 1 });
  const p = span('rolling', key, first, today, ctx);
  return { ...p, to: Math.max(p.from, ctx.now), endsAtNow: true, label: `${rangeLabel(first, today)}, to now (${ctx.timeZone})` };
}

function custom(start: string | undefined, end: string | undefined, ctx: PeriodContext): Period {
  if (start === undefined) throw new DomainError('period "custom" needs start (and end): first and last day, YYYY-MM-DD, both inclusive.');
  const first = parseDay(start, ctx, 'start', 'YYYY-MM-DD, e.g. 2026-11-01');
  const last =
    end === undefined
      ? DateTime.fromMillis(ctx.now, { zone: ctx.timeZone }).startOf('day')
      : parseDay(end, ctx, 'end', 'YYYY-MM-DD, e.g. 2026-11-30');
  if (last < first)
    throw new DomainError(`end (${last.toISODate()}) is before start (${first.toISODate()}): both are inclusive days, end on or after start.`);
  const days = Math.round(last.diff(first, 'days').days) + 1;
  if (days > MAX_PERIOD_DAYS)
    throw new DomainError(`start to end spans ${days} days; a report covers at most ${MAX_PERIOD_DAYS} days (three years). Split it.`);
  return span('custom', 'custom', first, last, ctx);
}

function parseDay(s: string, ctx: PeriodContext, arg: string, forms: string): DateTime {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) throw new DomainError(`${arg} '${s.trim().slice(0, 40)}' is not a date. Use ${forms}.`);
  return calendarDay(Number(m[1]), Number(m[2]), Number(m[3]), ctx, s.trim(), forms, arg);
}

function calendarDay(year: number, month: number, day: number, ctx: PeriodContext, raw: string, forms: string, arg = 'period'): DateTime {
  const d = DateTime.fromObject({ year, month, day }, { zone: ctx.timeZone });
  if (!d.isValid || year < MIN_YEAR || year > MAX_YEAR) {
    const why = year < MIN_YEAR || year > MAX_YEAR ? `years run from ${MIN_YEAR} to ${MAX_YEAR}` : 'no such day';
    throw new DomainError(`${arg} '${raw.slice(0, 40)}' is not a valid date (${why}). Use ${forms}.`);
  }
  return d.startOf('day');
}

/** A whole-days period from `first` to `last` (local midnights, both inclusive). */
function span(kind: PeriodKind, key: string, first: DateTime, last: DateTime, ctx: PeriodContext): Period {
  const from = first.startOf('day');
  const to = last.startOf('day').plus({ days: 1 }).startOf('day');
  return {
    kind,
    key,
    from: from.toMillis(),
    to: to.toMillis(),
    firstDay: from.toISODate() as string,
    lastDay: last.toISODate() as string,
    timeZone: ctx.timeZone,
    label: `${kindLabel(kind, from, last)} (${ctx.timeZone})`,
    isoWeek: kind === 'week' ? `${from.weekYear}-W${String(from.weekNumber).padStart(2, '0')}` : null,
    endsAtNow: false,
  };
}

function kindLabel(kind: PeriodKind, first: DateTime, last: DateTime): string {
  const en = (d: DateTime) => d.setLocale('en-GB');
  if (kind === 'month') return en(first).toFormat('LLLL yyyy');
  if (kind === 'year') return en(first).toFormat('yyyy');
  if (kind === 'quarter') return `Q${first.quarter} ${first.year}: ${rangeLabel(first, last)}`;
  return rangeLabel(first, last);
}

/** "Mon 16 – Sun 22 Nov 2026", "Mon 26 Oct – Sun 1 Nov 2026", "Mon 29 Dec 2025 – Sun 4 Jan 2026", "Mon 23 Nov 2026". */
export function rangeLabel(first: DateTime, last: DateTime): string {
  const a = first.setLocale('en-GB');
  const b = last.setLocale('en-GB');
  if (a.hasSame(b, 'day')) return a.toFormat('ccc d LLL yyyy');
  if (a.hasSame(b, 'month')) return `${a.toFormat('ccc d')} – ${b.toFormat('ccc d LLL yyyy')}`;
  if (a.hasSame(b, 'year')) return `${a.toFormat('ccc d LLL')} – ${b.toFormat('ccc d LLL yyyy')}`;
  return `${a.toFormat('ccc d LLL yyyy')} – ${b.toFormat('ccc d LLL yyyy')}`;
}

/** The local dates of a period, first to last. */
export function periodDays(p: Pick<Period, 'firstDay' | 'lastDay'>): string[] {
  const out: string[] = [];
  let d = DateTime.fromISO(p.firstDay, { zone: 'UTC' });
  const last = DateTime.fromISO(p.lastDay, { zone: 'UTC' });
  while (d <= last) {
    out.push(d.toISODate() as string);
    d = d.plus({ days: 1 });
  }
  return out;
}

/** Mon–Fri days of a period (rule 9: capacity is pro rata to them). */
export function weekdaysIn(p: Pick<Period, 'firstDay' | 'lastDay'>): number {
  return periodDays(p).filter((d) => DateTime.fromISO(d, { zone: 'UTC' }).weekday <= 5).length;
}

/** "Mon", "Tue" … for a local date. */
export function weekdayName(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).setLocale('en-GB').toFormat('ccc');
}

/** "The last N days" including today (rule 3): [local midnight of today − N + 1, now]. */
export function lastDays(days: number, ctx: PeriodContext): Period {
  return rolling(days, ctx, `last_${days}_days`);
}

/** A day of history a trend reads: its local date and the instant it ends. */
export interface HistoryDay {
  date: string;
  end: number;
}

/**
 * The days a trend looks back at, oldest first: the last `days` days before today, or the last
 * day (Sunday) of each of the `weeks` weeks before this one.
 */
export function historyDays(ctx: PeriodContext, by: { days?: number; weeks?: number }): HistoryDay[] {
  const today = DateTime.fromMillis(ctx.now, { zone: ctx.timeZone }).startOf('day');
  const days: DateTime[] = [];
  if (by.weeks) {
    const monday = today.startOf('week');
    for (let w = by.weeks; w >= 1; w--) days.push(monday.minus({ weeks: w - 1, days: 1 }));
  } else if (by.days) {
    for (let d = by.days; d >= 1; d--) days.push(today.minus({ days: d }));
  }
  return days.map((d) => ({ date: d.toISODate() as string, end: d.plus({ days: 1 }).startOf('day').toMillis() }));
}
