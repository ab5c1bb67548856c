import { z } from 'zod';
import { STATUS_CATEGORIES } from '../../common/status-category';
import { duration, durationSchema } from '../../common/time/duration';
import { Period } from '../../common/time/period';
import { ResolvedPerson, ResolvedScope } from '../../mapping/scope-resolver.service';

/** Output pieces the reports share (structured results; every duration is ms + human form). */

export const categoryOut = z.enum(STATUS_CATEGORIES);

export const periodOut = z.object({
  key: z.string(),
  label: z.string().describe('e.g. "Mon 16 – Sun 22 Nov 2026 (Asia/Kolkata)".'),
  from: z.string().describe('Start, inclusive (ISO 8601).'),
  to: z.string().describe('End, exclusive (ISO 8601); now for windows that end now.'),
  first_day: z.string(),
  last_day: z.string(),
  time_zone: z.string(),
  iso_week: z.string().nullable(),
});
export type PeriodOut = z.infer<typeof periodOut>;

export const scopeOut = z.object({
  kind: z.enum(['workspace', 'space', 'folder', 'list']),
  id: z.string(),
  name: z.string(),
  alias: z.string().nullable().describe('The project alias used, if any.'),
});
export type ScopeOut = z.infer<typeof scopeOut>;

export const personOut = z.object({ id: z.number().int(), name: z.string(), removed: z.boolean().describe('Removed from the workspace since.') });
export type PersonOut = z.infer<typeof personOut>;

/** Total time split by ClickUp's billable flag (rule 9). */
export const timeSplitShape = {
  time: durationSchema.describe('Clipped to the period; running timers up to now.'),
  billable: durationSchema,
  non_billable: durationSchema,
};
export const timeSplitOut = z.object(timeSplitShape);
export type TimeSplitOut = z.infer<typeof timeSplitOut>;

export const taskRefOut = z.object({ id: z.string(), custom_id: z.string().nullable(), name: z.string() });
/** A task in a report list: reference, status, category, home list and assignees. */
export const taskLineOut = taskRefOut.extend({ status: z.string(), category: categoryOut, list: z.string(), assignees: z.array(z.string()) });

/** What a task line is made from: a task-set row, or a row whose assignees are already names. */
export interface TaskLineSource {
  id: string;
  customId: string | null;
  name: string;
  status: string;
  category: z.infer<typeof categoryOut>;
  listName: string;
  assignees: readonly ({ name: string } | string)[];
}

/** The task line every report lists tasks with (taskLineOut). */
export const taskLine = (t: TaskLineSource): z.infer<typeof taskLineOut> => ({
  id: t.id,
  custom_id: t.customId,
  name: t.name,
  status: t.status,
  category: t.category,
  list: t.listName,
  assignees: t.assignees.map((a) => (typeof a === 'string' ? a : a.name)),
});

export const periodView = (p: Period): PeriodOut => ({
  key: p.key,
  label: p.label,
  from: new Date(p.from).toISOString(),
  to: new Date(p.to).toISOString(),
  first_day: p.firstDay,
  last_day: p.lastDay,
  time_zone: p.timeZone,
  iso_week: p.isoWeek,
});

export const scopeView = (s: ResolvedScope): ScopeOut => ({ kind: s.kind, id: s.id, name: s.name, alias: s.alias });
export const personView = (p: Pick<ResolvedPerson, 'id' | 'name' | 'removed'>): PersonOut => ({ id: p.id, name: p.name, removed: p.removed });

export const timeSplit = (ms: number, billableMs: number): TimeSplitOut => ({
  time: duration(ms),
  billable: duration(billableMs),
  non_billable: duration(ms - billableMs),
});
