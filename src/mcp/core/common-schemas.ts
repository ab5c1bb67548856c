import { z } from 'zod';
import { DATE_RANGE_TEXT, isSupportedDay, MAX_ESTIMATE_MS, MAX_ESTIMATE_TEXT } from '../../common/limits';

/** Every read result says how fresh and how complete its data is, and whether it comes from the demo sandbox. */
export const metaShape = {
  data_as_of: z.string().nullable().describe('End of the last successful sync (ISO 8601); null before the first sync.'),
  data_complete: z.boolean().describe('False until a first full sync has succeeded: numbers are then incomplete.'),
  // e.g. "first sync in progress: 3,400 of ~100,000 tasks read — numbers are incomplete"
  data_warning: z.string().nullable().describe('While data_complete is false: how far the first sync is. Null once complete.'),
  demo: z.boolean().describe('True when the data comes from the local demo sandbox, not a real ClickUp workspace.'),
};

/** Defined beside the duration helpers (domain results carry durations too). */
export { durationSchema } from '../../common/time/duration';

/** A capped list: never silently cut. */
export const pageShape = {
  total: z.number().int().describe('How many items match in all.'),
  truncated: z.boolean().describe('True when only the first `limit` items are returned.'),
};

/** Flat input fields shared by listing tools. */
export const limitField = (def: number, max: number) =>
  z.number().int().min(1).max(max).default(def).describe(`Maximum items to return (1–${max}, default ${def}).`);
export const offsetField = z.number().int().min(0).max(1_000_000).default(0).describe('Items to skip (paging).');

/** Name-or-id argument: bounded length so a huge string is a clean validation error. */
export const nameOrId = (what: string) =>
  z.string().trim().min(1).max(200).describe(`${what}: id or name (case-insensitive; a unique prefix works).`);

/**
 * Date and number fields for new tools, bounded to what ClickUp and PostgreSQL hold
 * (src/common/limits.ts), so an absurd value is a clean argument error, not a RangeError later.
 */
export const dayField = (what: string) =>
  z
    .string()
    .trim()
    .max(10)
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
    .refine(isSupportedDay, `use a real calendar day ${DATE_RANGE_TEXT}`)
    .describe(`${what}: YYYY-MM-DD.`);
export const estimateMinutesField = (what: string) =>
  z
    .number()
    .positive()
    .max(MAX_ESTIMATE_MS / 60_000)
    .describe(`${what}: minutes (at most ${MAX_ESTIMATE_TEXT}).`);
