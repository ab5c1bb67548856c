import { addDays, localDate, startOfLocalDay, zoneOffsetMs } from './zoned-date';

describe('zoned dates', () => {
  it.each([
    ['2026-11-22T22:30:00Z', 'UTC', '2026-11-22'],
    ['2026-11-22T22:30:00Z', 'Asia/Kolkata', '2026-11-23'],
    ['2026-11-22T04:30:00Z', 'America/Los_Angeles', '2026-11-21'],
    ['2026-03-29T00:59:59Z', 'Europe/Berlin', '2026-03-29'],
  ])('%s in %s is %s', (iso, tz, date) => {
    expect(localDate(Date.parse(iso), tz)).toBe(date);
  });

  it.each([
    ['2026-11-22', 'UTC', '2026-11-22T00:00:00.000Z'],
    ['2026-11-22', 'Asia/Kolkata', '2026-11-21T18:30:00.000Z'],
    ['2026-11-22', 'America/New_York', '2026-11-22T05:00:00.000Z'],
    // DST starts in Berlin on 2026-03-29 at 02:00: that day has 23 hours.
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
    // DST ends in Berlin on 2026-10-25: 25 hours.
    ['2026-10-25', 'Europe/Berlin', '2026-10-24T22:00:00.000Z'],
    ['2026-10-26', 'Europe/Berlin', '2026-10-25T23:00:00.000Z'],
    // Santiago's DST skips midnight itself: 6 Sep 2026 begins at 01:00 local (04:00Z).
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z'],
    ['2026-09-07', 'America/Santiago', '2026-09-07T03:00:00.000Z'],
  ])('local midnight of %s in %s is %s', (date, tz, iso) => {
    expect(new Date(startOfLocalDay(date, tz)).toISOString()).toBe(iso);
  });

  it('knows offsets and adds calendar days across month and year ends', () => {
    expect(zoneOffsetMs(Date.parse('2026-07-01T12:00:00Z'), 'Europe/Berlin')).toBe(2 * 3600_000);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
