import { Transform } from 'class-transformer';

/**
 * Query-string values arrive as text. These turn the accepted spellings into typed values and
 * leave anything else as it is, so the validator rejects it by name instead of guessing.
 */

/** 'true'/'1' → true, 'false'/'0' → false. */
export function QueryBoolean(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (value === 'true' || value === '1' || value === true) return true;
    if (value === 'false' || value === '0' || value === false) return false;
    return value;
  });
}

/** A decimal integer ('20') → 20. */
export function QueryInt(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value));
}
