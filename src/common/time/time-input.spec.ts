import { parseDateTimeInput, parseDurationInput } from './time-input';

const MIN = 60_000;

describe('parseDurationInput', () => {
  it.each<[number | string, number]>([
    [90, 90 * MIN],
    [0.5, 30_000],
    ['90', 90 * MIN],
    ['90m', 90 * MIN],
    ['90 min', 90 * MIN],
    ['1h', 60 * MIN],
    ['1.5h', 90 * MIN],
    ['1h 30m', 90 * MIN],
    ['1h30m', 90 * MIN],
    ['1 hour and 15 minutes', 75 * MIN],
    ['2 hrs, 5 mins', 125 * MIN],
    ['1:30', 90 * MIN],
    ['  45M ', 45 * MIN],
  ])('%p is %p ms', (input, ms) => {
    expect(parseDurationInput(input)).toBe(ms);
  });

  it.each<number | string>([0, -5, Number.NaN, '', 'abc', '90 apples', '1h banana', '1:75', '-1h', 'h', '0m'])('%p is rejected', (input) => {
    expect(parseDurationInput(input)).toBeNull();
  });
});

describe('parseDateTimeInput', () => {
  it.each([
    ['2026-01-05 09:30', 'UTC', '2026-01-05T09:30:00.000Z'],
    ['2026-01-05T09:30:15', 'UTC', '2026-01-05T09:30:15.000Z'],
    ['2026-01-05 09:30', 'Europe/Berlin', '2026-01-05T08:30:00.000Z'],
    ['2026-07-05 09:30', 'Europe/Berlin', '2026-07-05T07:30:00.000Z'],
    ['2026-11-22 00:15', 'Asia/Kolkata', '2026-11-21T18:45:00.000Z'],
    // The hour after Berlin's spring-forward gap exists once: 03:30 local is 01:30Z.
    ['2026-03-29 03:30', 'Europe/Berlin', '2026-03-29T01:30:00.000Z'],
    ['2026-01-05T09:30:00Z', 'Europe/Berlin', '2026-01-05T09:30:00.000Z'],
    ['2026-01-05T09:30:00+02:00', 'UTC', '2026-01-05T07:30:00.000Z'],
  ])('%s in %s is %s', (input, tz, iso) => {
    expect(new Date(parseDateTimeInput(input, tz)!).toISOString()).toBe(iso);
  });

  it.each(['2026-02-30 10:00', '2026-01-05 24:00', '2026-01-05', 'yesterday 10am', '05/01/2026 10:00', ''])('%p is rejected', (input) => {
    expect(parseDateTimeInput(input, 'UTC')).toBeNull();
  });
});
