import { z } from 'zod';
import { durationSchema } from '../common/time/duration';
import { categoryOut, periodOut, scopeOut, taskLineOut } from '../analytics/reports/report-schemas';

/** Result shapes of the intelligence toolset. */

const listMeta = { truncated: z.boolean(), hint: z.string().nullable() };
const gradeOut = z.enum(['A', 'B', 'C', 'D', 'F']);
const componentsOut = z.object({
  overdue: z.number().nullable(),
  freshness: z.number().nullable(),
  progress: z.number().nullable(),
  assignment: z.number().nullable(),
  estimates: z.number().nullable(),
});

const trendPoint = z.object({ date: z.string(), missing: z.boolean().describe('No snapshot that day: no value is invented.') });

export const healthOut = z.object({
  project: scopeOut,
  as_of: z.string(),
  score: z.number().int().nullable().describe('0–100; null without tasks.'),
  grade: gradeOut.nullable(),
  components: componentsOut.describe('Each 0–100: overdue 30 %, freshness 20 %, progress 25 %, assignment 15 %, estimates 10 %.'),
  metrics: z.object({
    tasks: z.number().int(),
    finished: z.number().int(),
    open: z.number().int(),
    overdue_open: z.number().int(),
    stale_open: z.number().int().nullable(),
    assigned_open: z.number().int(),
    top_level: z.number().int(),
    top_level_estimated: z.number().int(),
  }),
  recommendations: z.array(z.string()),
  trend: z
    .array(trendPoint.extend({ score: z.number().int().nullable(), grade: gradeOut.nullable(), components: componentsOut.nullable() }))
    .nullable()
    .describe('Oldest first, from daily snapshots.'),
});

export const standupOut = z.object({
  project: scopeOut,
  today: z.string(),
  yesterday: periodOut,
  finished_yesterday: z.array(taskLineOut),
  finished_yesterday_total: z.number().int(),
  in_progress: z.array(taskLineOut),
  in_progress_total: z.number().int(),
  blocked: z.array(taskLineOut.extend({ reasons: z.array(z.string()) })),
  blocked_total: z.number().int(),
  due_today: z.array(taskLineOut.extend({ due_date: z.string() })),
  due_today_total: z.number().int(),
  time_yesterday: z.array(z.object({ id: z.number().int(), name: z.string(), time: durationSchema, running_timer: z.boolean() })),
  time_yesterday_total: durationSchema,
  /** Everyone who logged time yesterday (time_yesterday names the first ones by time). */
  time_yesterday_people: z.number().int(),
  ...listMeta,
});

export const digestOut = z.object({
  project: scopeOut,
  period: periodOut,
  finished: z.object({
    total: z.number().int(),
    highlights: z.array(taskLineOut.extend({ estimate: durationSchema.nullable(), finished_at: z.string() })),
  }),
  started: z.object({
    total: z.number().int(),
    basis: z
      .enum(['snapshot', 'created'])
      .describe(
        'snapshot: not started before the week (daily snapshot), active or finished now; created: no snapshot that old, so tasks created in the week.',
      ),
    tasks: z.array(taskLineOut),
  }),
  overdue: z.object({ total: z.number().int(), tasks: z.array(taskLineOut.extend({ days_overdue: z.number().int() })) }),
  time: durationSchema,
  people: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      time: durationSchema,
      finished: z.number().int().describe('Finished tasks assigned to them.'),
    }),
  ),
  top_contributors: z.array(z.string()),
  ...listMeta,
});

export const blockersOut = z.object({
  project: scopeOut,
  as_of: z.string(),
  stale_days: z.number().int(),
  counts: z.object({ blocked: z.number().int(), waiting: z.number().int(), stale: z.number().int(), total: z.number().int() }),
  tasks: z.array(
    taskLineOut.extend({
      reasons: z.array(z.enum(['blocked', 'waiting_on_dependency', 'waiting', 'stale'])),
      waiting_on: z.array(z.object({ id: z.string(), name: z.string(), status: z.string() })),
      days_since_update: z.number().int(),
    }),
  ),
  recommendations: z.array(z.string()),
  ...listMeta,
});

export const projectAtRiskOut = z.object({
  project: scopeOut,
  as_of: z.string(),
  risk_days: z.number().int(),
  counts: z.object({ overdue: z.number().int(), due_soon: z.number().int() }),
  tasks: z.array(
    taskLineOut.extend({
      reason: z.enum(['overdue', 'due_soon']),
      due_date: z.string(),
      overdue_by: durationSchema.nullable().describe('Time past due (overdue tasks).'),
      due_in: durationSchema.nullable().describe('Time left (due soon).'),
    }),
  ),
  recommendations: z.array(z.string()),
  ...listMeta,
});

const workloadPerson = z.object({
  id: z.number().int(),
  name: z.string(),
  open_tasks: z.number().int(),
  open_estimate: durationSchema,
  band: z.enum(['overloaded', 'spare', 'normal']).describe('overloaded: > 1.5× average and > 5 tasks; spare: < 0.5× average.'),
});

export const teamWorkloadOut = z.object({
  project: scopeOut,
  average_open_tasks: z.number().nullable(),
  people: z.array(workloadPerson),
  unassigned: z.object({ open_tasks: z.number().int(), open_estimate: durationSchema }),
  recommendations: z.array(z.string()),
  trend: z
    .array(
      trendPoint.extend({
        people: z.array(z.object({ id: z.number().int(), name: z.string(), open_tasks: z.number().int(), open_estimate: durationSchema })),
        unassigned_open_tasks: z.number().int(),
      }),
    )
    .nullable(),
  ...listMeta,
});

export const folderlessListsOut = z.object({
  total: z.number().int(),
  lists: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      space: z.object({ id: z.string(), name: z.string() }),
      archived: z.boolean(),
      task_count: z.number().int(),
    }),
  ),
  ...listMeta,
});

const statusOut = z.object({ status: z.string(), type: z.string(), category: categoryOut, orderindex: z.number().int() });

export const listStatusesOut = z.object({
  list: z.object({ id: z.string(), name: z.string(), space: z.string(), folder: z.string().nullable() }),
  source: z.enum(['list', 'folder', 'space']).describe('Where the statuses are defined (own, or inherited).'),
  source_id: z.string().nullable(),
  statuses: z.array(statusOut),
});

export const projectStatusesOut = z.object({
  project: scopeOut,
  total_tasks: z.number().int(),
  statuses: z.array(z.object({ status: z.string(), category: categoryOut, tasks: z.number().int() })),
  by_category: z.record(z.string(), z.number().int()),
});

const completionOut = z.object({ total: z.number().int(), finished: z.number().int(), percent: z.number().nullable() });

export const completionRateOut = z.object({
  project: scopeOut,
  now: z.object({ all: completionOut, top_level: completionOut }),
  weeks: z
    .array(z.object({ week: z.string(), week_end: z.string(), all: completionOut, top_level: completionOut }))
    .describe('At the end of each ISO week, from creation and finish dates (oldest first).'),
  trend: z
    .array(trendPoint.extend({ all: completionOut.nullable(), top_level: completionOut.nullable() }))
    .nullable()
    .describe('From daily snapshots.'),
});

export const velocityOut = z.object({
  project: scopeOut,
  weeks: z
    .array(z.object({ week: z.string(), first_day: z.string(), finished_tasks: z.number().int(), finished_estimate: durationSchema }))
    .describe('Complete ISO weeks, oldest first.'),
  this_week: z
    .object({ week: z.string(), finished_tasks: z.number().int(), finished_estimate: durationSchema })
    .describe('So far; not in the average.'),
  average_tasks: z.number().nullable(),
  average_estimate: durationSchema.nullable(),
  trend: z.enum(['rising', 'falling', 'steady']).nullable(),
  change_percent: z.number().nullable().describe('Later half of the weeks vs the earlier half.'),
});

export type HealthReport = z.infer<typeof healthOut>;
export type StandupReport = z.infer<typeof standupOut>;
export type DigestReport = z.infer<typeof digestOut>;
export type BlockersReport = z.infer<typeof blockersOut>;
export type ProjectAtRiskReport = z.infer<typeof projectAtRiskOut>;
export type TeamWorkloadReport = z.infer<typeof teamWorkloadOut>;
export type FolderlessListsReport = z.infer<typeof folderlessListsOut>;
export type ListStatusesReport = z.infer<typeof listStatusesOut>;
export type ProjectStatusesReport = z.infer<typeof projectStatusesOut>;
export type CompletionRateReport = z.infer<typeof completionRateOut>;
export type VelocityReport = z.infer<typeof velocityOut>;
