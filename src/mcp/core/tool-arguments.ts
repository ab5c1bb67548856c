import { z } from 'zod';
import { suggestName } from '../../common/names/name-matcher';
import { stripNulDeep } from '../../common/text/strip-nul';

/**
 * Every tool's arguments pass through here before its handler runs (ToolRegistrarService), so
 * what a confused or small model sends is either understood or refused with one sentence it can
 * act on — for every tool, including ones added later:
 * - a JSON string where an object belongs is parsed; null means "no arguments";
 * - an unknown key is refused with the argument it probably meant ("did you mean 'assignee'?"),
 *   never silently dropped (a dropped filter is a confident wrong answer);
 * - null for an optional argument means "not given";
 * - NUL characters are removed from every string (PostgreSQL text cannot hold them);
 * - a schema violation names the argument and what it wants, not zod's internal wording.
 */

export type ArgumentsVerdict = { ok: true; args: Record<string, unknown> } | { ok: false; message: string };

type AnyObjectSchema = z.ZodObject;

export function parseToolArguments(toolName: string, schema: AnyObjectSchema, raw: unknown): ArgumentsVerdict {
  const object = asArgumentObject(raw);
  if (typeof object === 'string') return { ok: false, message: object };
  const args = stripNulDeep(object);
  const shape = schema.shape as Record<string, z.ZodType>;
  const known = Object.keys(shape);

  const unknown = Object.keys(args).filter((k) => !Object.prototype.hasOwnProperty.call(shape, k));
  if (unknown.length) return { ok: false, message: unknownArgumentsMessage(toolName, unknown, known) };

  const given: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    if (v === null && !shape[k].safeParse(null).success && shape[k].safeParse(undefined).success) continue;
    given[k] = v;
  }
  const parsed = schema.safeParse(given, { reportInput: true });
  if (parsed.success) return { ok: true, args: parsed.data as Record<string, unknown> };
  const issues = parsed.error.issues;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return { ok: false, message: `${describeIssue(issues[0], shape)}${more}.` };
}

/**
 * The arguments as a plain object, or the sentence explaining why they are not one. Exported
 * for the protocol layer, which sees `arguments` before any tool does.
 */
export function asArgumentObject(raw: unknown): Record<string, unknown> | string {
  if (raw === undefined || raw === null) return {};
  let value = raw;
  if (typeof raw === 'string') {
    if (raw.trim() === '') return {};
    try {
      value = JSON.parse(raw);
    } catch {
      return 'arguments must be a JSON object of named arguments, e.g. {"task": "MOB-42"}; got a string that is not JSON';
    }
  }
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    return `arguments must be a JSON object of named arguments, e.g. {"task": "MOB-42"}; got ${kindOf(value)}`;
  }
  return value as Record<string, unknown>;
}

function unknownArgumentsMessage(toolName: string, unknown: string[], known: string[]): string {
  const first = clip(unknown[0]);
  const others =
    unknown.length > 1
      ? ` (also unknown: ${unknown
          .slice(1, 4)
          .map((k) => `'${clip(k)}'`)
          .join(', ')}${unknown.length > 4 ? ', …' : ''})`
      : '';
  const guess = suggestName(unknown[0], known);
  if (guess) return `unknown argument '${first}' — did you mean '${guess}'?${others}`;
  const takes = known.length ? `${toolName} takes: ${known.join(', ')}` : `${toolName} takes no arguments`;
  return `unknown argument '${first}'${others}; ${takes}.`;
}

function describeIssue(issue: z.core.$ZodIssue, shape: Record<string, z.ZodType>): string {
  const field = issue.path.length ? pathText(issue.path) : 'arguments';
  const top = typeof issue.path[0] === 'string' ? shape[issue.path[0]] : undefined;
  const about = top && issue.path.length === 1 ? fieldDescription(top) : null;
  const hint = about ? ` — ${about.replace(/\.$/, '')}` : '';
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined && issue.path.length === 1) return `missing required argument '${field}'${hint}`;
      return `argument '${field}' must be ${expectedText(issue.expected)}, not ${kindOf(input)}${hint}`;
    case 'invalid_value':
      return `argument '${field}' must be one of: ${issue.values.map((v) => String(v)).join(', ')}${input !== undefined ? ` (got ${shortValue(input)})` : ''}`;
    case 'too_big':
      return `argument '${field}' ${boundText('at most', issue.origin, Number(issue.maximum), issue.inclusive !== false)}${hint}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return `argument '${field}' must not be empty${hint}`;
      return `argument '${field}' ${boundText('at least', issue.origin, Number(issue.minimum), issue.inclusive !== false)}${hint}`;
    case 'invalid_format':
      return isZodDefault(issue.message)
        ? `argument '${field}' has the wrong format${hint}`
        : `argument '${field}': ${issue.message.replace(/\.$/, '')}`;
    case 'invalid_union':
      return `argument '${field}' is ${kindOf(input)}, which it cannot be${hint}`;
    case 'custom':
      return `argument '${field}': ${issue.message.replace(/\.$/, '')}`;
    default:
      return `argument '${field}' is not valid${hint}`;
  }
}

function boundText(word: string, origin: string, n: number, inclusive: boolean): string {
  const value = inclusive ? n : word === 'at most' ? n - 1 : n + 1;
  if (origin === 'string') return `must be ${word} ${value} character${value === 1 ? '' : 's'} long`;
  if (origin === 'array' || origin === 'set') return `must have ${word} ${value} item${value === 1 ? '' : 's'}`;
  return inclusive ? `must be ${word} ${n}` : `must be ${word === 'at most' ? 'less' : 'more'} than ${n}`;
}

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list (JSON array)',
  object: 'an object',
  bigint: 'a whole number',
  date: 'a date',
  null: 'null',
};
const expectedText = (e: string) => EXPECTED[e] ?? e;

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return Number.isInteger(v) ? 'a whole number' : 'a fraction';
  if (typeof v === 'boolean') return 'true/false';
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

function shortValue(v: unknown): string {
  return typeof v === 'string' ? `'${clip(v, 40)}'` : kindOf(v);
}

const isZodDefault = (m: string) => /^Invalid\b/.test(m);

function pathText(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${clip(String(p), 60)}`)).join('');
}

/** The field's `.describe()` text, looking through optional/default/nullable wrappers. */
function fieldDescription(s: z.ZodType): string | null {
  let cur: z.ZodType | undefined = s;
  for (let i = 0; cur && i < 6; i++) {
    if (cur.description) return cur.description;
    const def = cur._zod.def as { innerType?: z.ZodType; in?: z.ZodType };
    cur = def.innerType ?? def.in;
  }
  return null;
}

const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n)}…` : s);
