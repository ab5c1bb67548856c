import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { AppConfig } from '../../config/app-config';
import { HierarchyService } from '../../mapping/hierarchy.service';
import { MemberResolverService } from '../../mapping/member-resolver.service';
import { SyncProgressEvent } from '../../sync/sync-context';
import { SyncRunnerService } from '../../sync/sync-runner.service';
import { SyncRunView, SyncStatusService, toRunView } from '../../sync/sync-status.service';
import { TimeEntryView, TimeWritesService } from '../../writes/time-writes.service';
import { CREATE, READ, REFRESH, TOGGLE } from '../core/annotations';
import { durationSchema, metaShape, nameOrId } from '../core/common-schemas';
import { duration, elapsed, humanDuration } from '../../common/time/duration';
import { AnyToolDefinition, defineTool, ToolCallContext, Toolset } from '../core/tool-definition';
import { DomainError } from '../../common/errors/domain-error';
import { ToolMetaService } from '../core/tool-meta.service';

/** Sync progress arrives per page/window; a client needs a heartbeat, not hundreds of notifications. */
const PROGRESS_EVERY_MS = 250;

export const runSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  trigger: z.string(),
  status: z.string(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  duration: durationSchema.nullable(),
  counts: z.record(z.string(), z.number()).describe('What the run read, wrote and deleted, per entity.'),
  requests: z.number().int().describe('ClickUp API requests the run made.'),
  rate_limited: z.number().int(),
  retries: z.number().int(),
  error: z.string().nullable(),
});
const memberRefSchema = z.object({ id: z.number().int(), name: z.string().nullable(), email: z.string().nullable() });
const entrySchema = z.object({
  id: z.string(),
  task: z.object({ id: z.string(), custom_id: z.string().nullable(), name: z.string() }).nullable(),
  user: z.object({ id: z.number().int(), name: z.string().nullable() }).describe('Who the time is attributed to.'),
  start: z.string(),
  end: z.string().nullable().describe('Null while the timer runs.'),
  running: z.boolean(),
  duration: durationSchema.describe("The entry's length; for a running timer, the time elapsed so far."),
  billable: z.boolean(),
  description: z.string().nullable(),
});
const taskArg = z.string().trim().min(1).max(100);

/** The sync toolset: sync state, triggering a sync, member resolution and time-tracking writes. */
@Injectable()
export class SyncTools implements Toolset {
  readonly name = 'sync' as const;

  constructor(
    private readonly cfg: AppConfig,
    private readonly status: SyncStatusService,
    private readonly runner: SyncRunnerService,
    private readonly hierarchy: HierarchyService,
    private readonly members: MemberResolverService,
    private readonly timeWrites: TimeWritesService,
    private readonly meta: ToolMetaService,
  ) {}

  tools(): AnyToolDefinition[] {
    const tz = this.cfg.reports.timeZone;
    return [
      defineTool({
        name: 'get_sync_status',
        neverReuse: true,
        toolset: 'sync',
        title: 'Sync status',
        annotations: READ,
        write: false,
        description:
          'How fresh the synced data is: counts per entity, freshness per entity, the last run of each kind, a running sync, and the next scheduled runs.',
        input: z.object({}),
        output: z.object({
          ...metaShape,
          workspace_id: z.string().nullable(),
          report_time_zone: z.string(),
          counts: z.object({
            workspaces: z.number().int(),
            members: z.number().int(),
            spaces: z.number().int(),
            folders: z.number().int(),
            lists: z.number().int(),
            tasks: z.number().int(),
            tasks_deleted: z.number().int(),
            time_entries: z.number().int(),
            time_entries_deleted: z.number().int(),
            running_timers: z.number().int(),
            snapshot_days: z.number().int(),
          }),
          freshness: z.array(
            z.object({
              entity: z.string(),
              cursor: z.string().nullable().describe('Changes up to this instant are synced (null: no cursor for this entity).'),
              last_written_at: z.string().nullable().describe('When a sync last wrote a row of this entity.'),
            }),
          ),
          running: z.object({ run_id: z.number().int().nullable(), kind: z.string(), since: z.string() }).nullable(),
          last_runs: z.array(runSchema).describe('The newest run of each kind, newest first.'),
          schedule: z.object({
            enabled: z.boolean(),
            time_zone: z.string(),
            incremental_every_minutes: z.number(),
            next_incremental_at: z.string().nullable(),
            next_reconcile_at: z.string().nullable(),
            next_snapshot_at: z.string().nullable(),
          }),
        }),
        handler: async () => {
          const v = await this.status.view();
          const c = v.counts;
          return {
            ...(await this.meta.meta()),
            data_as_of: v.dataAsOf,
            demo: v.demo,
            workspace_id: v.workspaceId,
            report_time_zone: tz,
            counts: {
              workspaces: c.workspaces,
              members: c.members,
              spaces: c.spaces,
              folders: c.folders,
              lists: c.lists,
              tasks: c.tasks,
              tasks_deleted: c.tasksDeleted,
              time_entries: c.timeEntries,
              time_entries_deleted: c.timeEntriesDeleted,
              running_timers: c.runningTimers,
              snapshot_days: c.snapshotDays,
            },
            freshness: v.freshness.map((f) => ({ entity: f.entity, cursor: f.cursor, last_written_at: f.lastWrittenAt })),
            running: v.running ? { run_id: v.running.runId, kind: v.running.kind, since: v.running.since } : null,
            last_runs: v.lastRuns.map((r) => runView(r)),
            schedule: {
              enabled: v.schedule.enabled,
              time_zone: v.schedule.timeZone,
              incremental_every_minutes: v.schedule.incrementalEveryMinutes,
              next_incremental_at: v.schedule.nextIncrementalAt,
              next_reconcile_at: v.schedule.nextReconcileAt,
              next_snapshot_at: v.schedule.nextSnapshotAt,
            },
          };
        },
        render: (o) =>
          [
            `Data as of ${o.data_as_of ?? 'never (no successful sync yet)'}${o.demo ? ' [demo sandbox]' : ''}.`,
            `Holds ${o.counts.tasks} tasks, ${o.counts.time_entries} time entries (${o.counts.running_timers} running), ${o.counts.members} members, ${o.counts.spaces} spaces, ${o.counts.folders} folders, ${o.counts.lists} lists.`,
            o.running ? `Running now: ${o.running.kind} sync (run ${o.running.run_id ?? '?'}) since ${o.running.since}.` : 'No sync running.',
            ...o.last_runs.map(
              (r) =>
                `Last ${r.kind}: ${r.status}${r.finished_at ? ` at ${r.finished_at}` : ''}, ${r.requests} requests${r.error ? ` — ${r.error}` : ''}`,
            ),
            o.schedule.enabled ? `Next incremental sync: ${o.schedule.next_incremental_at ?? 'not scheduled'}.` : 'Scheduled sync is off.',
          ].join('\n'),
      }),
      defineTool({
        name: 'trigger_sync',
        toolset: 'sync',
        title: 'Sync now',
        annotations: REFRESH,
        write: false,
        description:
          'Sync from ClickUp now and wait for it: incremental (changes since the last sync, default) or full (everything). Reports progress while it runs.',
        input: z.object({
          kind: z.enum(['incremental', 'full']).default('incremental').describe('incremental (fast, default) or full (re-reads everything).'),
        }),
        output: z.object({
          ...metaShape,
          status: z.enum(['succeeded', 'partial', 'already_running']),
          run: runSchema.nullable().describe('The run this call made; null when another sync was already running.'),
          running_run_id: z.number().int().nullable().describe('With already_running: the run that holds the workspace.'),
          message: z.string(),
        }),
        handler: async (a, ctx) => {
          const r = await this.runner.runNow(a.kind, 'mcp', progressForwarder(ctx));
          // data_as_of moved: the next result must not carry the cached value (the hierarchy cache drops itself on every run).
          this.meta.invalidate();
          if (!r.started && r.reason === 'failed') throw new DomainError(`The ${a.kind} sync (run ${r.runId}) failed: ${r.error}`);
          if (!r.started) {
            return {
              ...(await this.meta.meta()),
              status: 'already_running' as const,
              run: null,
              running_run_id: r.runId,
              message: `A ${r.kind} sync (run ${r.runId ?? '?'}) has been running since ${r.since.toISOString()}; it will bring the data up to date. Check get_sync_status later.`,
            };
          }
          const run = r.run!;
          if (run.status === 'failed') throw new DomainError(`The ${a.kind} sync (run ${run.id}) failed: ${run.error ?? 'unknown error'}`);
          const view = runView(toRunView(run));
          return {
            ...(await this.meta.meta()),
            status: run.status as 'succeeded' | 'partial',
            run: view,
            running_run_id: null,
            message:
              run.status === 'succeeded'
                ? `${cap(a.kind)} sync (run ${run.id}) succeeded in ${view.duration?.human ?? '?'} with ${run.requests} ClickUp requests.`
                : `${cap(a.kind)} sync (run ${run.id}) finished partially: ${run.error ?? 'some units failed'}. Data it could not read was left as it was.`,
          };
        },
        render: (o) =>
          [
            o.message,
            ...(o.run
              ? [
                  `Counts: ${
                    Object.entries(o.run.counts)
                      .map(([k, v]) => `${k} ${v}`)
                      .join(', ') || 'none'
                  }`,
                ]
              : []),
          ].join('\n'),
      }),
      defineTool({
        name: 'resolve_assignees',
        toolset: 'sync',
        title: 'Resolve people',
        annotations: READ,
        write: false,
        description:
          'Turn names, usernames, emails or ids (up to 50) into workspace member ids. Unresolved ones come back with "did you mean" candidates.',
        input: z.object({
          people: z
            .array(z.string().trim().min(1).max(200))
            .min(1)
            .max(50)
            .describe('Names, emails or member ids, e.g. ["alice", "bob@example.com"].'),
        }),
        output: z.object({
          ...metaShape,
          resolved: z.array(memberRefSchema.extend({ input: z.string() })),
          unresolved: z.array(
            z.object({
              input: z.string(),
              reason: z.enum(['ambiguous', 'not_found']),
              message: z.string(),
              candidates: z.array(memberRefSchema),
            }),
          ),
        }),
        handler: async (a) => {
          const ws = await this.hierarchy.workspaceId();
          return { ...(await this.meta.meta()), ...(await this.members.resolveMany(ws, a.people)) };
        },
        render: (o) =>
          [
            ...o.resolved.map((r) => `${r.input} → ${r.name ?? r.email ?? '?'} (${r.id})`),
            ...o.unresolved.map(
              (u) =>
                `${u.input}: ${u.reason === 'ambiguous' ? 'ambiguous' : 'no match'}; candidates: ${u.candidates.map((c) => `${c.name ?? c.email} (${c.id})`).join(', ') || 'none'}`,
            ),
          ].join('\n'),
      }),
      defineTool({
        name: 'log_time_entry',
        toolset: 'sync',
        title: 'Log time',
        annotations: CREATE,
        write: true,
        description: `Log time worked on a task in ClickUp (a finished entry). Reports include it at once. Times without an offset are in ${tz}.`,
        input: z.object({
          task: taskArg.describe('Task id or custom id (e.g. 86abc123 or PROJ-42).'),
          duration: z
            .union([z.number().positive().max(1440), z.string().trim().min(1).max(60)])
            .describe('Minutes (90) or text: "1h 30m", "90m", "1.5h", "1:30".'),
          start: z
            .string()
            .trim()
            .min(1)
            .max(40)
            .optional()
            .describe(`When the work started: "YYYY-MM-DD HH:mm" in ${tz}, or ISO 8601 with an offset. Default: now minus the duration.`),
          description: z.string().max(2000).optional().describe('What was done.'),
          billable: z.boolean().optional().describe("Mark the time billable (default: ClickUp's default, not billable)."),
          person: nameOrId("Who did the work (default: the ClickUp token's user; logging for others needs an admin token)").optional(),
        }),
        output: z.object({ ...metaShape, entry: entrySchema, message: z.string() }),
        handler: async (a) => {
          const e = await this.timeWrites.logTime(a);
          return {
            ...(await this.meta.meta()),
            entry: entryView(e),
            message: `Logged ${humanDuration(e.durationMs)} for ${e.user.name ?? e.user.id} on ${taskLabel(e)} starting ${e.start} (entry ${e.id}).`,
          };
        },
        render: (o) => o.message,
      }),
      defineTool({
        name: 'start_timer',
        toolset: 'sync',
        title: 'Start timer',
        annotations: TOGGLE,
        write: true,
        description:
          "Start the ClickUp timer of the token's user, optionally on a task. A timer already running is stopped first (ClickUp allows one).",
        input: z.object({
          task: taskArg.optional().describe('Task id or custom id to track time on (optional).'),
          description: z.string().max(2000).optional().describe('What the timer is for.'),
          billable: z.boolean().optional().describe('Mark the time billable.'),
        }),
        output: z.object({
          ...metaShape,
          entry: entrySchema,
          stopped_previous: entrySchema.nullable().describe('The timer this start stopped, if one was running.'),
          message: z.string(),
        }),
        handler: async (a) => {
          const r = await this.timeWrites.startTimer(a);
          const prev = r.stoppedPrevious
            ? ` Stopped the previous timer (${taskLabel(r.stoppedPrevious)}, ${humanDuration(r.stoppedPrevious.durationMs)}).`
            : '';
          return {
            ...(await this.meta.meta()),
            entry: entryView(r.entry),
            stopped_previous: r.stoppedPrevious ? entryView(r.stoppedPrevious) : null,
            message: `Timer started for ${r.entry.user.name ?? r.entry.user.id} on ${taskLabel(r.entry)} (entry ${r.entry.id}).${prev}`,
          };
        },
        render: (o) => o.message,
      }),
      defineTool({
        name: 'stop_timer',
        toolset: 'sync',
        title: 'Stop timer',
        annotations: TOGGLE,
        write: true,
        description: "Stop the running ClickUp timer of the token's user and record the finished entry.",
        input: z.object({}),
        output: z.object({ ...metaShape, entry: entrySchema, message: z.string() }),
        handler: async () => {
          const e = await this.timeWrites.stopTimer();
          return {
            ...(await this.meta.meta()),
            entry: entryView(e),
            message: `Timer stopped: ${humanDuration(e.durationMs)} on ${taskLabel(e)} for ${e.user.name ?? e.user.id} (entry ${e.id}).`,
          };
        },
        render: (o) => o.message,
      }),
    ];
  }
}

/**
 * Sync progress → MCP progress notifications. Progress must only grow, but the sync reports
 * per phase (each counting from zero), so the notification counts steps and the message says
 * where the run is. The first event of each phase always goes out; the rest are throttled.
 */
export function progressForwarder(ctx: ToolCallContext): (e: SyncProgressEvent) => void {
  let step = 0;
  let lastAt = 0;
  let lastPhase = '';
  return (e) => {
    step++;
    const now = Date.now();
    if (e.phase === lastPhase && now - lastAt < PROGRESS_EVERY_MS) return;
    lastAt = now;
    lastPhase = e.phase;
    const of = e.total !== null ? ` (${e.done}/${e.total})` : '';
    void ctx.progress(step, undefined, `${e.phase}${of}: ${e.message}`);
  };
}

export function runView(v: SyncRunView) {
  return {
    id: v.id,
    kind: v.kind,
    trigger: v.trigger,
    status: v.status,
    started_at: v.startedAt,
    finished_at: v.finishedAt,
    duration: v.durationMs === null ? null : elapsed(v.durationMs),
    counts: Object.fromEntries(Object.entries(v.counts).filter((e): e is [string, number] => typeof e[1] === 'number')),
    requests: v.requests,
    rate_limited: v.rateLimited,
    retries: v.retries,
    error: v.error,
  };
}

function entryView(e: TimeEntryView) {
  return {
    id: e.id,
    task: e.task ? { id: e.task.id, custom_id: e.task.customId, name: e.task.name } : null,
    user: e.user,
    start: e.start,
    end: e.end,
    running: e.running,
    duration: duration(e.durationMs),
    billable: e.billable,
    description: e.description,
  };
}

function taskLabel(e: TimeEntryView): string {
  return e.task ? `${e.task.name} (${e.task.customId ?? e.task.id})` : 'no task';
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
