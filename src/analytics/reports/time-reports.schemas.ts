import { z } from 'zod';
import { durationSchema } from '../../common/time/duration';
import { periodOut, personOut, scopeOut, taskRefOut, timeSplitShape } from './report-schemas';

/** Result shapes of the time reports (space projects, folder, employee, yesterday). */

const listMeta = {
  truncated: z.boolean().describe('True when lists were cut to fit; totals stay exact.'),
  hint: z.string().nullable().describe('How to narrow the question when truncated.'),
};

const utilizationShape = {
  capacity: durationSchema.describe("REPORT_CAPACITY_HOURS_PER_WEEK × the period's weekdays ÷ 5."),
  utilization_percent: z.number().nullable().describe('time ÷ capacity × 100.'),
};

export const personTimeOut = z.object({ ...personOut.shape, ...timeSplitShape, ...utilizationShape });

export const spaceProjectReportOut = z.object({
  space: scopeOut,
  period: periodOut,
  ...timeSplitShape,
  tasks_with_time: z.number().int(),
  projects_total: z.number().int().describe('Projects (folders and folderless lists) in the space.'),
  projects: z.array(
    z.object({
      kind: z.enum(['folder', 'list']),
      id: z.string(),
      name: z.string(),
      archived: z.boolean(),
      ...timeSplitShape,
      estimate: durationSchema.describe('Σ own estimates of the tasks with time in the period.'),
      tasks_with_time: z.number().int(),
      total_tasks: z.number().int().describe('Non-archived tasks in the project.'),
      people: z.array(z.object({ id: z.number().int(), name: z.string(), time: durationSchema })),
      people_total: z.number().int(),
    }),
  ),
  inactive_projects: z
    .array(z.object({ kind: z.enum(['folder', 'list']), id: z.string(), name: z.string(), total_tasks: z.number().int() }))
    .describe('Non-archived projects with no time in the period.'),
  people: z.array(personTimeOut),
  people_total: z.number().int(),
  ...listMeta,
});

export const folderReportOut = z.object({
  folder: scopeOut,
  period: periodOut,
  group_by: z.enum(['list', 'person', 'status', 'task']),
  ...timeSplitShape,
  tasks_with_time: z.number().int(),
  groups: z.array(
    z.object({
      id: z.string().nullable(),
      name: z.string(),
      ...timeSplitShape,
      tasks_with_time: z.number().int(),
      entries: z.number().int(),
      utilization_percent: z.number().nullable().optional().describe('Only when grouped by person.'),
    }),
  ),
  groups_total: z.number().int(),
  ...listMeta,
});

const namedTime = z.object({ id: z.string().nullable(), name: z.string(), time: durationSchema });

export const employeeReportOut = z.object({
  scope: scopeOut,
  period: periodOut,
  ...timeSplitShape,
  capacity_per_person: durationSchema,
  people: z.array(
    z.object({
      ...personTimeOut.shape,
      running_timer: z.boolean(),
      projects: z.array(namedTime).describe('Where the time went (folder or folderless list); id null = entries without a task.'),
      projects_total: z.number().int(),
      tasks: z.array(namedTime.extend({ custom_id: z.string().nullable() })),
      tasks_total: z.number().int(),
    }),
  ),
  people_total: z.number().int(),
  no_time_logged: z.array(z.string()).describe('Current members without time in the period.'),
  no_time_logged_total: z.number().int(),
  ...listMeta,
});

export const yesterdayReportOut = z.object({
  scope: scopeOut,
  period: periodOut,
  ...timeSplitShape,
  people: z.array(
    z.object({
      ...personOut.shape,
      ...timeSplitShape,
      running_timer: z.boolean(),
      tasks: z.array(taskRefOut.extend({ time: durationSchema })),
      tasks_total: z.number().int(),
    }),
  ),
  people_total: z.number().int(),
  finished: z.array(taskRefOut.extend({ status: z.string(), list: z.string(), assignees: z.array(z.string()), finished_at: z.string() })),
  finished_total: z.number().int(),
  no_time_logged: z.array(z.string()),
  ...listMeta,
});

export type SpaceProjectReport = z.infer<typeof spaceProjectReportOut>;
export type FolderReport = z.infer<typeof folderReportOut>;
export type EmployeeReport = z.infer<typeof employeeReportOut>;
export type YesterdayReport = z.infer<typeof yesterdayReportOut>;
