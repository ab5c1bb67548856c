import { DomainError } from '../../common/errors/domain-error';
import { isCalendarDate, parseDateBound, parseDateRange, parseDueDate, parseEstimate, priorityName, priorityNumber } from './task-inputs';

const MIN = 60_000;
const utc = (s: string) => Date.parse(s);

describe('parseDueDate', () => {
  it.each<[string, string | undefined, string, string, boolean]>([
    ['2026-03-31', undefined, 'UTC', '2026-03-31T23:59:00Z', false],
    ['2026-03-31', '17:30', 'UTC', '2026-03-31T17:30:00Z', true],
    ['2026-03-31', '09:00', 'Europe/Berlin', '2026-03-31T07:00:00Z', true],
    // The day before the spring-forward night in Berlin, and the day of it (23 h long).
    ['2026-03-28', undefined, 'Europe/Berlin', '2026-03-28T22:59:00Z', false],
    ['2026-03-29', undefined, 'Europe/Berlin', '2026-03-29T21:59:00Z', false],
    ['2026-01-15', '00:00', 'America/New_York', '2026-01-15T05:00:00Z', true],
  ])('%s %s in %s is %s', (date, time, tz, iso, hasTime) => {
    expect(parseDueDate(date, time, tz)).toEqual({ ms: utc(iso), hasTime });
  });

  it.each<[string, string | undefined]>([
    ['2026-02-30', undefined],
    ['31.03.2026', undefined],
    ['2026-03-31', '24:00'],
    ['2026-03-31', '5pm'],
  ])('%s %s is refused with the accepted form', (date, time) => {
    expect(() => parseDueDate(date, time, 'UTC')).toThrow(DomainError);
    expect(() => parseDueDate(date, time, 'UTC')).toThrow(/YYYY-MM-DD|HH:MM/);
  });
});

describe('parseDateBound / parseDateRange', () => {
  it.each<[string, 'from' | 'to', string, string]>([
    ['2026-03-01', 'from', 'UTC', '2026-03-01T00:00:00Z'],
    ['2026-03-01', 'to', 'UTC', '2026-03-02T00:00:00Z'],
    ['2026-03-01', 'from', 'Europe/Berlin', '2026-02-28T23:00:00Z'],
    ['2026-03-01T12:00:00Z', 'to', 'Europe/Berlin', '2026-03-01T12:00:00Z'],
    ['2026-03-01T12:00:00+02:00', 'from', 'UTC', '2026-03-01T10:00:00Z'],
  ])('%s as %s in %s is %s', (value, edge, tz, iso) => {
    expect(parseDateBound('x', value, edge, tz)).toBe(utc(iso));
  });

  it('a single day is a whole day', () => {
    expect(parseDateRange(['from', 'to'], '2026-03-01', '2026-03-01', 'UTC')).toEqual({
      from: utc('2026-03-01T00:00:00Z'),
      to: utc('2026-03-02T00:00:00Z'),
    });
  });

  it('open ends stay open', () => {
    expect(parseDateRange(['from', 'to'], undefined, '2026-03-01', 'UTC')).toEqual({ from: undefined, to: utc('2026-03-02T00:00:00Z') });
  });

  it('refuses reversed ranges and junk', () => {
    expect(() => parseDateRange(['due_from', 'due_to'], '2026-03-05', '2026-03-01', 'UTC')).toThrow(
      'due_from (2026-03-05) must be before due_to (2026-03-01).',
    );
    expect(() => parseDateBound('due_from', 'next friday', 'from', 'UTC')).toThrow(/^due_from 'next friday' is not a date/);
  });

  it.each(['9999-12-31', '1969-12-31', '2101-01-01'])('refuses %s (outside 1970–2100) with a sentence, not a RangeError', (day) => {
    expect(() => parseDateBound('due_from', day, 'from', 'Europe/Berlin')).toThrow(
      new DomainError(`due_from '${day}' is out of range: use a date between 1970-01-01 and 2100-12-31.`),
    );
    expect(() => parseDateBound('due_to', day, 'to', 'Pacific/Kiritimati')).toThrow(DomainError);
    expect(() => parseDueDate(day, undefined, 'UTC')).toThrow(/^due_date '.*' is out of range/);
  });
});

describe('parseEstimate', () => {
  it.each<[string, number | null]>([
    ['90', 90 * MIN],
    ['2h 30m', 150 * MIN],
    ['1.5h', 90 * MIN],
    ['1:30', 90 * MIN],
    ['none', null],
    ['0', null],
  ])('%p is %p', (value, ms) => {
    expect(parseEstimate(value)).toBe(ms);
  });

  it('refuses what it cannot read', () => {
    expect(() => parseEstimate('a while')).toThrow(/^estimate 'a while' is not a duration/);
  });

  it('refuses estimates ClickUp would store but no one means (999,999,999,999 minutes)', () => {
    expect(() => parseEstimate('999999999999')).toThrow(/^estimate '999999999999' is longer than 10,000 hours/);
    expect(() => parseEstimate('10001h')).toThrow(DomainError);
    expect(parseEstimate('10000h')).toBe(10_000 * 60 * MIN);
  });
});

describe('priorities', () => {
  it.each<[number | null, string | null]>([
    [1, 'urgent'],
    [2, 'high'],
    [3, 'normal'],
    [4, 'low'],
    [null, null],
    [0, null],
    [9, null],
  ])('%p is %p', (n, name) => {
    expect(priorityName(n)).toBe(name);
    if (name) expect(priorityNumber(name as 'urgent')).toBe(n);
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2026-13-01', false],
    ['2026-1-1', false],
  ])('%s → %p', (s, ok) => {
    expect(isCalendarDate(s as string)).toBe(ok);
  });
});
