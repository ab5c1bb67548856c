/**
 * A problem the caller can fix, raised by domain code (services, resolvers, parsers). Its
 * message is one actionable sentence that is shown verbatim — never SQL, a stack trace or a
 * secret. The adapters map it in one place each: MCP to a tool error, REST to an HTTP status
 * chosen by `kind`. Anything else thrown is an internal error, logged with a reference id.
 */
export type DomainErrorKind =
  /** A bad argument value (400). */
  | 'invalid'
  /** A name or id that matches nothing (404). */
  | 'not_found'
  /** A name that matches several things (400, candidates in the message). */
  | 'ambiguous'
  /** A clash with existing state, such as a duplicate alias (409). */
  | 'conflict'
  /** The data is not there yet: nothing synced, or the first sync is still running (503). */
  | 'not_ready';

export class DomainError extends Error {
  constructor(
    message: string,
    readonly kind: DomainErrorKind = 'invalid',
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export interface Candidate {
  id: string | number;
  name: string;
}

/** "No space matches 'mobil'. Did you mean: Mobile (901510000001), …?" */
export function notFoundError(kind: string, given: string, candidates: Candidate[], hint = ''): DomainError {
  const list = candidates
    .slice(0, 8)
    .map((c) => `${c.name} (${c.id})`)
    .join(', ');
  return new DomainError(
    `No ${kind} matches '${truncate(given)}'.${list ? ` Did you mean: ${list}?` : ` There are no ${kind}s to choose from.`}${hint ? ` ${hint}` : ''}`,
    'not_found',
  );
}

export function ambiguousError(kind: string, given: string, candidates: Candidate[]): DomainError {
  const list = candidates
    .slice(0, 8)
    .map((c) => `${c.name} (${c.id})`)
    .join(', ');
  return new DomainError(`'${truncate(given)}' matches ${candidates.length} ${kind}s: ${list}. Pass the id or a more specific name.`, 'ambiguous');
}

export function truncate(s: string, n = 80): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
