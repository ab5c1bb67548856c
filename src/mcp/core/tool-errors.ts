/**
 * A problem the caller can fix (bad argument, unknown name, ClickUp refusing a write). Its
 * message is shown to the model verbatim, so it is one actionable sentence — never SQL, a stack
 * trace or a secret. Anything else thrown inside a tool is an internal error, logged and
 * answered with a generic message and a reference id.
 */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolError';
  }
}

export interface Candidate {
  id: string | number;
  name: string;
}

/** "No space matches 'mobil'. Did you mean: Mobile (901510000001), …?" */
export function notFoundError(kind: string, given: string, candidates: Candidate[], hint = ''): ToolError {
  const list = candidates.slice(0, 8).map((c) => `${c.name} (${c.id})`).join(', ');
  return new ToolError(
    `No ${kind} matches '${truncate(given)}'.${list ? ` Did you mean: ${list}?` : ` There are no ${kind}s to choose from.`}${hint ? ` ${hint}` : ''}`,
  );
}

export function ambiguousError(kind: string, given: string, candidates: Candidate[]): ToolError {
  const list = candidates.slice(0, 8).map((c) => `${c.name} (${c.id})`).join(', ');
  return new ToolError(`'${truncate(given)}' matches ${candidates.length} ${kind}s: ${list}. Pass the id or a more specific name.`);
}

export function truncate(s: string, n = 80): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
