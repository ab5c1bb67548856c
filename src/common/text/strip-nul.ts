/**
 * PostgreSQL text and jsonb cannot hold U+0000 ("invalid byte sequence for encoding UTF8: 0x00",
 * "unsupported Unicode escape sequence"), yet JSON carries it happily: a model's tool argument or
 * any ClickUp client's task name can contain one. Every string that may reach the database
 * passes through here first. NUL carries no meaning in any field we store, so it is dropped.
 */

const NUL = '\u0000';

export function stripNul(s: string): string {
  return s.includes(NUL) ? s.split(NUL).join('') : s;
}

/**
 * The same value with NUL removed from every string (keys included) inside plain objects and
 * arrays. Returns the very same reference when there was nothing to remove, so the common case
 * allocates nothing. Dates, numbers and class instances other than plain objects pass untouched.
 */
export function stripNulDeep<T>(value: T): T {
  return clean(value, 0) as T;
}

/** Deeper than any payload we store; a cycle or a hostile nesting stops here instead of overflowing the stack. */
const MAX_DEPTH = 64;

function clean(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return stripNul(value);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v = clean(value[i], depth + 1);
      if (v !== value[i]) {
        out ??= value.slice();
        out[i] = v;
      }
    }
    return out ?? value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let out: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(value)) {
    const ck = stripNul(k);
    const cv = clean(v, depth + 1);
    if (ck !== k || cv !== v) {
      out ??= { ...(value as Record<string, unknown>) };
      if (ck !== k) delete out[k];
      out[ck] = cv;
    }
  }
  return out ?? value;
}
