import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { fitReport, listAt } from '../../analytics/reports/result-budget';
import { humanDuration } from '../../common/time/duration';
import { ProjectRegistryService } from '../../mapping/project-registry.service';
import { ProjectStatusService } from '../../projects/project-status.service';
import { checkJson, DASHBOARD_COLUMNS, dashboardRow, entryJson, iso, statusJson, weeksJson } from '../../projects/project-views';
import { READ, REGISTRY_ADD, REGISTRY_CHECK, REGISTRY_REMOVE } from '../core/annotations';
import { durationSchema, limitField, metaShape, nameOrId, pageShape } from '../core/common-schemas';
import { AnyToolDefinition, defineTool, Toolset } from '../core/tool-definition';
import { ToolMetaService } from '../core/tool-meta.service';

const kind = z.enum(['space', 'folder', 'list']);
export const aliasArg = z.string().trim().min(1).max(100).describe('Project alias (case-insensitive).');
export const targetArgs = {
  target: z.string().trim().min(1).max(200).describe('Space, folder or list: id or name.'),
  type: kind.optional().describe('Target kind, if the name is ambiguous.'),
};
export const projectArg = z.string().trim().min(1).max(200).describe('Alias, or a space/folder/list id or name.');
export const entrySchema = z.object({
  alias: z.string(),
  type: kind,
  id: z.string(),
  name: z.string().describe("The target's name now."),
  location: z.string().describe('Space › Folder it is in ("" for a space).'),
  state: z.enum(['ok', 'archived', 'deleted']).describe('deleted: gone from ClickUp (the alias stays until removed).'),
});
export const addedSchema = z.object({
  ...metaShape,
  created: z.boolean().describe('False: this alias already tracked this target.'),
  project: entrySchema,
  warnings: z.array(z.string()),
  message: z.string(),
});
export const removedSchema = z.object({ ...metaShape, removed: entrySchema, message: z.string() });
const hint = z.string().nullable().describe('How to narrow when truncated.');
const tasksSchema = z.object({
  total: z.number().int(),
  not_started: z.number().int(),
  active: z.number().int(),
  done: z.number().int(),
  closed: z.number().int(),
});
const pct = z.number().nullable();

/** The projects toolset: the project registry (aliases) and its dashboard. */
@Injectable()
export class ProjectsTools implements Toolset {
  readonly name = 'projects' as const;

  constructor(
    private readonly registry: ProjectRegistryService,
    private readonly status: ProjectStatusService,
    private readonly meta: ToolMetaService,
  ) {}

  tools(): AnyToolDefinition[] {
    const r = this.registry;
    return [
      defineTool({
        name: 'discover_projects',
        toolset: 'projects',
        title: 'Project candidates',
        annotations: READ,
        write: false,
        description: 'Spaces, folders or lists that could be tracked, with task counts and the aliases already tracking each.',
        input: z.object({
          level: kind.default('folder').describe('What to list (default folder).'),
          space: nameOrId('Only in this space').optional(),
          include_archived: z.boolean().default(false).describe('Include archived.'),
          limit: limitField(50, 500),
        }),
        output: z.object({
          ...metaShape,
          ...pageShape,
          level: kind,
          hint,
          candidates: z.array(
            z.object({
              type: kind,
              id: z.string(),
              name: z.string(),
              location: z.string(),
              archived: z.boolean(),
              task_count: z.number().int(),
              tracked_as: z.array(z.string()),
            }),
          ),
        }),
        handler: async (a) => {
          const d = await r.discover(await r.workspaceId(), a.level, a.space, a.include_archived);
          const all = d.candidates.map((c) => ({
            type: c.type,
            id: c.id,
            name: c.name,
            location: c.location,
            archived: c.archived,
            task_count: c.taskCount,
            tracked_as: c.trackedAs,
          }));
          const out = {
            ...(await this.meta.meta()),
            level: a.level,
            total: all.length,
            truncated: all.length > a.limit,
            hint: null as string | null,
            candidates: all.slice(0, a.limit),
          };
          return fitReport(out, [() => [listAt(out, 'candidates')]], 'Narrow it: pass space, or a lower limit.');
        },
        render: (o) =>
          [
            `${o.total} ${o.level} candidates${o.truncated ? ` (first ${o.candidates.length})` : ''}:`,
            ...o.candidates.map(
              (c) =>
                `- ${c.name} (${c.id})${c.location ? ` in ${c.location}` : ''}: ${c.task_count} tasks${c.archived ? ' [archived]' : ''}${c.tracked_as.length ? ` — tracked as ${c.tracked_as.join(', ')}` : ''}`,
            ),
          ].join('\n'),
      }),
      defineTool({
        name: 'add_project',
        toolset: 'projects',
        title: 'Track a project',
        annotations: REGISTRY_ADD,
        write: true,
        description: 'Track a space, folder or list under an alias. Aliases are unique (case-insensitive) and work in every scope argument.',
        input: z.object({ alias: aliasArg, ...targetArgs }),
        output: addedSchema,
        handler: async (a) => addedResult(this.meta, await r.add(await r.workspaceId(), a)),
        render: (o) => [o.message, ...o.warnings].join('\n'),
      }),
      defineTool({
        name: 'list_projects',
        toolset: 'projects',
        title: 'Tracked projects',
        annotations: READ,
        write: false,
        description: 'Tracked projects: alias, target, location, state (ok/archived/deleted) and last activity.',
        input: z.object({ limit: limitField(100, 500) }),
        output: z.object({ ...metaShape, ...pageShape, hint, projects: z.array(entrySchema.extend({ last_activity: z.string().nullable() })) }),
        handler: async (a) => {
          const rows = await this.status.entries();
          const all = rows.map((x) => ({ ...entryJson(x.entry), last_activity: iso(x.lastActivity) }));
          const out = {
            ...(await this.meta.meta()),
            total: all.length,
            truncated: all.length > a.limit,
            hint: null as string | null,
            projects: all.slice(0, a.limit),
          };
          return fitReport(out, [() => [listAt(out, 'projects')]], 'Lower the limit, or use get_all_projects_status.');
        },
        render: (o) =>
          o.total
            ? o.projects
                .map(
                  (p) =>
                    `${p.alias} → ${p.type} ${p.name} (${p.id})${p.location ? ` in ${p.location}` : ''}${p.state !== 'ok' ? ` [${p.state}]` : ''}; last activity ${p.last_activity ?? 'never'}`,
                )
                .join('\n')
            : 'No projects tracked yet: add_project creates one.',
      }),
      defineTool({
        name: 'remove_project',
        toolset: 'projects',
        title: 'Stop tracking',
        annotations: REGISTRY_REMOVE,
        write: true,
        description: 'Stop tracking an alias. The space, folder or list itself is untouched.',
        input: z.object({ alias: aliasArg }),
        output: removedSchema,
        handler: async (a) => removedResult(this.meta, await r.remove(await r.workspaceId(), a.alias)),
        render: (o) => o.message,
      }),
      defineTool({
        name: 'refresh_projects',
        toolset: 'projects',
        title: 'Re-check projects',
        annotations: REGISTRY_CHECK,
        write: true,
        description: 'Re-check every alias against the synced hierarchy: renamed, moved, archived or deleted targets. Never removes an alias.',
        input: z.object({}),
        output: z.object({
          ...metaShape,
          checked: z.number().int(),
          ok: z.number().int().describe('Entries with nothing to report.'),
          truncated: z.boolean(),
          hint,
          changed: z
            .array(
              entrySchema.extend({
                changes: z.array(z.enum(['renamed', 'moved', 'archived', 'deleted'])),
                renamed: z.object({ from: z.string(), to: z.string() }).nullable(),
                moved: z.object({ from: z.string(), to: z.string() }).nullable(),
                archived: z.string().nullable().describe('What is archived: the target or a container.'),
              }),
            )
            .describe('Since the last check (archived and deleted: every time).'),
        }),
        handler: async () => {
          const all = (await r.refresh(await r.workspaceId())).map(checkJson);
          const changed = all.filter((e) => e.changes.length);
          const out = {
            ...(await this.meta.meta()),
            checked: all.length,
            ok: all.length - changed.length,
            truncated: false,
            hint: null as string | null,
            changed,
          };
          return fitReport(out, [() => [listAt(out, 'changed')]], 'Too many to list: see list_projects for each state.');
        },
        render: (o) =>
          [
            `Checked ${o.checked} aliases: ${o.ok} unchanged.`,
            ...o.changed.map(
              (e) =>
                `- ${e.alias} → ${e.type} ${e.name} (${e.id}): ${[
                  e.renamed ? `renamed from '${e.renamed.from}'` : '',
                  e.moved ? `moved from ${e.moved.from || '?'} to ${e.moved.to}` : '',
                  e.archived ? `archived (${e.archived})` : '',
                  e.changes.includes('deleted') ? 'deleted in ClickUp — remove_project it or add it again' : '',
                ]
                  .filter(Boolean)
                  .join('; ')}`,
            ),
          ].join('\n'),
      }),
      defineTool({
        name: 'get_project_status',
        toolset: 'projects',
        title: 'Project status',
        annotations: READ,
        write: false,
        description: 'One project: progress %, tasks by category, overdue, health grade, time logged this week and last, last activity.',
        input: z.object({ project: projectArg }),
        output: z.object({
          ...metaShape,
          project: entrySchema
            .pick({ type: true, id: true, name: true, location: true })
            .extend({ alias: z.string().nullable(), archived: z.boolean() }),
          progress_pct: pct.describe('Finished ÷ all tasks (non-archived, subtasks included).'),
          tasks: tasksSchema,
          overdue: z.number().int().describe('Unfinished and past due.'),
          health: z.object({
            score: z.number().nullable(),
            grade: z.enum(['A', 'B', 'C', 'D', 'F']).nullable(),
            components: z.object({ overdue: pct, freshness: pct, progress: pct, assignment: pct, estimates: pct }),
            recommendations: z.array(z.string()),
          }),
          time_logged: z.object({ this_week: durationSchema, last_week: durationSchema }),
          weeks: z.object({ this_week: z.string(), last_week: z.string() }),
          last_activity: z.string().nullable().describe('Latest task change or time logged.'),
        }),
        handler: async (a) => {
          const { status, weeks } = await this.status.status(a.project);
          return { ...(await this.meta.meta()), ...statusJson(status), weeks: weeksJson(weeks) };
        },
        render: (o) =>
          [
            `${o.project.alias ? `${o.project.alias} (${o.project.type} ${o.project.name})` : `${o.project.type} ${o.project.name}`}: ${o.progress_pct ?? 0}% done, health ${o.health.grade ?? 'n/a'}${o.health.score === null ? '' : ` (${o.health.score})`}.`,
            `Tasks ${o.tasks.total}: ${o.tasks.not_started} not started, ${o.tasks.active} active, ${o.tasks.done} done, ${o.tasks.closed} closed; ${o.overdue} overdue.`,
            `Time logged: ${o.time_logged.this_week.human} this week, ${o.time_logged.last_week.human} last week. Last activity: ${o.last_activity ?? 'none'}.`,
            ...o.health.recommendations,
          ].join('\n'),
      }),
      defineTool({
        name: 'get_all_projects_status',
        toolset: 'projects',
        title: 'Projects dashboard',
        annotations: READ,
        write: false,
        description: 'The status of every tracked project as one table: grade, progress, tasks by category, overdue, time this and last week.',
        input: z.object({}),
        output: z.object({
          ...metaShape,
          total: z.number().int(),
          truncated: z.boolean(),
          hint,
          weeks: z.object({ this_week: z.string(), last_week: z.string() }),
          columns: z.array(z.string()).describe('Names of the row cells, in order.'),
          rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))).describe('One per project; times in ms.'),
          unavailable: z.array(z.object({ alias: z.string(), reason: z.string() })).describe('Aliases whose target is gone.'),
        }),
        handler: async () => {
          const d = await this.status.dashboard();
          const out = {
            ...(await this.meta.meta()),
            total: d.total,
            truncated: false,
            hint: null as string | null,
            weeks: weeksJson(d.weeks),
            columns: [...DASHBOARD_COLUMNS],
            rows: d.rows.map(dashboardRow),
            unavailable: d.unavailable,
          };
          return fitReport(
            out,
            [() => [listAt(out, 'unavailable', 0)], () => [listAt(out, 'rows')]],
            'Too many projects for one answer: ask get_project_status per project.',
          );
        },
        render: (o) =>
          [
            `${o.total} tracked projects (this week ${o.weeks.this_week}):`,
            ...o.rows.map(
              (x) =>
                `- ${x[0]} [${x[2] ?? '-'}] ${x[4] ?? 0}% done; ${x[5]}/${x[6]}/${x[7]}/${x[8]} not started/active/done/closed; ${x[9]} overdue; ${humanDuration(Number(x[10]))} this week, ${humanDuration(Number(x[11]))} last week`,
            ),
            ...o.unavailable.map((u) => `- ${u.alias}: ${u.reason}`),
            ...(o.truncated ? [o.hint ?? ''] : []),
          ].join('\n'),
      }),
    ];
  }
}

/** add_project and map_project answer alike. */
export async function addedResult(meta: ToolMetaService, res: Awaited<ReturnType<ProjectRegistryService['add']>>) {
  const p = entryJson(res.entry);
  const where = `${p.type} ${p.name} (${p.id})${p.location ? ` in ${p.location}` : ''}`;
  return {
    ...(await meta.meta()),
    created: res.created,
    project: p,
    warnings: res.warnings,
    message: res.created ? `Now tracking ${where} as '${p.alias}'.` : `'${p.alias}' already tracks ${where}; nothing changed.`,
  };
}

/** remove_project and unmap_project answer alike. */
export async function removedResult(meta: ToolMetaService, e: Awaited<ReturnType<ProjectRegistryService['remove']>>) {
  return { ...(await meta.meta()), removed: entryJson(e), message: `Stopped tracking '${e.alias}' (${e.type} ${e.name}); ClickUp is unchanged.` };
}
