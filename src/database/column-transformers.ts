import { ValueTransformer } from 'typeorm';

/**
 * node-postgres returns bigint as string (to avoid precision loss). Every bigint we store —
 * ClickUp user ids, millisecond durations — is far below 2^53, so numbers are safe and simpler.
 */
export const bigintNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? v : Number(v)),
};

export const bigintNumberArray: ValueTransformer = {
  to: (v: number[] | null | undefined) => v,
  from: (v: (string | number)[] | null) => (v == null ? v : v.map(Number)),
};

export const numericNumber: ValueTransformer = bigintNumber;
