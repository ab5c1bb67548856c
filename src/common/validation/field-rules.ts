import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidationArguments,
} from 'class-validator';
import { QueryBoolean, QueryInt } from './query-transforms';

/**
 * Validation rules shared by the REST DTOs, each with one message that says what is expected,
 * whichever part of the rule failed (`limit must be an integer from 1 to 200`).
 */

const say = (what: string) => ({ message: (a: ValidationArguments) => `${a.property} must be ${what}` });

/** An integer in [min, max]; query strings are converted. */
export function IntRange(min: number, max: number): PropertyDecorator {
  const m = say(`an integer from ${min} to ${max}`);
  return applyDecorators(QueryInt(), IsInt(m), Min(min, m), Max(max, m));
}

/** true or false; the query-string spellings true/false/1/0 are converted. */
export function Flag(): PropertyDecorator {
  return applyDecorators(QueryBoolean(), IsBoolean(say('true or false')));
}

const trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** A non-empty string of at most `max` characters, trimmed. */
export function Text(max: number): PropertyDecorator {
  const m = say(`a non-empty text of at most ${max} characters`);
  return applyDecorators(trim(), IsString(m), IsNotEmpty(m), MaxLength(max, m));
}

/** A list of at most `count` non-empty strings of at most `max` characters each, trimmed. */
export function TextList(count: number, max: number): PropertyDecorator {
  const m = say(`a list of at most ${count} non-empty texts of at most ${max} characters`);
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.trim() : v)) : value)),
    IsArray(m),
    ArrayMaxSize(count, m),
    IsString({ ...m, each: true }),
    IsNotEmpty({ ...m, each: true }),
    MaxLength(max, { ...m, each: true }),
  );
}

/** A duration: minutes as a JSON number in (0, maxMinutes], or a text like "1h 30m" (parsed by the service). */
export function DurationInput(maxMinutes: number): PropertyDecorator {
  return ValidateBy({
    name: 'durationInput',
    validator: {
      validate: (v: unknown) =>
        (typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= maxMinutes) ||
        (typeof v === 'string' && v.trim().length >= 1 && v.trim().length <= 60),
      defaultMessage: (a?: ValidationArguments) =>
        `${a?.property ?? 'duration'} must be minutes (a number up to ${maxMinutes}) or a text like "1h 30m"`,
    },
  });
}

/** A string of at most `max` characters (may be empty). */
export function AnyText(max: number): PropertyDecorator {
  const m = say(`a text of at most ${max} characters`);
  return applyDecorators(IsString(m), MaxLength(max, m));
}

/** One of the given values. */
export function OneOf(values: readonly string[]): PropertyDecorator {
  return IsIn(values as string[], say(`one of ${values.join(', ')}`));
}

/** A calendar date YYYY-MM-DD (or, with `orNone`, the word none). */
export function CalendarDate(orNone = false): PropertyDecorator {
  const m = say(orNone ? 'a date YYYY-MM-DD or none' : 'a date YYYY-MM-DD');
  return applyDecorators(trim(), IsString(m), Matches(orNone ? /^(\d{4}-\d{2}-\d{2}|none)$/ : /^\d{4}-\d{2}-\d{2}$/, m));
}

/** A time of day HH:MM. */
export function TimeOfDay(): PropertyDecorator {
  const m = say('a time HH:MM');
  return applyDecorators(trim(), IsString(m), Matches(/^\d{2}:\d{2}$/, m));
}
