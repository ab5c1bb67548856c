import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { TaskQueryService } from '../../analytics/tasks/task-query.service';
import { TaskReportService } from '../../analytics/tasks/task-report.service';
import { READ } from '../core/annotations';
import { durationSchema, limitField, metaShape, offsetField } from '../core/common-schemas';
import { AnyToolDefinition, defineTool, Toolset } from '../core/tool-definition';
import { ToolMetaService } from '../core/tool-meta.service';
import {
  categoryEnum,
  categoryField,
  dateBound,
  hintField,
  includeArchivedField,
  includeClosedField,
  includeSubtasksField,
  pageFields,
  pageFooter,
  pageOutShape,
  personField,
  personSchema,
  renderDetail,
  scopeFields,
  scopeSchema,
  statusesField,
  summaryLine,
  taskDetailShape,
  taskField,
  taskNodeSchema,
  taskSummarySchema,
  treeLines,
} from './tasks.schemas';

const categoryCounts = z.object({ not_started: z.number().int(), active: z.number().int(), done: z.number().int(), closed: z.number().int() });
const statusCountSchema = z.object({ status: z.string(), category: categoryEnum, count: z.number().int() });
const completionSchema = z.object({
  total: z.number().int(),
  finished: z.number().int(),
  completion_percent: z.number().nullable().describe('finished / total × 100 (one decimal); null without tasks.'),
});
const bounded = (max: number) => z.string().trim().min(1).max(max);
const categoryLine = (c: Record<string, number>) =>
  Object.entries(c)
    .map(([k, n]) => `${k.replace('_', ' ')} ${n}`)
    .join(', ');

/** The tasks toolset, read side: every answer comes from the synced database. */
@Injectable()
export class TasksReadTools implements Toolset {
  readonly name = 'tasks' as const;

  constructor(
    private readonly tasks: TaskQueryService,
    private readonly reports: TaskReportService,
    private readonly meta: ToolMetaService,
  ) {}

  tools(): AnyToolDefinition[] {
    const m = () => this.meta.meta();
    return [
      defineTool({
        name: 'get_tasks',
        toolset: 'tasks',
        title: 'Tasks of a list, folder or space',
        annotations: READ,
        write: false,
        description:
          'Tasks of a list, folder or space (default: whole workspace), filtered by statuses, category, assignee, due or updated dates; paged.',
        input: z.object({
          ...scopeFields,
          statuses: statusesField,
          category: categoryField,
          assignee: personField('Only tasks assigned to this person').optional(),
          due_from: dateBound('Due on or after'),
          due_to: dateBound('Due on or before'),
          updated_from: dateBound('Updated on or after'),
          updated_to: dateBound('Updated on or before'),
          include_closed: includeClosedField,
          include_subtasks: includeSubtasksField,
          include_archived: includeArchivedField,
          order_by: z
            .enum(['updated', 'created', 'due', 'priority'])
            .default('updated')
            .describe('Sort: updated (newest first, default), created, due (soonest first) or priority.'),
          ...pageFields(15, 200),
        }),
        output: z.object({ ...metaShape, scope: scopeSchema, assignee: personSchema.nullable(), ...pageOutShape, tasks: z.array(taskSummarySchema) }),
        handler: async (a) => ({ ...(await m()), ...(await this.tasks.getTasks(a)) }),
        render: (o) =>
          [
            `Tasks in ${o.scope.name}${o.assignee ? ` assigned to ${o.assignee.name}` : ''}:`,
            ...o.tasks.map((t) => `- ${summaryLine(t)}`),
            pageFooter(o),
          ].join('\n'),
      }),
      defineTool({
        name: 'get_task',
        toolset: 'tasks',
        title: 'One task in detail',
        annotations: READ,
        write: false,
        description:
          'One task by id or custom id: description, assignees, tags, dates, estimate, direct and rollup time, subtask tree, dependencies, location.',
        input: z.object({ task: taskField }),
        output: z.object({ ...metaShape, ...taskDetailShape }),
        handler: async (a) => ({ ...(await m()), ...(await this.tasks.getTask(a.task)) }),
        render: (o) => renderDetail(o),
      }),
      defineTool({
        name: 'search_tasks',
        toolset: 'tasks',
        title: 'Search tasks',
        annotations: READ,
        write: false,
        description: 'Keyword search over task names and descriptions in any scope. Every word must match; name matches rank first, then newest.',
        input: z.object({
          query: bounded(200).describe('Words to find (case-insensitive), e.g. "login timeout".'),
          ...scopeFields,
          include_closed: z.boolean().default(true).describe('Include finished tasks (done or closed). Default true.'),
          include_archived: includeArchivedField,
          ...pageFields(15, 100),
        }),
        output: z.object({
          ...metaShape,
          scope: scopeSchema,
          query: z.string(),
          ...pageOutShape,
          results: z.array(taskSummarySchema.extend({ matched_in: z.enum(['name', 'description', 'name_and_description']) })),
        }),
        handler: async (a) => ({ ...(await m()), ...(await this.tasks.search(a)) }),
        render: (o) =>
          [
            `${o.total} tasks match '${o.query}' in ${o.scope.name}:`,
            ...o.results.map((t) => `- ${summaryLine(t)} (${t.matched_in})`),
            ...(o.truncated ? [pageFooter(o)] : []),
          ].join('\n'),
      }),
      defineTool({
        name: 'get_project_tasks',
        toolset: 'tasks',
        title: 'Tasks of a project',
        annotations: READ,
        write: false,
        description:
          'All tasks of a project given by name: a space, folder or list (tried in that order; ambiguous names list the candidates). Paged.',
        input: z.object({
          project: bounded(200).describe('Project: a space, folder or list name or id.'),
          include_closed: includeClosedField,
          include_subtasks: includeSubtasksField,
          include_archived: includeArchivedField,
          ...pageFields(15, 200),
        }),
        output: z.object({
          ...metaShape,
          project: z.object({ kind: z.enum(['space', 'folder', 'list']), id: z.string(), name: z.string(), label: z.string() }),
          by_category: categoryCounts.describe('Matching tasks per status category.'),
          ...pageOutShape,
          tasks: z.array(taskSummarySchema),
        }),
        handler: async (a) => ({ ...(await m()), ...(await this.tasks.projectTasks(a)) }),
        render: (o) => [`${o.project.label}: ${categoryLine(o.by_category)}`, ...o.tasks.map((t) => `- ${summaryLine(t)}`), pageFooter(o)].join('\n'),
      }),
      defineTool({
        name: 'get_list_progress',
        toolset: 'tasks',
        title: 'Progress of a list',
        annotations: READ,
        write: false,
        description:
          'Completion rate of a list (all tasks and top-level only), tasks per status category and status, and tasks finished in the last 7 days.',
        input: z.object({ list: bounded(200).describe('List: id or name.'), space: scopeFields.space, include_archived: includeArchivedField }),
        output: z.object({
          ...metaShape,
          list: z.object({ id: z.string(), name: z.string(), space: z.string(), folder: z.string().nullable() }),
          ...completionSchema.shape,
          top_level: completionSchema.describe('The same for top-level tasks only (no subtasks).'),
          by_category: categoryCounts,
          by_status: z.array(statusCountSchema),
          finished_last_7_days: z.object({
            count: z.number().int().describe('Tasks finished (date_done, else date_closed) in the window.'),
            from: z.string(),
            to: z.string(),
            truncated: z.boolean(),
            tasks: z.array(taskSummarySchema),
          }),
        }),
        handler: async (a) => ({ ...(await m()), ...(await this.reports.listProgress(a)) }),
        render: (o) =>
          [
            `${o.list.name}: ${o.finished}/${o.total} finished (${o.completion_percent ?? 0}%); top-level ${o.top_level.finished}/${o.top_level.total} (${o.top_level.completion_percent ?? 0}%).`,
            `By category: ${categoryLine(o.by_category)}.`,
            `Finished in the last 7 days: ${o.finished_last_7_days.count}${o.finished_last_7_days.tasks.length ? ` (${o.finished_last_7_days.tasks.map((t) => t.name).join('; ')})` : ''}.`,
          ].join('\n'),
      }),
      defineTool({
        name: 'get_workload',
        toolset: 'tasks',
        title: 'Workload per person',
        annotations: READ,
        write: false,
        description: 'Per person in a scope: open tasks, open estimate (shared tasks split evenly) and time logged in the last N days (default 30).',
        input: z.object({
          ...scopeFields,
          days: z.number().int().min(1).max(365).default(30).describe('Time-logged window: the last N days including today (1–365, default 30).'),
          limit: limitField(20, 500).describe('Maximum people (1–500, default 20), most open tasks first; totals always cover everyone.'),
          offset: offsetField,
        }),
        output: z.object({
          ...metaShape,
          scope: scopeSchema,
          window: z
            .object({ days: z.number().int(), from: z.string(), to: z.string(), first_day: z.string(), last_day: z.string(), time_zone: z.string() })
            .describe('The period time_logged covers.'),
          people_total: z.number().int().describe('People with open tasks or time in the window, in all.'),
          truncated: z.boolean().describe('True when more people follow this page.'),
          offset: z.number().int(),
          hint: hintField,
          people: z.array(
            z.object({
              id: z.number().int(),
              name: z.string(),
              email: z.string().nullable(),
              open_tasks: z.number().int(),
              open_estimate: durationSchema,
              time_logged: durationSchema.describe('Logged by this person in the window, in this scope.'),
              timer_running: z.boolean(),
            }),
          ),
          unassigned: z.object({ open_tasks: z.number().int(), open_estimate: durationSchema }),
          totals: z.object({
            open_tasks: z.number().int().describe('Distinct open tasks.'),
            open_estimate: durationSchema,
            time_logged: durationSchema,
          }),
        }),
        handler: async (a) => ({ ...(await m()), ...(await this.reports.workload(a)) }),
        render: (o) =>
          [
            `Workload in ${o.scope.name} (time logged ${o.window.first_day} – ${o.window.last_day}, ${o.window.time_zone}):`,
            ...o.people.map(
              (p) =>
                `- ${p.name}: ${p.open_tasks} open, estimate ${p.open_estimate.human}, logged ${p.time_logged.human}${p.timer_running ? ' (timer running)' : ''}`,
            ),
            `Unassigned: ${o.unassigned.open_tasks} open. Totals: ${o.totals.open_tasks} open, logged ${o.totals.time_logged.human}.`,
            ...(o.hint ? [o.hint] : []),
          ].join('\n'),
      }),
      defineTool({
        name: 'get_overdue_tasks',
        toolset: 'tasks',
        title: 'Overdue tasks',
        annotations: READ,
        write: false,
        description: 'Unfinished tasks whose due date has passed, most overdue first, with days overdue and assignees; optional scope and assignee.',
        input: z.object({
          ...scopeFields,
          assignee: personField('Only tasks assigned to this person').optional(),
          include_archived: includeArchivedField,
          ...pageFields(15, 200),
        }),
        output: z.object({
          ...metaShape,
          scope: scopeSchema,
          assignee: personSchema.nullable(),
          as_of: z.string().describe('"Now" for days overdue.'),
          ...pageOutShape,
          tasks: z.array(taskSummarySchema.extend({ days_overdue: z.number().int().describe('Whole days past due.'), overdue_by: durationSchema })),
        }),
        handler: async (a) => ({ ...(await m()), ...(await this.tasks.overdue(a)) }),
        render: (o) =>
          [
            `${o.total} overdue tasks in ${o.scope.name}${o.assignee ? ` for ${o.assignee.name}` : ''}:`,
            ...o.tasks.map((t) => `- ${summaryLine(t)} · ${t.days_overdue} days overdue`),
            ...(o.truncated ? [pageFooter(o)] : []),
          ].join('\n'),
      }),
      defineTool({
        name: 'get_task_hierarchy',
        toolset: 'tasks',
        title: 'Task tree with rollups',
        annotations: READ,
        write: false,
        description:
          'The parent/child tree under one task, or all trees of a list (subtasks in other lists included), each node with direct and rollup time and estimate; deep or wide trees are folded into counts.',
        input: z.object({
          task: taskField.optional(),
          list: bounded(200).optional().describe('List (id or name): all its trees. Used when task is not given.'),
          space: scopeFields.space,
          include_archived: z.boolean().default(false).describe('Include archived tasks and subtasks (and what is under them). Default false.'),
          depth: z
            .number()
            .int()
            .min(0)
            .max(50)
            .default(2)
            .describe('Levels of subtasks shown below each root (0–50, default 2); deeper ones are counted, not shown.'),
          node_limit: limitField(15, 2000).describe(
            'Maximum nodes to return (1–2000, default 15), shallowest first; rollups always cover the whole tree.',
          ),
        }),
        output: z.object({
          ...metaShape,
          root: z.object({ kind: z.enum(['task', 'list']), id: z.string(), name: z.string() }),
          total_nodes: z.number().int(),
          shown_nodes: z.number().int(),
          truncated: z.boolean(),
          hint: hintField,
          total_time: durationSchema.describe('Σ direct time over every task in the trees (no double counting).'),
          total_estimate: durationSchema,
          trees: z.array(taskNodeSchema),
        }),
        handler: async (a) => ({ ...(await m()), ...(await this.tasks.hierarchyOf(a)) }),
        render: (o) =>
          [
            `${o.root.kind} ${o.root.name}: ${o.total_nodes} tasks, ${o.total_time.human} logged, estimate ${o.total_estimate.human}`,
            ...treeLines(o.trees),
            ...(o.hint ? [o.hint] : []),
          ].join('\n'),
      }),
      defineTool({
        name: 'get_tasks_by_assignee',
        toolset: 'tasks',
        title: 'Tasks of a person',
        annotations: READ,
        write: false,
        description:
          "One person's tasks grouped by status category (not_started, active, and with include_closed also done, closed), soonest due first.",
        input: z.object({
          assignee: personField('Person'),
          ...scopeFields,
          include_closed: includeClosedField,
          include_subtasks: includeSubtasksField,
          include_archived: includeArchivedField,
          limit: z.number().int().min(1).max(100).optional().describe('Maximum tasks per category (1–100; default 8, or 4 with include_closed).'),
        }),
        output: z.object({
          ...metaShape,
          person: personSchema,
          scope: scopeSchema,
          total: z.number().int(),
          hint: hintField,
          groups: z.array(z.object({ category: categoryEnum, count: z.number().int(), truncated: z.boolean(), tasks: z.array(taskSummarySchema) })),
        }),
        handler: async (a) => ({ ...(await m()), ...(await this.tasks.byAssignee(a)) }),
        render: (o) =>
          [
            `${o.person.name}: ${o.total} tasks in ${o.scope.name}`,
            ...o.groups.flatMap((g) => [
              `${g.category} (${g.count}):`,
              ...g.tasks.map((t) => `- ${summaryLine(t)}`),
              ...(g.truncated ? [`  … ${g.count - g.tasks.length} more`] : []),
            ]),
            ...(o.hint ? [o.hint] : []),
          ].join('\n'),
      }),
      defineTool({
        name: 'get_tasks_by_status',
        toolset: 'tasks',
        title: 'Tasks by status',
        annotations: READ,
        write: false,
        description: 'Tasks of a scope with a given status name or status category, plus task counts per status across the scope.',
        input: z.object({
          status: bounded(100).optional().describe('Status name (case-insensitive), e.g. "in review".'),
          category: categoryField,
          ...scopeFields,
          include_subtasks: includeSubtasksField,
          include_archived: includeArchivedField,
          ...pageFields(15, 200),
        }),
        output: z.object({
          ...metaShape,
          scope: scopeSchema,
          status: z.string().nullable(),
          category: categoryEnum.nullable(),
          status_counts: z.array(statusCountSchema).describe('Every status in use in the scope with its task count.'),
          ...pageOutShape,
          tasks: z.array(taskSummarySchema),
        }),
        handler: async (a) => ({ ...(await m()), ...(await this.tasks.byStatus(a)) }),
        render: (o) =>
          [
            `In ${o.scope.name}: ${o.status_counts.map((s) => `${s.status} ${s.count}`).join(', ')}`,
            `${o.status ?? o.category}: ${o.total} tasks`,
            ...o.tasks.map((t) => `- ${summaryLine(t)}`),
            ...(o.truncated ? [pageFooter(o)] : []),
          ].join('\n'),
      }),
    ];
  }
}
