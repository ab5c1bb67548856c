import { z } from 'zod';
import { ClickupPayloadError } from '../clickup.errors';

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
