import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { HierarchyService, StatusView } from '../../mapping/hierarchy.service';
import { SyncRunnerService } from '../../sync/sync-runner.service';
import { READ, REFRESH } from '../core/annotations';
import { limitField, metaShape, nameOrId, offsetField } from '../core/common-schemas';
import { pageMeta, pageOf } from '../../common/paging/page';
import { AnyToolDefinition, defineTool, Toolset } from '../core/tool-definition';
import { DomainError } from '../../common/errors/domain-error';
import { ToolMetaService } from '../core/tool-meta.service';

const workspaceArg = z.string().trim().min(1).max(200).optional().describe('Workspace id or name (default: the synced workspace).');
const archivedArg = z.boolean().default(false).describe('Include archived items.');
const statusSchema = z.object({
  status: z.string(),
  type: z.string(),
  category: z.enum(['not_started', 'active', 'done', 'closed']),
  orderindex: z.number(),
});
const countsSchema = z.record(z.string(), z.number().int()).describe('Tasks per status category (home-list tasks).');
const listSchema = z.object({
  id: z.string(),
  name: z.string(),
  space: z.string(),
  folder: z.string().nullable(),
  archived: z.boolean(),
  task_count: z.number().int(),
  tasks_by_category: countsSchema,
  statuses_from: z.enum(['list', 'folder', 'space']),
  statuses: z.array(statusSchema),
});
const statusLine = (s: StatusView[]) => s.map((x) => `${x.status} [${x.category}]`).join(', ');
/** What a capped listing says besides its items (tools.md rule 7: never silently cut). */
const pageOut = (what: string) => ({
  total: z.number().int().describe(`How many ${what} there are in all.`),
  truncated: z.boolean().describe(`True when more ${what} follow this page.`),
  offset: z.number().int(),
  hint: z.string().nullable().describe('When truncated: how to see the rest or narrow the question; null otherwise.'),
});
const footer = (o: { hint: string | null }) => (o.hint ? [o.hint] : []);

/** The workspace toolset: browse the synced hierarchy. */
@Injectable()
export class WorkspaceTools implements Toolset {
  readonly name = 'workspace' as const;

  constructor(
    private readonly hierarchy: HierarchyService,
    private readonly meta: ToolMetaService,
    private readonly runner: SyncRunnerService,
  ) {}

  private listView(l: Awaited<ReturnType<HierarchyService['lists']>>[number]) {
    return {
      id: l.id,
      name: l.name,
      space: l.spaceName,
      folder: l.folderName,
      archived: l.archived,
      task_count: l.taskCount,
      tasks_by_category: l.byCategory,
      statuses_from: l.statusesSource as 'list' | 'folder' | 'space',
      statuses: this.hierarchy.statuses(l.statuses),
    };
  }

  tools(): AnyToolDefinition[] {
    const h = this.hierarchy;
    return [
      defineTool({
        name: 'get_workspaces',
        toolset: 'workspace',
        title: 'Workspaces',
        annotations: READ,
        write: false,
        description: 'List the ClickUp workspaces the server has synced: id, name, plan, member count.',
        input: z.object({}),
        output: z.object({
          ...metaShape,
          workspaces: z.array(z.object({ id: z.string(), name: z.string(), plan: z.string().nullable(), member_count: z.number().int() })),
        }),
        handler: async () => ({
          ...(await this.meta.meta()),
          workspaces: (await h.workspaces()).map((w) => ({ id: w.id, name: w.name, plan: w.plan, member_count: w.memberCount })),
        }),
        render: (o) => o.workspaces.map((w) => `${w.name} (${w.id}): ${w.member_count} members`).join('\n') || 'No workspace synced yet.',
      }),
      defineTool({
        name: 'get_spaces',
        toolset: 'workspace',
        title: 'Spaces',
        annotations: READ,
        write: false,
        description: 'List the spaces of a workspace with folder, list and task counts and their status count.',
        input: z.object({ workspace: workspaceArg, include_archived: archivedArg }),
        output: z.object({
          ...metaShape,
          spaces: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              archived: z.boolean(),
              private: z.boolean(),
              status_count: z.number().int(),
              folder_count: z.number().int(),
              list_count: z.number().int(),
              task_count: z.number().int(),
            }),
          ),
        }),
        handler: async (a) => {
          const ws = await h.workspaceId(a.workspace);
          const spaces = await h.spaces(ws, a.include_archived);
          return {
            ...(await this.meta.meta()),
            spaces: spaces.map((s) => ({
              id: s.id,
              name: s.name,
              archived: s.archived,
              private: s.private,
              status_count: s.statuses.length,
              folder_count: s.folderCount,
              list_count: s.listCount,
              task_count: s.taskCount,
            })),
          };
        },
        render: (o) =>
          o.spaces
            .map(
              (s) => `${s.name} (${s.id})${s.archived ? ' [archived]' : ''}: ${s.folder_count} folders, ${s.list_count} lists, ${s.task_count} tasks`,
            )
            .join('\n') || 'No spaces.',
      }),
      defineTool({
        name: 'get_space',
        toolset: 'workspace',
        title: 'One space',
        annotations: READ,
        write: false,
        description: 'One space: its statuses with categories, enabled features, and counts of folders, lists and tasks.',
        input: z.object({ space: nameOrId('Space'), workspace: workspaceArg }),
        output: z.object({
          ...metaShape,
          id: z.string(),
          name: z.string(),
          archived: z.boolean(),
          private: z.boolean(),
          statuses: z.array(statusSchema),
          features: z.array(z.string()),
          folder_count: z.number().int(),
          list_count: z.number().int(),
          task_count: z.number().int(),
        }),
        handler: async (a) => {
          const ws = await h.workspaceId(a.workspace);
          const resolved = await h.space(ws, a.space);
          // Counts read now, by rule 4: an archived space still counts its own contents.
          const s = (await h.spaces(ws, true, false)).find((x) => x.id === resolved.id) ?? resolved;
          const features = Object.entries(s.features ?? {})
            .filter(([, v]) => (v as { enabled?: boolean })?.enabled === true || v === true)
            .map(([k]) => k)
            .sort();
          return {
            ...(await this.meta.meta()),
            id: s.id,
            name: s.name,
            archived: s.archived,
            private: s.private,
            statuses: h.statuses(s.statuses),
            features,
            folder_count: s.folderCount,
            list_count: s.listCount,
            task_count: s.taskCount,
          };
        },
        render: (o) =>
          `${o.name} (${o.id})${o.archived ? ' [archived]' : ''}: ${o.folder_count} folders, ${o.list_count} lists, ${o.task_count} tasks\nStatuses: ${statusLine(o.statuses)}\nFeatures: ${o.features.join(', ') || 'none'}`,
      }),
      defineTool({
        name: 'get_folders',
        toolset: 'workspace',
        title: 'Folders of a space',
        annotations: READ,
        write: false,
        description:
          'List the folders of a space, each with its lists (id, name, task count); long folders show their first lists and how many there are.',
        input: z.object({
          space: nameOrId('Space'),
          workspace: workspaceArg,
          include_archived: archivedArg,
          limit: limitField(20, 200).describe('Maximum folders (1–200, default 20).'),
          offset: offsetField,
          lists_per_folder: limitField(10, 500).describe(
            'Maximum lists shown under each folder (1–500, default 10); list_count says how many it has.',
          ),
        }),
        output: z.object({
          ...metaShape,
          space: z.object({ id: z.string(), name: z.string() }),
          ...pageOut('folders'),
          folders: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              archived: z.boolean(),
              task_count: z.number().int(),
              list_count: z.number().int().describe('Lists in the folder (all of them, shown or not).'),
              lists_truncated: z.boolean().describe('Only the first lists_per_folder lists are shown; get_lists shows the rest.'),
              lists: z.array(z.object({ id: z.string(), name: z.string(), archived: z.boolean(), task_count: z.number().int() })),
            }),
          ),
        }),
        handler: async (a) => {
          const ws = await h.workspaceId(a.workspace);
          const s = await h.space(ws, a.space);
          const [folders, lists] = await Promise.all([h.folders(ws, s.id, a.include_archived), h.lists(ws, { spaceId: s.id }, a.include_archived)]);
          const page = pageOf(folders, a.offset, a.limit, 'name one folder with get_folder or get_lists');
          return {
            ...(await this.meta.meta()),
            space: { id: s.id, name: s.name },
            ...pageMeta(page),
            folders: page.items.map((f) => {
              const mine = lists.filter((l) => l.folderId === f.id);
              return {
                id: f.id,
                name: f.name,
                archived: f.archived,
                task_count: f.taskCount,
                list_count: mine.length,
                lists_truncated: mine.length > a.lists_per_folder,
                lists: mine.slice(0, a.lists_per_folder).map((l) => ({ id: l.id, name: l.name, archived: l.archived, task_count: l.taskCount })),
              };
            }),
          };
        },
        render: (o) =>
          [
            `Space ${o.space.name}: ${o.total} folders`,
            ...o.folders.map(
              (f) =>
                `- ${f.name} (${f.id})${f.archived ? ' [archived]' : ''}: ${f.task_count} tasks in ${f.list_count} lists: ${f.lists.map((l) => `${l.name} (${l.task_count})`).join(', ') || 'no lists'}${f.lists_truncated ? `, … ${f.list_count - f.lists.length} more` : ''}`,
            ),
            ...footer(o),
          ].join('\n'),
      }),
      defineTool({
        name: 'get_folder',
        toolset: 'workspace',
        title: 'One folder',
        annotations: READ,
        write: false,
        description: "One folder with its lists and each list's effective statuses (own, or inherited and from where).",
        input: z.object({
          folder: nameOrId('Folder'),
          space: nameOrId('Space (narrows the folder name)').optional(),
          workspace: workspaceArg,
          limit: limitField(10, 200).describe('Maximum lists (1–200, default 10).'),
          offset: offsetField,
        }),
        output: z.object({
          ...metaShape,
          id: z.string(),
          name: z.string(),
          space: z.string(),
          archived: z.boolean(),
          override_statuses: z.boolean(),
          ...pageOut('lists'),
          lists: z.array(listSchema),
        }),
        handler: async (a) => {
          const ws = await h.workspaceId(a.workspace);
          const spaceId = a.space ? (await h.space(ws, a.space)).id : undefined;
          const f = await h.folder(ws, a.folder, spaceId);
          // Every list of the folder, archived ones too; each counted by rule 4 (its archived tasks left out).
          const page = pageOf(await h.lists(ws, { folderId: f.id }, true, false), a.offset, a.limit, 'name one list with get_list');
          return {
            ...(await this.meta.meta()),
            id: f.id,
            name: f.name,
            space: f.spaceName,
            archived: f.archived,
            override_statuses: f.overrideStatuses,
            ...pageMeta(page),
            lists: page.items.map((l) => this.listView(l)),
          };
        },
        render: (o) =>
          [
            `Folder ${o.name} (${o.id}) in ${o.space}${o.archived ? ' [archived]' : ''}: ${o.total} lists`,
            ...o.lists.map((l) => `- ${l.name} (${l.id}): ${l.task_count} tasks; statuses from ${l.statuses_from}: ${statusLine(l.statuses)}`),
            ...footer(o),
          ].join('\n'),
      }),
      defineTool({
        name: 'get_lists',
        toolset: 'workspace',
        title: 'Lists of a folder',
        annotations: READ,
        write: false,
        description: 'List the lists of a folder with task counts (per status category) and effective statuses.',
        input: z.object({
          folder: nameOrId('Folder'),
          space: nameOrId('Space (narrows the folder name)').optional(),
          workspace: workspaceArg,
          include_archived: archivedArg,
          limit: limitField(10, 200).describe('Maximum lists (1–200, default 10).'),
          offset: offsetField,
        }),
        output: z.object({ ...metaShape, folder: z.object({ id: z.string(), name: z.string() }), ...pageOut('lists'), lists: z.array(listSchema) }),
        handler: async (a) => {
          const ws = await h.workspaceId(a.workspace);
          const spaceId = a.space ? (await h.space(ws, a.space)).id : undefined;
          const f = await h.folder(ws, a.folder, spaceId);
          const page = pageOf(await h.lists(ws, { folderId: f.id }, a.include_archived), a.offset, a.limit, 'name one list with get_list');
          return {
            ...(await this.meta.meta()),
            folder: { id: f.id, name: f.name },
            ...pageMeta(page),
            lists: page.items.map((l) => this.listView(l)),
          };
        },
        render: (o) =>
          [
            `Lists in ${o.folder.name} (${o.total}):`,
            ...o.lists.map((l) => `- ${l.name} (${l.id}): ${l.task_count} tasks ${JSON.stringify(l.tasks_by_category)}`),
            ...footer(o),
          ].join('\n'),
      }),
      defineTool({
        name: 'get_folderless_lists',
        toolset: 'workspace',
        title: 'Folderless lists of a space',
        annotations: READ,
        write: false,
        description: 'List the lists that sit directly in a space (not in a folder), with task counts and statuses.',
        input: z.object({
          space: nameOrId('Space'),
          workspace: workspaceArg,
          include_archived: archivedArg,
          limit: limitField(10, 200).describe('Maximum lists (1–200, default 10).'),
          offset: offsetField,
        }),
        output: z.object({ ...metaShape, space: z.object({ id: z.string(), name: z.string() }), ...pageOut('lists'), lists: z.array(listSchema) }),
        handler: async (a) => {
          const ws = await h.workspaceId(a.workspace);
          const s = await h.space(ws, a.space);
          const page = pageOf(
            await h.lists(ws, { spaceId: s.id, folderId: null }, a.include_archived),
            a.offset,
            a.limit,
            'name one list with get_list',
          );
          return {
            ...(await this.meta.meta()),
            space: { id: s.id, name: s.name },
            ...pageMeta(page),
            lists: page.items.map((l) => this.listView(l)),
          };
        },
        render: (o) =>
          [
            `Folderless lists in ${o.space.name} (${o.total}):`,
            ...o.lists.map((l) => `- ${l.name} (${l.id}): ${l.task_count} tasks`),
            ...footer(o),
          ].join('\n'),
      }),
      defineTool({
        name: 'get_list',
        toolset: 'workspace',
        title: 'One list',
        annotations: READ,
        write: false,
        description: 'One list: where it lives, its statuses (own or inherited, and from where) and task counts by category.',
        input: z.object({ list: nameOrId('List'), space: nameOrId('Space (narrows the list name)').optional(), workspace: workspaceArg }),
        output: z.object({ ...metaShape, ...listSchema.shape }),
        handler: async (a) => {
          const ws = await h.workspaceId(a.workspace);
          const spaceId = a.space ? (await h.space(ws, a.space)).id : undefined;
          const l = await h.list(ws, a.list, { spaceId });
          // Counted by rule 4, as get_list_progress counts it: its archived tasks left out.
          const [fresh] = await h.lists(ws, { listId: l.id }, true, false);
          return { ...(await this.meta.meta()), ...this.listView(fresh ?? l) };
        },
        render: (o) =>
          `${o.name} (${o.id}) in ${o.space}${o.folder ? ` › ${o.folder}` : ''}${o.archived ? ' [archived]' : ''}: ${o.task_count} tasks ${JSON.stringify(o.tasks_by_category)}\nStatuses (from ${o.statuses_from}): ${statusLine(o.statuses)}`,
      }),
      defineTool({
        name: 'get_workspace_members',
        toolset: 'workspace',
        title: 'Members',
        annotations: READ,
        write: false,
        description:
          'List workspace members: id, name, email, role (owner/admin/member/guest) and whether the invite is pending; `query` filters by name or email.',
        input: z.object({
          workspace: workspaceArg,
          query: z.string().trim().min(1).max(200).optional().describe('Only members whose name or email contains this (case-insensitive).'),
          limit: limitField(50, 500).describe('Maximum members (1–500, default 50).'),
          offset: offsetField,
        }),
        output: z.object({
          ...metaShape,
          ...pageOut('members'),
          members: z.array(
            z.object({
              id: z.number().int(),
              name: z.string().nullable(),
              email: z.string().nullable(),
              role: z.string().nullable(),
              status: z.string(),
            }),
          ),
        }),
        handler: async (a) => {
          const ws = await h.workspaceId(a.workspace);
          const q = a.query?.toLowerCase();
          const all = (await h.members(ws)).filter((m) => !q || [m.username, m.email].some((x) => x?.toLowerCase().includes(q)));
          const page = pageOf(all, a.offset, a.limit, 'pass `query` (part of a name or email)');
          return {
            ...(await this.meta.meta()),
            ...pageMeta(page),
            members: page.items.map((m) => ({ id: m.id, name: m.username, email: m.email, role: m.roleKey, status: m.status })),
          };
        },
        render: (o) =>
          [
            ...o.members.map(
              (m) => `${m.name ?? '(invited)'} <${m.email ?? '?'}> ${m.role ?? ''} (${m.id})${m.status !== 'active' ? ` [${m.status}]` : ''}`,
            ),
            o.hint ?? `${o.total} members.`,
          ].join('\n'),
      }),
      defineTool({
        name: 'invalidate_cache',
        toolset: 'workspace',
        title: 'Refresh hierarchy',
        annotations: REFRESH,
        write: false,
        description: 'Drop in-memory caches and refresh spaces, folders, lists and members from ClickUp now.',
        input: z.object({}),
        output: z.object({ ...metaShape, refreshed: z.boolean(), run_id: z.number().int().nullable(), message: z.string() }),
        handler: async () => {
          h.invalidate();
          this.meta.invalidate();
          const r = await this.runner.runNow('hierarchy', 'mcp');
          if (!r.started && r.reason === 'failed') throw new DomainError(`Caches dropped, but the refresh failed: ${r.error}`);
          if (!r.started) {
            return {
              ...(await this.meta.meta()),
              refreshed: false,
              run_id: r.runId,
              message: `Caches dropped; a ${r.kind} sync (run ${r.runId ?? '?'}) is already running and will refresh the data.`,
            };
          }
          if (r.run?.status !== 'succeeded') throw new DomainError(`Caches dropped, but the refresh failed: ${r.run?.error ?? 'unknown error'}`);
          return {
            ...(await this.meta.meta()),
            refreshed: true,
            run_id: r.runId,
            message: `Caches dropped; hierarchy and members refreshed from ClickUp (${r.run.requests} requests).`,
          };
        },
        render: (o) => o.message,
      }),
    ];
  }
}
