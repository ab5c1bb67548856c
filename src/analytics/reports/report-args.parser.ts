import { z } from 'zod';
import { DomainError } from '../../common/errors/domain-error';
import { closest } from '../../common/names/name-matcher';

/**
 * Report arguments that arrive as strings (REST query parameters, CLI flags): coerced by the
 * field's declared type, then validated by the same zod schema the MCP tool uses. Unknown names
 * and bad values are one actionable sentence each.
 */
export function parseReportArgs<T extends z.ZodRawShape>(
  schema: z.ZodObject<T>,
  raw: Record<string, unknown>,
  what = 'parameter',
): z.output<z.ZodObject<T>> {
  const shape = schema.shape as unknown as Record<string, z.ZodType>;
  const known = Object.keys(shape);
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in shape)) {
      const near = closest(
        key,
        known.map((k) => ({ id: k, name: k })),
        1,
      )[0];
      throw new DomainError(`Unknown ${what} '${key}'${near ? ` — did you mean '${near.id}'?` : ''} Accepted: ${known.join(', ')}.`);
    }
    input[key] = coerce(shape[key], value);
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.join('.') || what;
  throw new DomainError(`Invalid ${what} '${field}': ${issue.message}.`);
}

function baseType(t: z.ZodType): string {
  let cur: z.ZodType = t;
  // Optional/default/nullable wrappers keep the declared type in `def.innerType`.
  for (let i = 0; i < 5; i++) {
    const def = (cur as unknown as { def: { type: string; innerType?: z.ZodType } }).def;
    if (def.innerType && ['optional', 'default', 'nullable', 'prefault'].includes(def.type)) cur = def.innerType;
    else return def.type;
  }
  return 'unknown';
}

function coerce(t: z.ZodType, value: unknown): unknown {
  const v = Array.isArray(value) ? value[value.length - 1] : value;
  if (typeof v !== 'string') return v;
  const type = baseType(t);
  if (type === 'number') return /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v;
  if (type === 'boolean') return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v;
  return v;
}
