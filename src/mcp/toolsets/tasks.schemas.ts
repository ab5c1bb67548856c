import { z } from 'zod';
import { STATUS_CATEGORIES } from '../../common/status-category';
import { PRIORITIES } from '../../analytics/tasks/task-inputs';
import { TaskNodeView } from '../../analytics/tasks/task-views';
import { durationSchema, limitField, offsetField } from '../core/common-schemas';

/** Input fields and output schemas shared by the tasks toolset (tasks-read / tasks-write). */

export const categoryEnum = z.enum(STATUS_CATEGORIES);
export const priorityEnum = z.enum(PRIORITIES);

const bounded = (max: number) => z.string().trim().min(1).max(max);

// ---------------------------------------------------------------- inputs

export const scopeFields = {
  space: bounded(200).optional().describe('Limit to this space: id or name (case-insensitive; a unique prefix works).'),
  folder: bounded(200).optional().describe('Limit to this folder: id or name.'),
  list: bounded(200).optional().describe('Limit to this list: id or name. Wins over folder; space narrows the name.'),
};
export const taskField = bounded(200).describe('Task id, custom id (e.g. MOB-42) or exact task name.');
export const personField = (what: string) => bounded(200).describe(`${what}: member name, email or id.`);
export const includeClosedField = z.boolean().default(false).describe('Include finished tasks (status category done or closed). Default false.');
export const includeSubtasksField = z.boolean().default(true).describe('Include subtasks. Default true.');
export const includeArchivedField = z
  .boolean()
  .default(false)
  .describe('Include archived tasks and tasks of archived lists, folders or spaces inside the scope. Default false.');
export const pageFields = (def: number, max: number) => ({ limit: limitField(def, max), offset: offsetField });
export const statusesField = z
  .array(bounded(100))
  .max(20)
  .optional()
  .describe('Only these status names (case-insensitive), e.g. ["in review", "qa"].');
export const categoryField = categoryEnum.optional().describe('Only this status category: not_started, active, done or closed.');
const day = z.string().trim().max(40);
export const dateBound = (what: string) => day.optional().describe(`${what}: YYYY-MM-DD (report time zone, inclusive) or an ISO 8601 time.`);
export const dueDateField = z
  .string()
  .trim()
  .max(10)
  .regex(/^(\d{4}-\d{2}-\d{2}|none)$/, 'use YYYY-MM-DD');
export const dueTimeField = z
  .string()
  .trim()
  .max(5)
  .regex(/^\d{2}:\d{2}$/, 'use HH:MM')
  .optional()
  .describe('Due time HH:MM (24-hour, report time zone); needs due_date.');
export const estimateField = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .optional()
  .describe('Time estimate: minutes ("90") or hours and minutes ("2h 30m", "1.5h").');
export const peopleField = (what: string) => z.array(bounded(200)).max(20).optional().describe(`${what}: member names, emails or ids.`);

// ---------------------------------------------------------------- outputs

export const refSchema = z.object({ id: z.string(), name: z.string() });
export const scopeSchema = z
  .object({ kind: z.enum(['workspace', 'space', 'folder', 'list']), id: z.string(), name: z.string() })
  .describe('What the answer covers.');
export const personSchema = z.object({ id: z.number().int(), name: z.string(), email: z.string().nullable() });

export const taskSummarySchema = z.object({
  id: z.string(),
  custom_id: z.string().nullable(),
  name: z.string(),
  status: z.string(),
  category: categoryEnum,
  priority: priorityEnum.nullable(),
  list: refSchema.describe('Home list.'),
  parent_id: z.string().nullable().describe('Set for subtasks.'),
  assignees: z.array(z.string()),
  due_date: z.string().nullable(),
  date_updated: z.string(),
  time_logged: durationSchema.describe('Direct time: entries logged on this task itself (not its subtasks).'),
  timer_running: z.boolean().describe('A timer runs on this task now (counted up to now).'),
  estimate: durationSchema.nullable(),
});

export const hintField = z.string().nullable().describe('When truncated: how to see the rest or narrow the question; null otherwise.');

export const pageOutShape = {
  total: z.number().int().describe('How many tasks match in all.'),
  truncated: z.boolean().describe('True when more tasks match than are returned (page with offset).'),
  offset: z.number().int(),
  hint: hintField,
};

export const taskNodeSchema: z.ZodType<TaskNodeView> = z.object({
  id: z.string(),
  custom_id: z.string().nullable(),
  name: z.string(),
  status: z.string(),
  category: categoryEnum,
  list: refSchema,
  assignees: z.array(z.string()),
  time: z.object({ direct: durationSchema, rollup: durationSchema.describe('Direct + all subtasks at any depth.'), running: z.boolean() }),
  estimate: z.object({ direct: durationSchema.nullable(), rollup: durationSchema }),
  subtask_count: z.number().int().describe('Direct subtasks in all.'),
  descendant_count: z.number().int().describe('Subtasks at any depth, shown or not.'),
  subtasks_truncated: z.boolean().describe('Some subtasks are not shown (depth or node limit): the counts say how many there are.'),
  get subtasks() {
    return z.array(taskNodeSchema);
  },
});

const dependencySchema = z.object({ id: z.string(), custom_id: z.string().nullable(), name: z.string(), status: z.string(), category: categoryEnum });

export const taskDetailShape = {
  id: z.string(),
  custom_id: z.string().nullable(),
  name: z.string(),
  url: z.string().nullable(),
  status: z.string(),
  category: categoryEnum,
  priority: priorityEnum.nullable(),
  archived: z.boolean(),
  description: z.string().nullable(),
  description_truncated: z.boolean(),
  assignees: z.array(personSchema),
  watchers: z.array(z.object({ id: z.number().int(), name: z.string() })),
  creator: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  tags: z.array(z.string()),
  dates: z.object({
    created: z.string(),
    updated: z.string(),
    start: z.string().nullable(),
    due: z.string().nullable(),
    done: z.string().nullable(),
    closed: z.string().nullable(),
  }),
  estimate: z.object({ direct: durationSchema.nullable(), rollup: durationSchema.describe('Own estimate + all subtasks.') }),
  time: z.object({
    direct: durationSchema.describe('Logged on this task itself.'),
    rollup: durationSchema.describe('Direct + all subtasks at any depth, in any list.'),
    running: z.boolean().describe('A timer runs on this task or a subtask (counted up to now).'),
  }),
  location: z.object({ space: refSchema, folder: refSchema.nullable(), list: refSchema }),
  extra_lists: z.array(refSchema).describe('Other lists the task was added to.'),
  parent: refSchema.nullable(),
  subtask_total: z.number().int().describe('Subtasks at any depth.'),
  subtasks_truncated: z.boolean(),
  subtasks: z.array(taskNodeSchema),
  dependencies: z.object({
    waiting_on: z.array(dependencySchema).describe('Tasks this one waits on.'),
    blocking: z.array(dependencySchema).describe('Tasks that wait on this one.'),
  }),
};

// ---------------------------------------------------------------- rendering

type Summary = z.output<typeof taskSummarySchema>;

/** "MOB-42 Fix login [in review] · Ana, Ben · due 2026-03-31 · 2h 5m" */
export function summaryLine(t: Summary): string {
  const parts = [`${t.custom_id ?? t.id} ${t.name} [${t.status}]`];
  if (t.assignees.length) parts.push(t.assignees.join(', '));
  if (t.due_date) parts.push(`due ${t.due_date.slice(0, 10)}`);
  if (t.time_logged.ms) parts.push(`${t.time_logged.human}${t.timer_running ? ' (timer running)' : ''}`);
  return parts.join(' · ');
}

export function pageFooter(o: { total: number; truncated: boolean; hint: string | null }): string {
  return o.hint ?? `${o.total} in all.`;
}

export function treeLines(nodes: TaskNodeView[], depth = 0, out: string[] = []): string[] {
  for (const n of nodes) {
    const time = n.time.rollup.ms !== n.time.direct.ms ? `${n.time.direct.human} direct, ${n.time.rollup.human} rollup` : n.time.direct.human;
    out.push(`${'  '.repeat(depth)}- ${n.custom_id ?? n.id} ${n.name} [${n.status}] ${time}${n.time.running ? ' (timer running)' : ''}`);
    treeLines(n.subtasks, depth + 1, out);
    if (n.subtasks_truncated) {
      const folded = n.descendant_count - countShown(n.subtasks);
      out.push(`${'  '.repeat(depth + 1)}… ${folded} more subtask${folded === 1 ? '' : 's'} not shown`);
    }
  }
  return out;
}

const countShown = (nodes: TaskNodeView[]): number => nodes.reduce((s, n) => s + 1 + countShown(n.subtasks), 0);

type Detail = z.output<z.ZodObject<typeof taskDetailShape>>;

/** The text a model reads first for one task: the essentials, then the subtask tree. */
export function renderDetail(o: Detail): string {
  const lines = [
    `${o.custom_id ?? o.id} ${o.name} [${o.status}, ${o.category}]${o.priority ? ` priority ${o.priority}` : ''}${o.archived ? ' (archived)' : ''}`,
    `In ${o.location.space.name}${o.location.folder ? ` › ${o.location.folder.name}` : ''} › ${o.location.list.name}${o.parent ? `; subtask of ${o.parent.name}` : ''}`,
    `Assignees: ${o.assignees.map((a) => a.name).join(', ') || 'none'}${o.tags.length ? `; tags: ${o.tags.join(', ')}` : ''}`,
    `Due ${o.dates.due ?? 'not set'}; time ${o.time.direct.human} direct, ${o.time.rollup.human} rollup${o.time.running ? ' (timer running)' : ''}; estimate ${o.estimate.direct?.human ?? 'none'} (rollup ${o.estimate.rollup.human})`,
  ];
  if (o.dependencies.waiting_on.length) lines.push(`Waiting on: ${o.dependencies.waiting_on.map((d) => `${d.name} [${d.status}]`).join(', ')}`);
  if (o.dependencies.blocking.length) lines.push(`Blocking: ${o.dependencies.blocking.map((d) => `${d.name} [${d.status}]`).join(', ')}`);
  if (o.subtasks.length)
    lines.push(`Subtasks (${o.subtask_total}${o.subtasks_truncated ? '; get_task_hierarchy shows them all' : ''}):`, ...treeLines(o.subtasks));
  if (o.description) lines.push('', o.description.length > 500 ? `${o.description.slice(0, 500)}…` : o.description);
  return lines.join('\n');
}
