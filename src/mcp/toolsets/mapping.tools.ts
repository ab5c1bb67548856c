import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { fitReport, listAt } from '../../analytics/reports/result-budget';
import { Clock } from '../../common/time/clock';
import { DomainError } from '../../common/errors/domain-error';
import { MappedTarget, ProjectMappingService } from '../../mapping/project-mapping.service';
import { ProjectRegistryService } from '../../mapping/project-registry.service';
import { toRunView } from '../../sync/sync-status.service';
import { entryJson } from '../../projects/project-views';
import { READ, REFRESH, REGISTRY_ADD, REGISTRY_REMOVE } from '../core/annotations';
import { metaShape, nameOrId } from '../core/common-schemas';
import { AnyToolDefinition, defineTool, Toolset } from '../core/tool-definition';
import { ToolMetaService } from '../core/tool-meta.service';
import { addedResult, addedSchema, aliasArg, entrySchema, projectArg, removedResult, removedSchema, targetArgs } from './projects.tools';
import { progressForwarder, runSchema, runView } from './sync.tools';

const kind = z.enum(['space', 'folder', 'list']);
const archivedArg = z.boolean().default(false).describe('Include archived.');
const listNode = z.object({ id: z.string(), name: z.string(), archived: z.boolean(), task_count: z.number().int() });
const countsSchema = z.object({ folders: z.number().int(), lists: z.number().int(), tasks: z.number().int() });
const structureShape = {
  target: z.object({ type: kind, id: z.string(), name: z.string(), location: z.string(), archived: z.boolean() }),
  counts: countsSchema.describe('Of what is shown; tasks = sum over the lists shown.'),
  folders: z.array(listNode.extend({ lists: z.array(listNode) })),
  lists: z.array(listNode).describe("Lists directly in it: a space's folderless lists, a folder's lists, or the list itself."),
  truncated: z.boolean(),
  hint: z.string().nullable(),
};
const NARROW = 'Too big for one answer: ask discover_folder per folder.';

/** The mapping toolset: aliases (the same registry as the projects toolset), hierarchy discovery, sync and cache state. */
@Injectable()
export class MappingTools implements Toolset {
  readonly name = 'mapping' as const;

  constructor(
    private readonly registry: ProjectRegistryService,
    private readonly mapping: ProjectMappingService,
    private readonly meta: ToolMetaService,
    private readonly clock: Clock,
  ) {}

  private async structure(m: MappedTarget) {
    const s = m.structure;
    const out = {
      ...(await this.meta.meta()),
      target: m.target,
      counts: s.counts,
      truncated: false,
      hint: null as string | null,
      folders: s.folders.map((f) => ({ id: f.id, name: f.name, archived: f.archived, task_count: f.taskCount, lists: f.lists.map(node) })),
      lists: s.lists.map(node),
    };
    return fitReport(out, [() => out.folders.map((f) => listAt(f, 'lists', 0)), () => [listAt(out, 'folders'), listAt(out, 'lists')]], NARROW);
  }

  tools(): AnyToolDefinition[] {
    const r = this.registry;
    const m = this.mapping;
    return [
      defineTool({
        name: 'map_project',
        toolset: 'mapping',
        title: 'Map an alias',
        annotations: REGISTRY_ADD,
        write: true,
        description: 'Give a space, folder or list an alias (the same registry as add_project).',
        input: z.object({ alias: aliasArg, ...targetArgs }),
        output: addedSchema,
        handler: async (a) => addedResult(this.meta, await r.add(await r.workspaceId(), a)),
        render: (o) => [o.message, ...o.warnings].join('\n'),
      }),
      defineTool({
        name: 'unmap_project',
        toolset: 'mapping',
        title: 'Remove an alias',
        annotations: REGISTRY_REMOVE,
        write: true,
        description: 'Remove an alias (same as remove_project). ClickUp is untouched.',
        input: z.object({ alias: aliasArg }),
        output: removedSchema,
        handler: async (a) => removedResult(this.meta, await r.remove(await r.workspaceId(), a.alias)),
        render: (o) => o.message,
      }),
      defineTool({
        name: 'list_mappings',
        toolset: 'mapping',
        title: 'Aliases',
        annotations: READ,
        write: false,
        description: 'All aliases with their target and what it contains (folders, lists, tasks).',
        input: z.object({}),
        output: z.object({
          ...metaShape,
          total: z.number().int(),
          truncated: z.boolean(),
          hint: z.string().nullable(),
          mappings: z.array(entrySchema.extend({ counts: countsSchema.nullable().describe('Non-archived content; null when deleted.') })),
        }),
        handler: async () => {
          const all = (await m.mappings()).map((x) => ({ ...entryJson(x.entry), counts: x.counts }));
          const out = { ...(await this.meta.meta()), total: all.length, truncated: false, hint: null as string | null, mappings: all };
          return fitReport(out, [() => [listAt(out, 'mappings')]], 'Too many to list at once: get_mapping shows one.');
        },
        render: (o) =>
          o.total
            ? o.mappings
                .map(
                  (x) =>
                    `${x.alias} → ${x.type} ${x.name} (${x.id})${x.state !== 'ok' ? ` [${x.state}]` : ''}${x.counts ? `: ${x.counts.folders} folders, ${x.counts.lists} lists, ${x.counts.tasks} tasks` : ''}`,
                )
                .join('\n')
            : 'No aliases yet: map_project creates one.',
      }),
      defineTool({
        name: 'get_mapping',
        toolset: 'mapping',
        title: 'One alias',
        annotations: READ,
        write: false,
        description: 'One alias (or any space/folder/list) with its folders → lists and task counts.',
        input: z.object({ project: projectArg, include_archived: archivedArg }),
        output: z.object({ ...metaShape, alias: entrySchema.nullable().describe('The registry entry, when named by alias.'), ...structureShape }),
        handler: async (a) => {
          const x = await m.mapped(a.project, a.include_archived);
          return { alias: x.entry ? entryJson(x.entry) : null, ...(await this.structure(x)) };
        },
        render: (o) => [`${o.alias ? `${o.alias.alias} → ` : ''}${renderStructure(o)}`].join('\n'),
      }),
      defineTool({
        name: 'discover_space',
        toolset: 'mapping',
        title: 'Discover a space',
        annotations: READ,
        write: false,
        description: "A space's folders and lists with ids, task counts and archived flags.",
        input: z.object({ space: nameOrId('Space'), include_archived: archivedArg }),
        output: z.object({ ...metaShape, ...structureShape }),
        handler: async (a) => this.structure(await m.discoverSpace(a.space, a.include_archived)),
        render: renderStructure,
      }),
      defineTool({
        name: 'discover_folder',
        toolset: 'mapping',
        title: 'Discover a folder',
        annotations: READ,
        write: false,
        description: "A folder's lists with ids and task counts.",
        input: z.object({ folder: nameOrId('Folder'), space: nameOrId('Space (narrows the name)').optional(), include_archived: archivedArg }),
        output: z.object({ ...metaShape, ...structureShape }),
        handler: async (a) => this.structure(await m.discoverFolder(a.folder, a.space, a.include_archived)),
        render: renderStructure,
      }),
      defineTool({
        name: 'cache_status',
        neverReuse: true,
        toolset: 'mapping',
        title: 'Cache status',
        annotations: READ,
        write: false,
        description: 'What is synced and cached: counts per entity, last full and incremental sync, next scheduled run, in-memory caches.',
        input: z.object({}),
        output: z.object({
          ...metaShape,
          counts: z.object({
            spaces: z.number().int(),
            folders: z.number().int(),
            lists: z.number().int(),
            tasks: z.number().int(),
            time_entries: z.number().int(),
            members: z.number().int(),
            projects: z.number().int(),
          }),
          last_full: runSchema.nullable(),
          last_incremental: runSchema.nullable(),
          running: z.object({ run_id: z.number().int().nullable(), kind: z.string(), since: z.string() }).nullable(),
          next_run_at: z.string().nullable().describe('The next scheduled sync or snapshot; null when scheduling is off.'),
          caches: z.array(z.object({ name: z.string(), entries: z.number().int(), age_ms: z.number().int().nullable() })),
        }),
        handler: async () => {
          const s = await m.cacheStatus();
          return {
            ...(await this.meta.meta()),
            counts: {
              spaces: s.counts.spaces,
              folders: s.counts.folders,
              lists: s.counts.lists,
              tasks: s.counts.tasks,
              time_entries: s.counts.timeEntries,
              members: s.counts.members,
              projects: s.counts.projects,
            },
            last_full: s.lastFull ? runView(s.lastFull) : null,
            last_incremental: s.lastIncremental ? runView(s.lastIncremental) : null,
            running: s.running ? { run_id: s.running.runId, kind: s.running.kind, since: s.running.since } : null,
            next_run_at: s.nextRunAt,
            caches: s.caches.map((c) => ({ name: c.name, entries: c.entries, age_ms: c.ageMs })),
          };
        },
        render: (o) =>
          [
            `Synced: ${o.counts.spaces} spaces, ${o.counts.folders} folders, ${o.counts.lists} lists, ${o.counts.tasks} tasks, ${o.counts.time_entries} time entries, ${o.counts.members} members; ${o.counts.projects} aliases.`,
            `Last full sync: ${o.last_full ? `${o.last_full.status} at ${o.last_full.finished_at ?? o.last_full.started_at}` : 'never'}. Last incremental: ${o.last_incremental ? `${o.last_incremental.status} at ${o.last_incremental.finished_at ?? o.last_incremental.started_at}` : 'never'}.`,
            o.running
              ? `Running now: ${o.running.kind} (run ${o.running.run_id ?? '?'}).`
              : `Next scheduled run: ${o.next_run_at ?? 'none (scheduling off)'}.`,
            `Caches: ${o.caches.map((c) => `${c.name} ${c.entries} entries`).join(', ') || 'none'}.`,
          ].join('\n'),
      }),
      defineTool({
        name: 'clear_cache',
        neverReuse: true,
        toolset: 'mapping',
        title: 'Clear caches',
        annotations: READ,
        write: false,
        description: 'Drop in-memory caches (confirm: true). Never deletes synced data or aliases; the next read rebuilds them.',
        input: z.object({ confirm: z.boolean().describe('Must be true.') }),
        output: z.object({ ...metaShape, cleared: z.array(z.object({ name: z.string(), entries: z.number().int() })), message: z.string() }),
        handler: async (a) => {
          if (a.confirm !== true)
            throw new DomainError('Nothing cleared: pass confirm: true to drop the caches (synced data and aliases are never deleted).');
          const before = m.clearCaches();
          this.meta.invalidate();
          return {
            ...(await this.meta.meta()),
            cleared: before.map((c) => ({ name: c.name, entries: c.entries })),
            message: `Dropped ${before.length} caches (${before.reduce((n, c) => n + c.entries, 0)} entries); synced data and aliases are untouched.`,
          };
        },
        render: (o) => o.message,
      }),
      defineTool({
        name: 'refresh_mapping',
        toolset: 'mapping',
        title: 'Re-sync a project',
        annotations: REFRESH,
        write: false,
        description: "Sync one project's lists from ClickUp now (tasks and recent time entries) and wait. Reports progress.",
        input: z.object({ project: projectArg }),
        output: z.object({
          ...metaShape,
          project: z.object({ alias: z.string().nullable(), type: kind, id: z.string(), name: z.string() }),
          lists: z.number().int().describe('Lists synced.'),
          status: z.enum(['succeeded', 'partial', 'already_running']),
          run: runSchema.nullable(),
          running_run_id: z.number().int().nullable(),
          message: z.string(),
        }),
        handler: async (a, ctx) => {
          const x = await m.refresh(a.project, progressForwarder(ctx));
          const res = x.result;
          this.meta.invalidate();
          const project = { alias: x.scope.alias, type: x.scope.type, id: x.scope.id, name: x.scope.name };
          const label = `${project.type} ${project.name}`;
          if (!res.started && res.reason === 'failed') throw new DomainError(`Syncing ${label} failed (run ${res.runId}): ${res.error}`);
          if (!res.started) {
            return {
              ...(await this.meta.meta()),
              project,
              lists: x.lists,
              status: 'already_running' as const,
              run: null,
              running_run_id: res.runId,
              message: `A ${res.kind} sync (run ${res.runId ?? '?'}) is running since ${res.since.toISOString()}; it brings ${label} up to date too.`,
            };
          }
          const run = res.run!;
          if (run.status === 'failed') throw new DomainError(`Syncing ${label} failed (run ${run.id}): ${run.error ?? 'unknown error'}`);
          const view = runView(toRunView(run));
          return {
            ...(await this.meta.meta()),
            project,
            lists: x.lists,
            status: run.status as 'succeeded' | 'partial',
            run: view,
            running_run_id: null,
            message: `${run.status === 'succeeded' ? 'Synced' : 'Partly synced'} ${label}: ${x.lists} lists, ${run.counts.tasksWritten ?? 0} tasks and ${run.counts.timeEntriesWritten ?? 0} time entries written, ${run.requests} requests (run ${run.id}).${run.error ? ` ${run.error}` : ''}`,
          };
        },
        render: (o) => o.message,
      }),
      defineTool({
        name: 'export_mappings',
        toolset: 'mapping',
        title: 'Export aliases',
        annotations: READ,
        write: false,
        description: 'All aliases as JSON; import_mappings takes it back.',
        input: z.object({}),
        output: z.object({
          ...metaShape,
          format: z.string(),
          version: z.number().int(),
          workspace_id: z.string(),
          exported_at: z.string(),
          projects: z.array(
            z.object({
              alias: z.string(),
              type: kind,
              id: z.string(),
              name: z.string().nullable(),
              path: z.string().nullable(),
              notes: z.string().nullable(),
            }),
          ),
        }),
        handler: async () => ({ ...(await this.meta.meta()), ...(await r.exportDoc(await r.workspaceId(), new Date(this.clock.now()))) }),
        render: (o) =>
          JSON.stringify({ format: o.format, version: o.version, workspace_id: o.workspace_id, exported_at: o.exported_at, projects: o.projects }),
      }),
      defineTool({
        name: 'import_mappings',
        toolset: 'mapping',
        title: 'Import aliases',
        annotations: REGISTRY_ADD,
        write: true,
        description:
          'Add aliases from export_mappings output or an original project_map.json; reports what it could not match. Never overwrites an alias.',
        input: z.object({
          data: z.union([z.string().max(2_000_000), z.record(z.string(), z.unknown())]).describe('The JSON (text or object).'),
        }),
        output: z.object({
          ...metaShape,
          source: z.enum(['export', 'project_map']),
          added: z.array(z.object({ alias: z.string(), type: kind, id: z.string(), name: z.string(), matched_by: z.enum(['id', 'name']) })),
          unchanged: z.array(z.string()).describe('Already tracked the same target.'),
          conflicts: z.array(z.object({ alias: z.string(), reason: z.string() })),
          unmatched: z.array(z.object({ alias: z.string(), type: kind, id: z.string().nullable(), name: z.string().nullable(), reason: z.string() })),
          unreadable: z.array(z.object({ entry: z.string(), reason: z.string() })),
          message: z.string(),
        }),
        handler: async (a) => {
          const x = await r.import(await r.workspaceId(), a.data);
          return {
            ...(await this.meta.meta()),
            source: x.source,
            added: x.added.map((e) => ({ alias: e.alias, type: e.type, id: e.id, name: e.name, matched_by: e.matchedBy })),
            unchanged: x.unchanged,
            conflicts: x.conflicts,
            unmatched: x.unmatched,
            unreadable: x.unreadable,
            message: `Imported ${x.added.length} aliases from ${x.source === 'export' ? 'an export' : 'a project_map.json'}; ${x.unchanged.length} unchanged, ${x.conflicts.length} conflicts, ${x.unmatched.length} unmatched, ${x.unreadable.length} unreadable.`,
          };
        },
        render: (o) =>
          [
            o.message,
            ...o.added.map((e) => `+ ${e.alias} → ${e.type} ${e.name} (${e.id}, by ${e.matched_by})`),
            ...o.conflicts.map((e) => `! ${e.alias}: ${e.reason}`),
            ...o.unmatched.map((e) => `? ${e.alias}: ${e.reason}`),
            ...o.unreadable.map((e) => `? ${e.entry}: ${e.reason}`),
          ].join('\n'),
      }),
    ];
  }
}

const node = (l: { id: string; name: string; archived: boolean; taskCount: number }) => ({
  id: l.id,
  name: l.name,
  archived: l.archived,
  task_count: l.taskCount,
});

function renderStructure(o: {
  target: { type: string; name: string; id: string; location: string };
  counts: { folders: number; lists: number; tasks: number };
  folders: {
    name: string;
    id: string;
    archived: boolean;
    task_count: number;
    lists: { name: string; id: string; task_count: number; archived: boolean }[];
  }[];
  lists: { name: string; id: string; task_count: number; archived: boolean }[];
  truncated: boolean;
  hint: string | null;
}): string {
  const list = (l: { name: string; id: string; task_count: number; archived: boolean }) =>
    `${l.name} (${l.id}, ${l.task_count} tasks${l.archived ? ', archived' : ''})`;
  return [
    `${o.target.type} ${o.target.name} (${o.target.id})${o.target.location ? ` in ${o.target.location}` : ''}: ${o.counts.folders} folders, ${o.counts.lists} lists, ${o.counts.tasks} tasks.`,
    ...o.folders.map((f) => `- folder ${f.name} (${f.id})${f.archived ? ' [archived]' : ''}: ${f.lists.map(list).join(', ') || 'no lists'}`),
    ...o.lists.map((l) => `- list ${list(l)}`),
    ...(o.truncated ? [o.hint ?? ''] : []),
  ].join('\n');
}
