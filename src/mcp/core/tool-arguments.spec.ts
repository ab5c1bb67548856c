import { z } from 'zod';
import { dayField, estimateMinutesField } from './common-schemas';
import { asArgumentObject, parseToolArguments } from './tool-arguments';

const getTasks = z.object({
  list: z.string().trim().min(1).max(200).optional().describe('Limit to this list: id or name.'),
  assignee: z.string().trim().min(1).max(200).optional().describe('Only tasks assigned to this person: member name, email or id.'),
  statuses: z.array(z.string().max(100)).max(20).optional().describe('Only these status names.'),
  order_by: z.enum(['updated', 'due']).default('updated').describe('Sort order.'),
  limit: z.number().int().min(1).max(200).default(50).describe('Maximum items to return (1–200, default 50).'),
  include_closed: z.boolean().default(false).describe('Include finished tasks.'),
});
const getTask = z.object({ task: z.string().trim().min(1).max(200).describe('Task id, custom id (e.g. MOB-42) or exact task name.') });
const dueDate = z.object({
  due_date: z
    .string()
    .max(10)
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD')
    .optional()
    .describe('Due date.'),
});

const refused = (schema: z.ZodObject<z.ZodRawShape>, raw: unknown, tool = 'get_tasks') => {
  const v = parseToolArguments(tool, schema, raw);
  if (v.ok) throw new Error(`expected a refusal, got ${JSON.stringify(v.args)}`);
  return v.message;
};

describe('parseToolArguments', () => {
  it.each<[string, z.ZodObject<z.ZodRawShape>, unknown, string]>([
    ['an unknown key with a near miss', getTasks, { assignee_name: 'Tara' }, "unknown argument 'assignee_name' — did you mean 'assignee'?"],
    ['a camelCase key', getTasks, { includeClosed: true }, "unknown argument 'includeClosed' — did you mean 'include_closed'?"],
    ['an unknown key with no near miss', getTask, { colour: 'red' }, "unknown argument 'colour'; get_tasks takes: task."],
    [
      'several unknown keys',
      getTask,
      { assignee_name: 'x', foo: 1, bar: 2 },
      "unknown argument 'assignee_name' (also unknown: 'foo', 'bar'); get_tasks takes: task.",
    ],
    ['a key on a tool without arguments', z.object({}), { kind: 'full' }, "unknown argument 'kind'; get_tasks takes no arguments."],
    ['a missing required field', getTask, {}, "missing required argument 'task' — Task id, custom id (e.g. MOB-42) or exact task name."],
    [
      'a number as a string',
      getTasks,
      { limit: 'ten' },
      "argument 'limit' must be a number, not a string — Maximum items to return (1–200, default 50).",
    ],
    [
      'a fraction for an integer',
      getTasks,
      { limit: 1.5 },
      "argument 'limit' must be a whole number, not a fraction — Maximum items to return (1–200, default 50).",
    ],
    ['a number above the maximum', getTasks, { limit: 5000 }, "argument 'limit' must be at most 200 — Maximum items to return (1–200, default 50)."],
    ['a number below the minimum', getTasks, { limit: 0 }, "argument 'limit' must be at least 1 — Maximum items to return (1–200, default 50)."],
    ['an enum miss', getTasks, { order_by: 'priority' }, "argument 'order_by' must be one of: updated, due (got 'priority')."],
    ['an empty string', getTask, { task: '   ' }, "argument 'task' must not be empty — Task id, custom id (e.g. MOB-42) or exact task name."],
    [
      'a string that is too long',
      getTask,
      { task: 'x'.repeat(201) },
      "argument 'task' must be at most 200 characters long — Task id, custom id (e.g. MOB-42) or exact task name.",
    ],
    ['a wrong array element', getTasks, { statuses: ['ok', 7] }, "argument 'statuses[1]' must be a string, not a whole number."],
    [
      'a string for an array',
      getTasks,
      { statuses: 'done' },
      "argument 'statuses' must be a list (JSON array), not a string — Only these status names.",
    ],
    ['a custom format message', dueDate, { due_date: 'tomorrow' }, "argument 'due_date': use YYYY-MM-DD."],
    [
      'two problems at once',
      getTasks,
      { limit: 'x', include_closed: 'yes' },
      "argument 'limit' must be a number, not a string — Maximum items to return (1–200, default 50) (and 1 more problem).",
    ],
  ])('%s', (_why, schema, raw, message) => {
    expect(refused(schema, raw)).toBe(message);
  });

  it('parses a JSON string given where an object belongs, and treats null/"" as no arguments', () => {
    expect(parseToolArguments('get_task', getTask, '{"task":"MOB-1"}')).toEqual({ ok: true, args: { task: 'MOB-1' } });
    expect(parseToolArguments('get_tasks', getTasks, null)).toEqual({ ok: true, args: { order_by: 'updated', limit: 50, include_closed: false } });
    expect(parseToolArguments('get_tasks', getTasks, '')).toMatchObject({ ok: true });
    expect(parseToolArguments('get_tasks', getTasks, 'null')).toMatchObject({ ok: true });
  });

  it.each<[unknown, string]>([
    [[1, 2], 'got a list'],
    [42, 'got a whole number'],
    [true, 'got true/false'],
    ['not json', 'got a string that is not JSON'],
    ['[1]', 'got a list'],
    ['"just a string"', 'got a string'],
  ])('refuses non-object arguments %j in one sentence', (raw, tail) => {
    expect(refused(getTasks, raw)).toBe(`arguments must be a JSON object of named arguments, e.g. {"task": "MOB-42"}; ${tail}`);
  });

  it('null for an optional argument means "not given"; null for a required one is still missing', () => {
    expect(parseToolArguments('get_tasks', getTasks, { list: null, limit: null })).toEqual({
      ok: true,
      args: { order_by: 'updated', limit: 50, include_closed: false },
    });
    expect(refused(getTask, { task: null })).toBe(
      "argument 'task' must be a string, not null — Task id, custom id (e.g. MOB-42) or exact task name.",
    );
  });

  it('strips NUL characters from every string, keys included, before validating', () => {
    expect(parseToolArguments('get_task', getTask, { task: 'MOB\u0000-1' })).toEqual({ ok: true, args: { task: 'MOB-1' } });
    expect(parseToolArguments('get_task', getTask, { ['ta\u0000sk']: 'x' })).toEqual({ ok: true, args: { task: 'x' } });
    expect(parseToolArguments('get_tasks', getTasks, { statuses: ['in\u0000 review'] })).toMatchObject({
      ok: true,
      args: { statuses: ['in review'] },
    });
  });

  it('prototype-looking keys are just unknown arguments', () => {
    expect(refused(getTask, JSON.parse('{"__proto__": {"task": "x"}, "task": "y"}'))).toMatch(/^unknown argument '__proto__'/);
    expect(refused(getTask, { constructor: 'x', task: 'y' })).toMatch(/^unknown argument 'constructor'/);
  });

  it('asArgumentObject passes objects through untouched', () => {
    const o = { a: 1 };
    expect(asArgumentObject(o)).toBe(o);
    expect(asArgumentObject(undefined)).toEqual({});
  });
});

describe('shared bounded fields', () => {
  const schema = z.object({ day: dayField('Day').optional(), estimate: estimateMinutesField('Estimate').optional() });
  it.each<[unknown, string]>([
    [{ day: '9999-12-31' }, "argument 'day': use a real calendar day between 1970-01-01 and 2100-12-31."],
    [{ day: '2026-02-30' }, "argument 'day': use a real calendar day between 1970-01-01 and 2100-12-31."],
    [{ day: 'tomorrow' }, "argument 'day': use YYYY-MM-DD (and 1 more problem)."],
    [{ estimate: 999_999_999_999 }, "argument 'estimate' must be at most 600000 — Estimate: minutes (at most 10,000 hours)."],
  ])('%j', (raw, message) => {
    expect(refused(schema, raw)).toBe(message);
  });
  it('accepts sane values', () => {
    expect(parseToolArguments('x', schema, { day: '2028-02-29', estimate: 90 })).toEqual({ ok: true, args: { day: '2028-02-29', estimate: 90 } });
  });
});
