import { z } from 'zod';
import { durationSchema } from '../../common/time/duration';
import { periodOut, personOut, scopeOut, timeSplitShape } from './report-schemas';

/** A person × day grid: one number per day (seconds, exact to the second), totals in ms + human form. */
export const timesheetOut = z.object({
  scope: scopeOut,
  period: periodOut,
  days: z.array(z.string()).describe('The columns: local dates of the period.'),
  ...timeSplitShape,
  capacity_per_person: durationSchema,
  rows: z.array(
    z.object({
      ...personOut.shape,
      seconds: z.array(z.number().int()).describe('Seconds logged per day, in the order of days.'),
      ...timeSplitShape,
      days_worked: z.number().int(),
      daily_average: durationSchema.describe('time ÷ days worked.'),
      utilization_percent: z.number().nullable(),
      running_timer: z.boolean().describe('A running timer is counted up to now.'),
    }),
  ),
  rows_total: z.number().int(),
  day_totals: z.array(z.number().int()).describe('Seconds per day, all people.'),
  no_time_logged: z.array(z.string()).describe('Current members with no time in the period.'),
  no_time_logged_total: z.number().int(),
  truncated: z.boolean(),
  hint: z.string().nullable(),
});
export type Timesheet = z.infer<typeof timesheetOut>;
