/**
 * Deepest nesting any request body of ours legitimately has (JSON-RPC envelope + tool arguments
 * + a list of objects is under 10). Parsing a 10,000-deep body is fine for JSON.parse, but every
 * recursive walk after it (logging it, validating it, serializing it) overflows the stack and
 * answered 500: such bodies are refused right after parsing, with a 400.
 */
export const MAX_JSON_DEPTH = 64;

/** True when `value` nests objects/arrays deeper than `max`. Iterative: it cannot overflow itself. */
export function jsonDepthExceeds(value: unknown, max = MAX_JSON_DEPTH): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as object)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
