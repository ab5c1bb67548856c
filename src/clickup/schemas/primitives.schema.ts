import { z } from 'zod';

/**
 * Drift-tolerant scalars. ClickUp's JSON types wander (ms timestamps as strings or numbers,
 * ids as numbers in one response and strings in the next, nulls since the mobile app), so
 * each helper accepts every spelling seen in practice, normalises it, and rejects anything
 * else with a short message that ends up after the field path in ClickupPayloadError.
 */

const INVALID = Symbol('invalid');
type Invalid = typeof INVALID;

function coerce<T>(message: string, convert: (value: unknown) => T | Invalid) {
  // `.optional()` so an absent key still reaches `convert` (zod 4 would otherwise reject it
  // with a generic "expected nonoptional" before our message could say what was expected).
  return z
    .unknown()
    .optional()
    .transform((value, ctx): T => {
      const out = convert(value);
      if (out === INVALID) {
        ctx.addIssue({ code: 'custom', message, input: value });
        return z.NEVER;
      }
      return out;
    });
}

const isBlank = (v: unknown): boolean => v === null || v === undefined || v === '';
const INTEGER_STRING = /^-?\d+$/;
const DECIMAL_STRING = /^-?\d+(\.\d+)?$/;

function toInteger(value: unknown): number | Invalid {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : INVALID;
  if (typeof value === 'string' && INTEGER_STRING.test(value.trim())) {
    const n = Number(value.trim());
    return Number.isSafeInteger(n) ? n : INVALID;
  }
  return INVALID;
}

function toTimestamp(value: unknown): number | Invalid {
  const n = toInteger(value);
  return n !== INVALID && n >= 0 ? n : INVALID;
}

/** Unix ms as string or number → number. */
export const msTimestamp = coerce('expected ms timestamp', toTimestamp);

/** Unix ms, or null when null/absent/empty. */
export const msTimestampOrNull = coerce('expected ms timestamp or null', (v) => (isBlank(v) ? null : toTimestamp(v)));

/** A signed ms duration ("-25655" for a running timer) as string or number → number. */
export const signedMs = coerce('expected ms duration', toInteger);

/** Integer as number or numeric string → number; null when null/absent/empty. */
export const integerOrNull = coerce('expected integer or null', (v) => (isBlank(v) ? null : toInteger(v)));

/**
 * A ms duration the spec types as `number` (time_estimate, time_spent): ClickUp may send a
 * fraction (1.2). We store whole ms, so it is rounded to the nearest ms with Math.round (halves
 * up): sub-millisecond precision means nothing for an estimate, and an integer column keeps every
 * sum exact. Numeric strings are accepted too; null when null/absent/empty.
 */
export const roundedMsOrNull = coerce('expected ms duration or null', (v) => {
  if (isBlank(v)) return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && DECIMAL_STRING.test(v.trim()) ? Number(v.trim()) : NaN;
  if (!Number.isFinite(n)) return INVALID;
  const rounded = Math.round(n);
  return Number.isSafeInteger(rounded) ? rounded : INVALID;
});

/** Decimal as number or numeric string (e.g. sprint points) → number; null when absent. */
export const numberOrNull = coerce('expected number or null', (v) => {
  if (isBlank(v)) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : INVALID;
  if (typeof v === 'string' && DECIMAL_STRING.test(v.trim())) return Number(v.trim());
  return INVALID;
});

function toId(value: unknown): string | Invalid {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return INVALID;
}

/** Workspace/space/folder/list/task/entry ids: strings, sometimes sent as numbers → string. */
export const id = coerce('expected id', toId);

export const idOrNull = coerce('expected id or null', (v) => (isBlank(v) ? null : toId(v)));

/** User ids are integers (sometimes sent as numeric strings) → number. */
export const userId = coerce('expected user id', (v) => {
  const n = toInteger(v);
  return n !== INVALID && n >= 0 ? n : INVALID;
});

export const userIdOrNull = coerce('expected user id or null', (v) => {
  if (isBlank(v)) return null;
  const n = toInteger(v);
  return n !== INVALID && n >= 0 ? n : INVALID;
});

/** Free text that may be null/absent; numbers are stringified (colors, labels drift). */
export const textOrNull = coerce('expected string or null', (v) => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return INVALID;
});

function toBoolean(value: unknown): boolean | Invalid {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 1) return true;
  if (value === 'false' || value === 0) return false;
  return INVALID;
}

/** Boolean, with a default when null/absent. */
export function flag(defaultValue: boolean) {
  return coerce('expected boolean', (v) => (v === null || v === undefined ? defaultValue : toBoolean(v)));
}

export const flagOrNull = coerce('expected boolean or null', (v) => (v === null || v === undefined ? null : toBoolean(v)));

/** Array that may be null/absent → []. */
export function listOf<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((v): z.output<T>[] => v ?? []);
}

/**
 * Array that may be null/absent → [], keeping only the elements that parse. For embedded lists a
 * record can do without (a space's members, a status set): an element the spec allows to lack
 * what we need (a member without a user id, a status without a name) is dropped, not fatal.
 */
export function validItemsOf<T extends z.ZodType>(item: T) {
  return z
    .array(z.unknown())
    .nullish()
    .transform((v): z.output<T>[] => {
      const out: z.output<T>[] = [];
      for (const element of v ?? []) {
        const parsed = item.safeParse(element);
        if (parsed.success) out.push(parsed.data);
      }
      return out;
    });
}

/** Object that may be null/absent → null. */
export function optionalObject<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v): z.output<T> | null => v ?? null);
}

/** JSON object (kept verbatim), e.g. the raw payload retained for storage. */
export type RawObject = Record<string, unknown>;

/**
 * Parses with `shape`, then maps the parsed fields and attaches the untouched input as
 * `raw`. Issues from `shape` keep their paths, so errors still point at e.g.
 * `tasks[3].date_updated`.
 */
export function withRaw<S extends z.ZodType, T>(shape: S, map: (parsed: z.output<S>, raw: RawObject) => T) {
  return z
    .unknown()
    .optional()
    .transform((input, ctx): T => {
      const result = shape.safeParse(input);
      if (!result.success) {
        for (const issue of result.error.issues) ctx.addIssue({ ...issue } as Parameters<typeof ctx.addIssue>[0]);
        return z.NEVER;
      }
      return map(result.data, input as RawObject);
    });
}
