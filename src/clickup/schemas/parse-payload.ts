import { z } from 'zod';
import { ClickupPayloadError } from '../clickup.errors';
import type { SkippedItem } from '../clickup.types';

/** At most this many issues are listed; one broken page can otherwise produce thousands. */
const MAX_ISSUES = 20;

/** ['tasks', 3, 'date_updated'] → 'tasks[3].date_updated' */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

export function formatIssue(issue: z.core.$ZodIssue): string {
  return `${formatIssuePath(issue.path)}: ${issue.message.replace(/^Invalid input: /, '')}`;
}

/**
 * Validates a response body at the boundary. `endpoint` is the template
 * (`GET /team/{team_id}/task`), so the error says which call and which field broke
 * without echoing ids, values or credentials.
 */
export function parsePayload<S extends z.ZodType>(schema: S, data: unknown, endpoint: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new ClickupPayloadError(endpoint, result.error.issues.slice(0, MAX_ISSUES).map(formatIssue));
}

/** The `id` of a raw listing item, when it has a usable one (for reports about an item we could not parse). */
export function rawItemId(item: unknown): string | null {
  if (item === null || typeof item !== 'object') return null;
  const value = (item as Record<string, unknown>).id;
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return null;
}

/**
 * Parses a listing item by item: one record ClickUp sends in a shape we cannot read (a field the
 * spec allows but we did not expect, or plain garbage) must not cost the other 99 of its page, nor
 * fail the page on every run. The bad ones come back as SkippedItems naming id, field and reason.
 */
export function parseListingItems<S extends z.ZodType>(
  schema: S,
  items: readonly unknown[],
  endpoint: string,
): { items: z.output<S>[]; skipped: SkippedItem[] } {
  const good: z.output<S>[] = [];
  const skipped: SkippedItem[] = [];
  items.forEach((item, index) => {
    const result = schema.safeParse(item);
    if (result.success) {
      good.push(result.data);
      return;
    }
    const first = result.error.issues[0];
    skipped.push({
      endpoint,
      index,
      id: rawItemId(item),
      field: first ? formatIssuePath(first.path) : '(root)',
      reason: first ? first.message.replace(/^Invalid input: /, '') : 'unreadable',
    });
  });
  return { items: good, skipped };
}
