import { z } from 'zod';
import { durationSchema } from '../../common/time/duration';
import { categoryOut, periodOut, scopeOut, taskLineOut, taskRefOut } from './report-schemas';

/** Result shapes of the task-set reports (Reporting rule 5: non-archived tasks, direct time, own estimates). */

const listMeta = { truncated: z.boolean(), hint: z.string().nullable() };

export const timeTrackingOut = z.object({
  scope: scopeOut,
  period: periodOut.nullable().describe('null = all time.'),
  group_by: z.enum(['assignee', 'status', 'list', 'task']),
  tasks: z.number().int().describe('Tasks in the set (non-archived, subtasks included).'),
  time: durationSchema,
  estimate: durationSchema,
  efficiency_percent: z.number().nullable().describe('time ÷ estimate × 100.'),
  groups: z.array(
    z.object({
      id: z.string().nullable(),
      name: z.string(),
      tasks: z.number().int(),
      time: durationSchema,
      estimate: durationSchema,
      efficiency_percent: z.number().nullable(),
    }),
  ),
  groups_total: z.number().int(),
  ...listMeta,
});

const nodeOut = z.object({
  ...taskRefOut.shape,
  depth: z.number().int(),
  parent_id: z.string().nullable(),
  status: z.string(),
  list: z.string(),
  archived: z.boolean(),
  direct: durationSchema,
  rollup: durationSchema,
  estimate: durationSchema.nullable(),
  estimate_rollup: durationSchema,
  running_timer: z.boolean(),
});

export const taskBreakdownOut = z.object({
  task: taskRefOut,
  period: periodOut.nullable().describe('null = all time.'),
  time: durationSchema.describe('Rollup of the root: the whole tree, every list.'),
  estimate: durationSchema.describe("Own estimate + every subtask's."),
  efficiency_percent: z.number().nullable(),
  nodes: z.array(nodeOut).describe('Depth-first: the root, then its subtasks at any depth.'),
  nodes_total: z.number().int(),
  people: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      removed: z.boolean(),
      time: durationSchema,
      entries: z.number().int(),
      tasks: z.number().int(),
    }),
  ),
  ...listMeta,
});

const accuracyTask = taskRefOut.extend({
  list: z.string(),
  time: durationSchema,
  estimate: durationSchema,
  ratio: z.number(),
  difference: durationSchema,
});

export const estimationAccuracyOut = z.object({
  scope: scopeOut,
  finished_only: z.boolean(),
  estimated_tasks: z.number().int(),
  accurate: z.number().int().describe('tracked ÷ estimate within 0.8–1.2.'),
  under_estimated: z.number().int().describe('Ratio above 1.2: took longer.'),
  over_estimated: z.number().int().describe('Ratio below 0.8, or nothing tracked.'),
  accuracy_percent: z.number().nullable(),
  estimate: durationSchema.describe('Σ own estimates of the estimated tasks.'),
  time_on_estimated: durationSchema,
  unplanned_time: durationSchema.describe('Time on tasks without an estimate.'),
  tasks_without_estimate: z.number().int(),
  worst_overruns: z.array(accuracyTask).describe('Under-estimated tasks, biggest overrun first.'),
  most_unused: z.array(accuracyTask).describe('Over-estimated tasks, most estimate left unused first.'),
  ...listMeta,
});

export const atRiskOut = z.object({
  scope: scopeOut,
  as_of: z.string(),
  risk_days: z.number().int(),
  counts: z.object({ total: z.number().int(), overdue: z.number().int(), due_soon: z.number().int(), over_estimate: z.number().int() }),
  tasks: z.array(
    taskLineOut.extend({
      reasons: z.array(z.enum(['overdue', 'due_soon', 'over_estimate'])),
      due_date: z.string().nullable(),
      days_overdue: z.number().int().nullable(),
      time: durationSchema,
      estimate: durationSchema.nullable(),
    }),
  ),
  ...listMeta,
});

export const untrackedOut = z.object({
  scope: scopeOut,
  status: z.enum(['active', 'open', 'all']),
  total: z.number().int(),
  tasks: z.array(taskLineOut.extend({ due_date: z.string().nullable(), date_updated: z.string() })),
  ...listMeta,
});

export const progressSinceOut = z.object({
  scope: scopeOut,
  since: z.string(),
  as_of: z.string(),
  finished: z.object({
    total: z.number().int(),
    done: z.number().int(),
    closed: z.number().int(),
    main_tasks: z.number().int(),
    subtasks: z.number().int(),
    tasks: z.array(taskLineOut.extend({ finished_at: z.string(), subtask: z.boolean() })),
  }),
  created: z.object({
    total: z.number().int(),
    main_tasks: z.number().int(),
    subtasks: z.number().int(),
    by_category: z.record(z.string(), z.number().int()),
  }),
  status_changes: z.object({
    basis: z
      .enum(['snapshot', 'updated_since'])
      .describe('snapshot: status now vs the daily snapshot before since; updated_since: no snapshot that old, so tasks updated since.'),
    snapshot_date: z.string().nullable(),
    total: z.number().int(),
    by_category: z.record(z.string(), z.number().int()).describe('Changed tasks per current status category.'),
    changes: z.array(taskRefOut.extend({ from: z.string().nullable(), to: z.string(), category: categoryOut })),
  }),
  ...listMeta,
});

export type TimeTrackingReport = z.infer<typeof timeTrackingOut>;
export type TaskBreakdown = z.infer<typeof taskBreakdownOut>;
export type EstimationAccuracy = z.infer<typeof estimationAccuracyOut>;
export type AtRiskReport = z.infer<typeof atRiskOut>;
export type UntrackedReport = z.infer<typeof untrackedOut>;
export type ProgressSince = z.infer<typeof progressSinceOut>;
