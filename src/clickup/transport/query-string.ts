/**
 * Query and path encoding for ClickUp. Built by hand rather than by axios' serializer so
 * the wire format is exactly what ClickUp documents and is unit-tested:
 * - arrays in bracket form: `statuses[]=a&statuses[]=b` (brackets kept literal, values encoded)
 * - booleans as `true`/`false`, numbers as plain decimals (ms timestamps are integers)
 * - undefined/null values and empty arrays are omitted, so "not set" never becomes a filter
 */

export type QueryScalar = string | number | boolean;
export type QueryValue = QueryScalar | readonly QueryScalar[] | null | undefined;
export type QueryParams = Record<string, QueryValue>;

function encodeScalar(value: QueryScalar): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError(`query value must be a finite number (got ${value})`);
  }
  return encodeURIComponent(String(value));
}

/** Encodes params in insertion order. Keys ending in `[]` take arrays; others take scalars. */
export function encodeQuery(params: QueryParams): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    const encodedKey = encodeURIComponent(key.replace(/\[\]$/, '')) + (key.endsWith('[]') ? '[]' : '');
    if (Array.isArray(value)) {
      if (!key.endsWith('[]')) {
        throw new TypeError(`query param "${key}" takes a single value; array params end in []`);
      }
      for (const item of value as readonly QueryScalar[]) parts.push(`${encodedKey}=${encodeScalar(item)}`);
    } else {
      parts.push(`${encodedKey}=${encodeScalar(value as QueryScalar)}`);
    }
  }
  return parts.join('&');
}

/**
 * Fills `{name}` placeholders in an endpoint template with URL-encoded values. The template
 * itself (not the filled path) is what logs, stats and errors show: it names the endpoint
 * without leaking ids into metric keys.
 */
export function fillPath(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{([A-Za-z_]+)\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined || value === '') {
      throw new TypeError(`missing path parameter "${name}" for ${template}`);
    }
    return encodeURIComponent(String(value));
  });
}
