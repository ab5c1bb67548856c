import { z } from 'zod';

/**
 * Argument fields every report shares: one vocabulary across toolsets (space, folder, list,
 * project, person, task, period + start/end/days, week, month). The same zod fields validate MCP
 * tool calls, REST query strings and CLI flags. Descriptions are short: small models read them.
 */
const text = (max = 200) => z.string().trim().min(1).max(max);
const day = z.string().trim().min(1).max(10);

export const scopeArgs = {
  space: text().optional().describe('Space: id or name.'),
  folder: text().optional().describe('Folder: id or name.'),
  list: text().optional().describe('List: id or name.'),
  project: text().optional().describe('Project alias, or any space/folder/list.'),
};

export const personArg = text().optional().describe('Only this person: name, email or id.');
export const taskArg = text().describe('Task id, custom id (MOB-42) or exact name.');

export const periodArgs = (fallback: string) => ({
  period: text(40)
    .optional()
    .describe(
      `Default ${fallback}. today, yesterday, this_week, last_week, this_month, last_month, this_year, last_30_days, rolling (+days), custom (+start, end), 2026-W47, 2-weeks-ago, 2026-11.`,
    ),
  start: day.optional().describe('custom: first day, YYYY-MM-DD.'),
  end: day.optional().describe('custom: last day, YYYY-MM-DD.'),
  days: z.number().int().min(1).max(365).optional().describe('rolling: the last N days incl. today.'),
});

export const weekArg = text(40).optional().describe('Week: this_week (default), last_week, 2026-W47, 2-weeks-ago, or a date in it.');
export const monthArg = text(40).optional().describe('Month: this_month (default), last_month or YYYY-MM.');
export const limitArg = (def: number, max: number) => z.number().int().min(1).max(max).default(def).describe(`Max rows (default ${def}).`);

export type ScopeArgValues = { space?: string; folder?: string; list?: string; project?: string };
export type PeriodArgValues = { period?: string; start?: string; end?: string; days?: number };
