import { DomainError } from '../errors/domain-error';
import { historyDays, lastDays, Period, PeriodArgs, periodDays, resolvePeriod, weekdaysIn } from './period';
import { startOfLocalDay } from './zoned-date';

/** Wednesday 25 November 2026, 12:00 in Kolkata (UTC+05:30). */
const NOW = Date.parse('2026-11-25T06:30:00Z');
const IST = 'Asia/Kolkata';
const iso = (ms: number) => new Date(ms).toISOString();
const at = (args: PeriodArgs, timeZone = IST, now = NOW): Period => resolvePeriod(args, { now, timeZone });
const window = (p: Period) => [iso(p.from), iso(p.to), p.firstDay, p.lastDay];

describe('resolvePeriod, every form of rule 6 (pinned clock, Asia/Kolkata)', () => {
  it.each<[string, PeriodArgs, string[], string]>([
    [
      'today',
      { period: 'today' },
      ['2026-11-24T18:30:00.000Z', '2026-11-25T18:30:00.000Z', '2026-11-25', '2026-11-25'],
      'Wed 25 Nov 2026 (Asia/Kolkata)',
    ],
    [
      'yesterday',
      { period: 'yesterday' },
      ['2026-11-23T18:30:00.000Z', '2026-11-24T18:30:00.000Z', '2026-11-24', '2026-11-24'],
      'Tue 24 Nov 2026 (Asia/Kolkata)',
    ],
    [
      'this_week',
      { period: 'this_week' },
      ['2026-11-22T18:30:00.000Z', '2026-11-29T18:30:00.000Z', '2026-11-23', '2026-11-29'],
      'Mon 23 – Sun 29 Nov 2026 (Asia/Kolkata)',
    ],
    [
      'last_week',
      { period: 'last_week' },
      ['2026-11-15T18:30:00.000Z', '2026-11-22T18:30:00.000Z', '2026-11-16', '2026-11-22'],
      'Mon 16 – Sun 22 Nov 2026 (Asia/Kolkata)',
    ],
    [
      'this_month',
      { period: 'this_month' },
      ['2026-10-31T18:30:00.000Z', '2026-11-30T18:30:00.000Z', '2026-11-01', '2026-11-30'],
      'November 2026 (Asia/Kolkata)',
    ],
    [
      'last_month',
      { period: 'last_month' },
      ['2026-09-30T18:30:00.000Z', '2026-10-31T18:30:00.000Z', '2026-10-01', '2026-10-31'],
      'October 2026 (Asia/Kolkata)',
    ],
    [
      'this_year',
      { period: 'this_year' },
      ['2025-12-31T18:30:00.000Z', '2026-12-31T18:30:00.000Z', '2026-01-01', '2026-12-31'],
      '2026 (Asia/Kolkata)',
    ],
    [
      'last_year',
      { period: 'last_year' },
      ['2024-12-31T18:30:00.000Z', '2025-12-31T18:30:00.000Z', '2025-01-01', '2025-12-31'],
      '2025 (Asia/Kolkata)',
    ],
    [
      'last_30_days ends now',
      { period: 'last_30_days' },
      ['2026-10-26T18:30:00.000Z', '2026-11-25T06:30:00.000Z', '2026-10-27', '2026-11-25'],
      'Tue 27 Oct – Wed 25 Nov 2026, to now (Asia/Kolkata)',
    ],
    [
      'rolling + days',
      { period: 'rolling', days: 3 },
      ['2026-11-22T18:30:00.000Z', '2026-11-25T06:30:00.000Z', '2026-11-23', '2026-11-25'],
      'Mon 23 – Wed 25 Nov 2026, to now (Asia/Kolkata)',
    ],
    [
      'days alone is rolling',
      { days: 1 },
      ['2026-11-24T18:30:00.000Z', '2026-11-25T06:30:00.000Z', '2026-11-25', '2026-11-25'],
      'Wed 25 Nov 2026, to now (Asia/Kolkata)',
    ],
    [
      'custom, inclusive',
      { period: 'custom', start: '2026-11-01', end: '2026-11-03' },
      ['2026-10-31T18:30:00.000Z', '2026-11-03T18:30:00.000Z', '2026-11-01', '2026-11-03'],
      'Sun 1 – Tue 3 Nov 2026 (Asia/Kolkata)',
    ],
    [
      'start and end alone are custom',
      { start: '2026-10-30', end: '2026-11-02' },
      ['2026-10-29T18:30:00.000Z', '2026-11-02T18:30:00.000Z', '2026-10-30', '2026-11-02'],
      'Fri 30 Oct – Mon 2 Nov 2026 (Asia/Kolkata)',
    ],
    [
      'custom without end runs to today',
      { start: '2026-11-24' },
      ['2026-11-23T18:30:00.000Z', '2026-11-25T18:30:00.000Z', '2026-11-24', '2026-11-25'],
      'Tue 24 – Wed 25 Nov 2026 (Asia/Kolkata)',
    ],
    [
      'ISO week',
      { period: '2026-W47' },
      ['2026-11-15T18:30:00.000Z', '2026-11-22T18:30:00.000Z', '2026-11-16', '2026-11-22'],
      'Mon 16 – Sun 22 Nov 2026 (Asia/Kolkata)',
    ],
    [
      'ISO week, loose spelling',
      { period: '2026w47' },
      ['2026-11-15T18:30:00.000Z', '2026-11-22T18:30:00.000Z', '2026-11-16', '2026-11-22'],
      'Mon 16 – Sun 22 Nov 2026 (Asia/Kolkata)',
    ],
    [
      'N-weeks-ago',
      { period: '1-weeks-ago' },
      ['2026-11-15T18:30:00.000Z', '2026-11-22T18:30:00.000Z', '2026-11-16', '2026-11-22'],
      'Mon 16 – Sun 22 Nov 2026 (Asia/Kolkata)',
    ],
    [
      'N weeks ago with spaces',
      { week: '3 weeks ago' },
      ['2026-11-01T18:30:00.000Z', '2026-11-08T18:30:00.000Z', '2026-11-02', '2026-11-08'],
      'Mon 2 – Sun 8 Nov 2026 (Asia/Kolkata)',
    ],
    [
      '0-weeks-ago is this week',
      { week: '0-weeks-ago' },
      ['2026-11-22T18:30:00.000Z', '2026-11-29T18:30:00.000Z', '2026-11-23', '2026-11-29'],
      'Mon 23 – Sun 29 Nov 2026 (Asia/Kolkata)',
    ],
    [
      'a date selects its week',
      { period: '2026-11-22' },
      ['2026-11-15T18:30:00.000Z', '2026-11-22T18:30:00.000Z', '2026-11-16', '2026-11-22'],
      'Mon 16 – Sun 22 Nov 2026 (Asia/Kolkata)',
    ],
    [
      'a Monday selects its own week',
      { week: '2026-11-23' },
      ['2026-11-22T18:30:00.000Z', '2026-11-29T18:30:00.000Z', '2026-11-23', '2026-11-29'],
      'Mon 23 – Sun 29 Nov 2026 (Asia/Kolkata)',
    ],
    [
      'ISO week 53 spans the new year',
      { week: '2026-W53' },
      ['2026-12-27T18:30:00.000Z', '2027-01-03T18:30:00.000Z', '2026-12-28', '2027-01-03'],
      'Mon 28 Dec 2026 – Sun 3 Jan 2027 (Asia/Kolkata)',
    ],
    [
      'a January date in week 53 of the year before',
      { week: '2027-01-01' },
      ['2026-12-27T18:30:00.000Z', '2027-01-03T18:30:00.000Z', '2026-12-28', '2027-01-03'],
      'Mon 28 Dec 2026 – Sun 3 Jan 2027 (Asia/Kolkata)',
    ],
    [
      'week 1 starting in December',
      { week: '2025-W01' },
      ['2024-12-29T18:30:00.000Z', '2025-01-05T18:30:00.000Z', '2024-12-30', '2025-01-05'],
      'Mon 30 Dec 2024 – Sun 5 Jan 2025 (Asia/Kolkata)',
    ],
    [
      'a month across a month end',
      { period: '2026-11' },
      ['2026-10-31T18:30:00.000Z', '2026-11-30T18:30:00.000Z', '2026-11-01', '2026-11-30'],
      'November 2026 (Asia/Kolkata)',
    ],
    [
      'a leap February',
      { month: '2024-02' },
      ['2024-01-31T18:30:00.000Z', '2024-02-29T18:30:00.000Z', '2024-02-01', '2024-02-29'],
      'February 2024 (Asia/Kolkata)',
    ],
    [
      'a common February',
      { month: '2026-02' },
      ['2026-01-31T18:30:00.000Z', '2026-02-28T18:30:00.000Z', '2026-02-01', '2026-02-28'],
      'February 2026 (Asia/Kolkata)',
    ],
    [
      'the leap day alone',
      { start: '2024-02-29', end: '2024-02-29' },
      ['2024-02-28T18:30:00.000Z', '2024-02-29T18:30:00.000Z', '2024-02-29', '2024-02-29'],
      'Thu 29 Feb 2024 (Asia/Kolkata)',
    ],
    [
      'month selector keywords',
      { month: 'last_month' },
      ['2026-09-30T18:30:00.000Z', '2026-10-31T18:30:00.000Z', '2026-10-01', '2026-10-31'],
      'October 2026 (Asia/Kolkata)',
    ],
    [
      'a quarter',
      { period: '2026-Q4' },
      ['2026-09-30T18:30:00.000Z', '2026-12-31T18:30:00.000Z', '2026-10-01', '2026-12-31'],
      'Q4 2026: Thu 1 Oct – Thu 31 Dec 2026 (Asia/Kolkata)',
    ],
    ['a year', { period: '2025' }, ['2024-12-31T18:30:00.000Z', '2025-12-31T18:30:00.000Z', '2025-01-01', '2025-12-31'], '2025 (Asia/Kolkata)'],
    [
      'spaces and capitals',
      { period: ' This Week ' },
      ['2026-11-22T18:30:00.000Z', '2026-11-29T18:30:00.000Z', '2026-11-23', '2026-11-29'],
      'Mon 23 – Sun 29 Nov 2026 (Asia/Kolkata)',
    ],
    [
      'last_N_days beyond 30',
      { period: 'last_90_days' },
      ['2026-08-27T18:30:00.000Z', '2026-11-25T06:30:00.000Z', '2026-08-28', '2026-11-25'],
      'Fri 28 Aug – Wed 25 Nov 2026, to now (Asia/Kolkata)',
    ],
  ])('%s', (_name, args, expected, label) => {
    const p = at(args);
    expect(window(p)).toEqual(expected);
    expect(p.label).toBe(label);
  });

  it('uses the report fallback when nothing is given, and canonical keys', () => {
    expect(resolvePeriod({}, { now: NOW, timeZone: IST }, 'this_month').key).toBe('this_month');
    expect(at({ period: '2026w47' }).key).toBe('2026-W47');
    expect(at({ period: '2026-W47' }).isoWeek).toBe('2026-W47');
    expect(at({ period: 'last_week' }).isoWeek).toBe('2026-W47');
    expect(at({ week: '2027-01-01' }).isoWeek).toBe('2026-W53');
    expect(at({ period: 'last_30_days' }).endsAtNow).toBe(true);
    expect(at({ period: 'this_month' }).endsAtNow).toBe(false);
  });

  it('counts days and weekdays of a period', () => {
    expect(periodDays(at({ period: 'this_week' }))).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(weekdaysIn(at({ period: 'this_week' }))).toBe(5);
    expect(weekdaysIn(at({ period: '2026-11' }))).toBe(21);
    expect(weekdaysIn(at({ month: '2024-02' }))).toBe(21);
    expect(weekdaysIn(at({ period: 'today' }))).toBe(1);
    expect(weekdaysIn(at({ start: '2026-11-28', end: '2026-11-29' }))).toBe(0);
    expect(periodDays(at({ period: '2026' }))).toHaveLength(365);
    expect(periodDays(at({ period: '2024' }))).toHaveLength(366);
  });
});

describe('resolvePeriod on DST days', () => {
  const hours = (p: Period) => (p.to - p.from) / 3_600_000;

  it.each<[string, string, string, string, string, number]>([
    // New York falls back on Sunday 1 Nov 2026: that day has 25 hours, its week 169.
    ['America/New_York', '2026-11-01', 'day', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z', 25],
    ['America/New_York', '2026-W44', 'week', '2026-10-26T04:00:00.000Z', '2026-11-02T05:00:00.000Z', 169],
    // … and springs forward on Sunday 8 March 2026: 23 hours.
    ['America/New_York', '2026-03-08', 'day', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z', 23],
    ['America/New_York', '2026-03', 'month', '2026-03-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z', 743],
    ['Europe/Berlin', '2026-03-29', 'day', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 23],
    ['Europe/Berlin', '2026-10-25', 'day', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 25],
    // Santiago's DST begins at midnight: Sunday 6 Sep 2026 starts at 01:00 local (04:00Z) and has 23 hours;
    // the Saturday before still ends at that same instant.
    ['America/Santiago', '2026-09-06', 'day', '2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z', 23],
    ['America/Santiago', '2026-09-05', 'day', '2026-09-05T04:00:00.000Z', '2026-09-06T04:00:00.000Z', 24],
    ['America/Santiago', '2026-W36', 'week', '2026-08-31T04:00:00.000Z', '2026-09-07T03:00:00.000Z', 167],
  ])('%s %s (%s)', (tz, sel, kind, from, to, h) => {
    const p = kind === 'day' ? at({ start: sel, end: sel }, tz) : kind === 'month' ? at({ month: sel }, tz) : at({ week: sel }, tz);
    expect([iso(p.from), iso(p.to), hours(p)]).toEqual([from, to, h]);
  });

  it('starts a Santiago day at the instant DST skips to, not an hour early', () => {
    expect(iso(startOfLocalDay('2026-09-06', 'America/Santiago'))).toBe('2026-09-06T04:00:00.000Z');
  });

  it('puts "today" on the right side of a fall-back night', () => {
    // 05:30Z on 1 Nov 2026 is 00:30 EST, the second 00:xx is long past: still Sunday 1 Nov.
    const p = at({ period: 'today' }, 'America/New_York', Date.parse('2026-11-01T05:30:00Z'));
    expect([p.firstDay, iso(p.from), hours(p)]).toEqual(['2026-11-01', '2026-11-01T04:00:00.000Z', 25]);
  });
});

describe('resolvePeriod refuses what it cannot read, listing the accepted forms', () => {
  it.each<[PeriodArgs, RegExp]>([
    [{ period: 'fortnight' }, /period 'fortnight' is not a period I know\. Use today, yesterday, this_week.*2026-W47.*2026-11/],
    [{ period: 'rolling' }, /needs days/],
    [{ period: 'rolling', days: 0 }, /days 0 is out of range.*1 to 365/],
    [{ days: 366 }, /days 366 is out of range/],
    [{ period: 'custom' }, /needs start/],
    [{ period: 'custom', start: '2026-11-05', end: '2026-11-01' }, /end \(2026-11-01\) is before start \(2026-11-05\)/],
    [{ start: '2020-01-01', end: '2026-01-01' }, /spans 2193 days; a report covers at most 1096/],
    [{ start: '2026-02-30', end: '2026-03-01' }, /start '2026-02-30' is not a valid date \(no such day\)/],
    [{ start: '2025-02-29' }, /no such day/],
    [{ start: '9999-12-31' }, /years run from 1970 to 2100/],
    [{ start: '01/11/2026' }, /start '01\/11\/2026' is not a date/],
    [{ week: '2025-W53' }, /week '2025-W53' is not a week: 2025 has ISO weeks 1–52/],
    [{ week: '2026-W00' }, /2026 has ISO weeks 1–53/],
    [{ week: '2026-11' }, /is a month: weekly reports take/],
    [{ week: 'tomorrow' }, /week 'tomorrow' is not a period I know\. Use this_week, last_week, an ISO week/],
    [{ month: '2026-13' }, /month '2026-13' is not a valid date/],
    [{ month: 'november' }, /month 'november' is not a month\. Use this_month, last_month, or YYYY-MM/],
    [{ period: 'this_week', week: 'last_week' }, /Pass only one of period, week/],
    [{ period: 'last_week', start: '2026-11-01' }, /start and end go with period "custom"/],
    [{ period: 'this_month', days: 7 }, /days goes with period "rolling"/],
    [{ period: '12345-W01' }, /is not a period I know/],
  ])('%p', (args, message) => {
    expect(() => at(args)).toThrow(DomainError);
    expect(() => at(args)).toThrow(message);
  });
});

describe('lastDays (rule 3: the last N days include today and end now)', () => {
  it.each<[number, string, string, string, string]>([
    [1, 'UTC', '2026-03-10T00:00:00.000Z', '2026-03-10', '2026-03-10'],
    [7, 'UTC', '2026-03-04T00:00:00.000Z', '2026-03-04', '2026-03-10'],
    [30, 'Europe/Berlin', '2026-02-08T23:00:00.000Z', '2026-02-09', '2026-03-10'],
  ])('%p days in %s start %s', (days, tz, from, firstDay, lastDay) => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    const p = lastDays(days, { now, timeZone: tz });
    expect([iso(p.from), p.to, p.firstDay, p.lastDay, p.endsAtNow]).toEqual([from, now, firstDay, lastDay, true]);
  });

  it('is as long as asked, minus the unfinished part of today', () => {
    const now = Date.parse('2026-03-10T00:00:00Z');
    expect(now - lastDays(7, { now, timeZone: 'UTC' }).from).toBe(6 * 86_400_000);
  });
});

describe('historyDays (trend points)', () => {
  it('takes the days before today, oldest first, each ending at the next local midnight', () => {
    expect(historyDays({ now: NOW, timeZone: IST }, { days: 3 }).map((d) => [d.date, iso(d.end)])).toEqual([
      ['2026-11-22', '2026-11-22T18:30:00.000Z'],
      ['2026-11-23', '2026-11-23T18:30:00.000Z'],
      ['2026-11-24', '2026-11-24T18:30:00.000Z'],
    ]);
  });

  it('takes the Sundays that end the weeks before this one', () => {
    expect(historyDays({ now: NOW, timeZone: IST }, { weeks: 3 }).map((d) => d.date)).toEqual(['2026-11-08', '2026-11-15', '2026-11-22']);
    expect(historyDays({ now: NOW, timeZone: IST }, {})).toEqual([]);
  });

  it('ends a DST day after 25 hours', () => {
    const [d] = historyDays({ now: Date.parse('2026-11-02T17:00:00Z'), timeZone: 'America/New_York' }, { days: 1 });
    expect([d.date, iso(d.end)]).toEqual(['2026-11-01', '2026-11-02T05:00:00.000Z']);
  });
});
