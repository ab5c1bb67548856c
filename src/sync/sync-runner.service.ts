import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import { ClickupClient } from '../clickup/clickup.client';
import { ClickupTeam } from '../clickup/clickup.types';
import { AppConfig } from '../config/app-config';
import { SyncRunEntity } from '../database/entities';
import { HierarchyReadRepository } from './repositories/hierarchy-read.repository';
import { SyncCursorRepository } from './repositories/sync-cursor.repository';
import { ownerIsDeadHere, SyncLeaseRepository } from './repositories/sync-lease.repository';
import { SyncKind, SyncRunRepository, SyncTrigger } from './repositories/sync-run.repository';
import { TaskWriteRepository } from './repositories/task-write.repository';
import { TimeEntryWriteRepository } from './repositories/time-entry-write.repository';
import { BulkTable, TableMaintenanceRepository } from './repositories/table-maintenance.repository';
import { describeError, SyncCancelledError, SyncContext, SyncProgressListener } from './sync-context';
import { historyExclusion } from './time-history';
import { WorkspaceUnavailableError } from './workspace-failure';
import { HierarchySyncer } from './syncers/hierarchy.syncer';
import { ListLocation, TaskSyncer } from './syncers/task.syncer';
import { TimeEntrySyncer } from './syncers/time-entry.syncer';

export type RunnableKind = Extract<SyncKind, 'full' | 'incremental' | 'reconcile' | 'members' | 'hierarchy'>;

export type StartResult =
  | { started: true; runId: number; done: Promise<SyncRunEntity> }
  | { started: false; reason: 'already_running'; runId: number | null; kind: string; since: Date }
  /** The workspace could not be resolved (GET /team refused, unreadable, no workspace): a failed run was recorded. */
  | { started: false; reason: 'failed'; runId: number; error: string; run: SyncRunEntity };

const LEASE_TTL_MS = 60_000;
const LEASE_RENEW_MS = 15_000;
/** Kinds that run under the workspace lease (the others are small targeted runs without one). */
const LEASED_KINDS = new Set(['full', 'incremental', 'reconcile', 'members', 'hierarchy']);
const DAY = 86_400_000;
/**
 * All-history full syncs begin their windows at the workspace's oldest task or entry; holding
 * neither yet (an empty workspace, or the task step failed), at this many days back. Older
 * entries are still read, by the one request that covers everything before the windows.
 */
const DEFAULT_FIRST_HISTORY_DAYS = 730;
/** Incremental runs re-walk the whole hierarchy at most this often (webhooks and reconcile cover the rest). */
const HIERARCHY_REFRESH_MS = 60 * 60_000;
/**
 * At shutdown, how long a cancelled run may take to reach its next progress point and record
 * itself. A run waiting on ClickUp (a slow request, the rate budget) is recorded as cancelled
 * by the shutdown instead, so a client that closes stdin sees the process gone within ~1 s.
 */
const SHUTDOWN_GRACE_MS = 400;

interface ActiveRun {
  run: SyncRunEntity;
  workspaceId: string;
  leased: boolean;
  abort: AbortController;
  /** The run's counts so far (the context's own record, filled as it goes). */
  counts: Record<string, number>;
  /** Set when the shutdown recorded the run itself; the run's own bookkeeping then stays away. */
  abandoned: boolean;
}

/** How long a run waits for its finished listeners (cache refreshes) before it reports done anyway. */
const FINISHED_LISTENERS_MS = 10_000;

/** Listens to finished runs; a returned promise is awaited (bounded) before the run counts as done. */
export type RunFinishedListener = (run: SyncRunEntity) => void | Promise<void>;

/**
 * Runs one sync at a time per workspace — across processes, through a lease row — and records
 * every run. Each unit of work (hierarchy, tasks, time entries) fails on its own: the run is
 * then 'partial', and nothing is ever marked deleted on the strength of a failed read.
 */
@Injectable()
export class SyncRunnerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Sync');
  private readonly owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly listeners = new Set<SyncProgressListener>();
  private readonly finishedListeners = new Set<RunFinishedListener>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly active = new Map<number, ActiveRun>();
  private closing = false;
  /** The workspace as of the last GET /team (members included). */
  private team: ClickupTeam | null = null;

  constructor(
    private readonly cfg: AppConfig,
    private readonly client: ClickupClient,
    private readonly runs: SyncRunRepository,
    private readonly leases: SyncLeaseRepository,
    private readonly cursors: SyncCursorRepository,
    private readonly hierarchyRead: HierarchyReadRepository,
    private readonly tasksWrite: TaskWriteRepository,
    private readonly timeEntriesWrite: TimeEntryWriteRepository,
    private readonly maintenance: TableMaintenanceRepository,
    private readonly hierarchy: HierarchySyncer,
    private readonly tasks: TaskSyncer,
    private readonly timeEntries: TimeEntrySyncer,
  ) {}

  onProgress(listener: SyncProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Called after every run, before `runNow` returns: caches of synced data refresh themselves
   * here, so a caller that waited for a run reads what it wrote.
   */
  onFinished(listener: RunFinishedListener): () => void {
    this.finishedListeners.add(listener);
    return () => this.finishedListeners.delete(listener);
  }

  /** Starts a run in the background, or says which run already holds the workspace. */
  async start(kind: RunnableKind, trigger: SyncTrigger, listener?: SyncProgressListener): Promise<StartResult> {
    return this.begin(kind, trigger, listener);
  }

  /**
   * Syncs just these lists now and waits (refresh_mapping): their tasks — a stored task ClickUp
   * no longer lists there is re-read one by one and soft-deleted only if ClickUp says it is gone —
   * and their time entries of the incremental trailing window. Under the workspace lease like
   * every sync, recorded as a run of kind 'project'.
   */
  async runListsNow(listIds: string[], trigger: SyncTrigger, listener?: SyncProgressListener): Promise<StartResult & { run?: SyncRunEntity }> {
    const r = await this.begin('project', trigger, listener, (ctx) => this.syncLists(ctx, listIds));
    if (!r.started) return r;
    return { ...r, run: await r.done };
  }

  private async begin(
    kind: SyncKind,
    trigger: SyncTrigger,
    listener?: SyncProgressListener,
    work?: (ctx: SyncContext) => Promise<void>,
  ): Promise<StartResult> {
    if (this.closing) throw new Error('The server is shutting down; no new sync starts.');
    // Counted from here: resolving the workspace (GET /team) is part of the run's cost.
    const before = this.client.stats();
    let team: ClickupTeam;
    try {
      team = await this.resolveTeam();
    } catch (e) {
      // Every attempt is a recorded run, so /health, /sync/runs and the caller can say why.
      const run = await this.recordFailedStart(kind, trigger, WorkspaceUnavailableError.from(e), before);
      return { started: false, reason: 'failed', runId: run.id, error: run.error ?? 'failed', run };
    }
    const lease = await this.leases.tryAcquire(team.id, this.owner, kind, LEASE_TTL_MS);
    if (!lease.acquired) {
      return { started: false, reason: 'already_running', runId: lease.holder.runId, kind: lease.holder.kind, since: lease.holder.acquiredAt };
    }
    if (lease.takenOverFrom?.runId) {
      await this.runs.markInterrupted(lease.takenOverFrom.runId, 'Interrupted: the process running it stopped (lease taken over).');
    }
    const run = await this.runs.start(team.id, kind, trigger, this.owner);
    await this.leases.attachRun(team.id, this.owner, run.id);
    await this.runs.markOrphansInterrupted(team.id, run.id);
    const done = this.execute(run, kind, team, before, listener, work).finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
    return { started: true, runId: run.id, done };
  }

  /** Starts and waits. */
  async runNow(kind: RunnableKind, trigger: SyncTrigger, listener?: SyncProgressListener): Promise<StartResult & { run?: SyncRunEntity }> {
    const r = await this.start(kind, trigger, listener);
    if (!r.started) return r;
    return { ...r, run: await r.done };
  }

  /**
   * A tracked run without the workspace lease, for small targeted refreshes (webhooks) that are
   * safe alongside a sync: every write is an upsert guarded by date_updated.
   */
  async runTargeted(kind: 'webhook', trigger: SyncTrigger, work: (ctx: SyncContext) => Promise<void>): Promise<SyncRunEntity> {
    const before = this.client.stats();
    let team: ClickupTeam;
    try {
      team = this.team ?? (await this.resolveTeam());
    } catch (e) {
      return this.recordFailedStart(kind, trigger, WorkspaceUnavailableError.from(e), before);
    }
    const run = await this.runs.start(team.id, kind, trigger, this.owner);
    const done = this.execute(run, kind, team, before, undefined, work, false).finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
    return done;
  }

  /**
   * A run whose process died (SIGKILL, power cut) stays "running" until another sync takes the
   * lease — forever with SYNC_ENABLED=false. At start-up every run whose holder is gone is
   * marked interrupted (runs of live processes, this one's included, are left alone); what it
   * cost (requests, 429s, counts) was recorded while it ran and stays on the row.
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      const n = await this.recoverInterruptedRuns();
      if (n) this.logger.warn(`Marked ${n} sync run(s) interrupted: the process running them is gone.`);
    } catch (e) {
      this.logger.warn(`Could not check for interrupted sync runs: ${describeError(e)}`);
    }
  }

  /** Marks runs whose process is gone as interrupted and drops leases held by dead processes. Returns how many runs. */
  async recoverInterruptedRuns(now = Date.now()): Promise<number> {
    let marked = 0;
    for (const run of await this.runs.running()) {
      const lease = run.workspaceId && LEASED_KINDS.has(run.kind) ? await this.leases.get(run.workspaceId) : null;
      const leaseGone =
        LEASED_KINDS.has(run.kind) &&
        (!lease ||
          lease.expiresAt.getTime() < now ||
          ownerIsDeadHere(lease.owner) ||
          (run.owner !== null ? lease.owner !== run.owner : lease.runId !== null && lease.runId !== run.id));
      if (!leaseGone && !(run.owner !== null && ownerIsDeadHere(run.owner))) continue;
      await this.runs.markInterrupted(run.id, 'Interrupted: the process running it stopped before finishing (found at start-up).');
      if (lease && run.workspaceId && ownerIsDeadHere(lease.owner)) await this.leases.release(run.workspaceId, lease.owner);
      marked++;
    }
    return marked;
  }

  /**
   * Runs before the database closes: cancel every run, give each a moment to stop at its next
   * progress point and record itself, then record the ones still waiting on ClickUp as
   * cancelled and release their lease, so nothing is left 'running' and no lease outlives us.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    if (!this.active.size) return;
    for (const a of this.active.values()) a.abort.abort();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise((r) => (timer = setTimeout(r, SHUTDOWN_GRACE_MS)));
    await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
    clearTimeout(timer);
    for (const a of [...this.active.values()]) {
      a.abandoned = true;
      this.active.delete(a.run.id);
      await this.runs
        .finish(a.run.id, { status: 'failed', counts: a.counts, requests: 0, rateLimited: 0, retries: 0, error: new SyncCancelledError().message })
        .catch(() => undefined);
      if (a.leased) await this.leases.release(a.workspaceId, this.owner).catch(() => undefined);
      this.logger.warn(`Run ${a.run.id}: ${a.run.kind} sync cancelled by the shutdown.`);
    }
  }

  private async resolveTeam(): Promise<ClickupTeam> {
    let teams: ClickupTeam[];
    try {
      teams = await this.client.getTeams();
    } catch (e) {
      throw WorkspaceUnavailableError.from(e);
    }
    const wanted = this.cfg.clickup.workspaceId;
    const team = wanted ? teams.find((t) => t.id === wanted) : teams[0];
    if (!team) {
      throw new WorkspaceUnavailableError(
        wanted
          ? `CLICKUP_WORKSPACE_ID ${wanted} is not visible to this token (visible: ${teams.map((t) => `${t.name} (${t.id})`).join(', ') || 'none'}).`
          : 'The ClickUp token sees no workspace: check CLICKUP_API_TOKEN (the token of a member of the workspace).',
      );
    }
    this.team = team;
    return team;
  }

  /** A run that ended before it began: recorded as failed, with the reason. */
  private async recordFailedStart(
    kind: SyncKind,
    trigger: SyncTrigger,
    e: WorkspaceUnavailableError,
    before: ReturnType<ClickupClient['stats']>,
  ): Promise<SyncRunEntity> {
    const run = await this.runs.start(this.team?.id ?? this.cfg.clickup.workspaceId ?? null, kind, trigger, this.owner);
    const after = this.client.stats();
    const finished = await this.runs.finish(run.id, {
      status: 'failed',
      counts: {},
      requests: after.requests - before.requests,
      rateLimited: after.rateLimited - before.rateLimited,
      retries: after.retries - before.retries,
      error: e.message,
      details: { failures: [{ unit: 'workspace', error: e.message }], warnings: [] },
    });
    // Not logged here: each caller reports it once in its own way (log line, REST body, CLI line).
    await this.notifyFinished(finished);
    return finished;
  }

  private async execute(
    run: SyncRunEntity,
    kind: SyncKind,
    team: ClickupTeam,
    before: ReturnType<ClickupClient['stats']>,
    listener?: SyncProgressListener,
    work: (ctx: SyncContext) => Promise<void> = (ctx) => this.dispatch(kind as RunnableKind, ctx),
    leased = true,
  ): Promise<SyncRunEntity> {
    let lastPersist = 0;
    const abort = new AbortController();
    const ctx = new SyncContext(
      run.id,
      kind,
      team,
      this.cfg.reports.statusOverrides,
      (e) => {
        listener?.(e);
        for (const l of this.listeners) l(e);
      },
      (details, counts) => {
        const now = Date.now();
        if (now - lastPersist < 1000) return;
        lastPersist = now;
        const so = this.client.stats();
        const cost = {
          requests: so.requests - before.requests,
          rateLimited: so.rateLimited - before.rateLimited,
          retries: so.retries - before.retries,
        };
        void this.runs.progress(run.id, details, { ...counts }, cost).catch(() => undefined);
      },
      abort.signal,
    );
    const active: ActiveRun = { run, workspaceId: team.id, leased, abort, counts: ctx.counts, abandoned: false };
    this.active.set(run.id, active);
    const renew = setInterval(() => {
      if (!leased) return;
      void this.leases.renew(team.id, this.owner, LEASE_TTL_MS).then((ok) => {
        if (!ok) this.logger.warn(`Run ${run.id} lost its lease on workspace ${team.id}; another process may have taken over.`);
      });
    }, LEASE_RENEW_MS);
    let fatal: string | null = null;
    try {
      this.logger.log(`Run ${run.id}: ${kind} sync of workspace ${team.name} (${team.id}) started`);
      await work(ctx);
      await this.maintain(ctx);
    } catch (e) {
      fatal = describeError(e);
    } finally {
      clearInterval(renew);
    }
    // The shutdown already recorded this run as cancelled and released its lease.
    if (active.abandoned) return run;
    this.active.delete(run.id);
    const after = this.client.stats();
    const status = fatal ? 'failed' : ctx.failures.length ? 'partial' : 'succeeded';
    const error =
      fatal ??
      (ctx.failures.length
        ? ctx.failures
            .map((f) => `${f.unit}: ${f.error}`)
            .join('; ')
            .slice(0, 4000)
        : null);
    const finished = await this.runs.finish(run.id, {
      status,
      counts: ctx.counts,
      requests: after.requests - before.requests,
      rateLimited: after.rateLimited - before.rateLimited,
      retries: after.retries - before.retries,
      error,
      details: {
        failures: ctx.failures,
        warnings: ctx.allWarnings(),
        ...(ctx.skipped.length ? { skipped: ctx.skipped } : {}),
        ...(ctx.excluded ? { excluded: ctx.excluded } : {}),
      },
    });
    if (leased) await this.leases.release(team.id, this.owner).catch(() => undefined);
    await this.notifyFinished(finished);
    const line = `Run ${run.id}: ${kind} ${status} in ${finished.finishedAt!.getTime() - run.startedAt.getTime()} ms, ${finished.requests} requests`;
    if (status === 'succeeded') this.logger.log(line);
    else this.logger.warn(`${line}: ${error}`);
    return finished;
  }

  private async notifyFinished(run: SyncRunEntity): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const calls = [...this.finishedListeners].map((l) =>
      Promise.resolve()
        .then(() => l(run))
        .catch((e) => this.logger.warn(`A listener of run ${run.id} failed: ${describeError(e)}`)),
    );
    const late = new Promise<void>((r) => (timer = setTimeout(r, FINISHED_LISTENERS_MS)));
    await Promise.race([Promise.all(calls), late]);
    clearTimeout(timer);
  }

  /**
   * After bulk writes, fresh planner statistics and visibility maps (TableMaintenanceRepository)
   * for the tables this run changed by more than a tenth, and for any never analyzed at all, and
   * the per-person open work and the data-change rows folded (writes between runs, e.g.
   * write-through, add rows to both), and with SYNC_RUNS_KEEP_DAYS the runs older than that deleted. A run that changed little costs
   * a catalog query and a fold of a few hundred rows. Never fails the run; the next run retries.
   */
  private async maintain(ctx: SyncContext): Promise<void> {
    const c = ctx.counts;
    const tasks = (c.tasksWritten ?? 0) + (c.tasksDeleted ?? 0);
    const entries = (c.timeEntriesWritten ?? 0) + (c.timeEntriesDeleted ?? 0);
    try {
      const due = new Set<BulkTable>(await this.maintenance.neverAnalyzed());
      if (tasks || entries) {
        const live = await this.maintenance.liveRows(ctx.workspaceId);
        const much = (written: number, rows: number) => written > 0 && written >= Math.max(500, rows / 10);
        if (much(tasks, live.tasks)) for (const t of ['tasks', 'task_assignees', 'task_watchers'] as const) due.add(t);
        if (much(entries, live.timeEntries)) due.add('time_entries');
      }
      await this.maintenance.foldOpenWorkPeople(ctx.workspaceId);
      await this.maintenance.foldDataChanges();
      if (this.cfg.sync.runsKeepDays !== null) {
        const pruned = await this.runs.pruneFinishedBefore(this.cfg.sync.runsKeepDays);
        if (pruned) ctx.counts.runsPruned = pruned;
      }
      const tables = [...due];
      for (const [i, table] of tables.entries()) {
        ctx.progress('maintenance', i, tables.length, `Refreshing planner statistics of ${table}`);
        await this.maintenance.vacuumAnalyze(table);
      }
    } catch (e) {
      ctx.warnings.push(`Table maintenance after the run failed (${describeError(e)}); reads may be slower until the next run.`);
    }
  }

  private async dispatch(kind: RunnableKind, ctx: SyncContext): Promise<void> {
    switch (kind) {
      case 'members':
        return this.hierarchy.syncMembers(ctx);
      case 'hierarchy':
        await this.hierarchy.syncAll(ctx);
        return this.cursors.set(ctx.workspaceId, 'hierarchy', Date.now());
      case 'full':
        return this.full(ctx, false);
      case 'reconcile':
        return this.full(ctx, true);
      case 'incremental':
        return this.incremental(ctx);
    }
  }

  /** Full read of everything; with `reconcile`, tasks ClickUp no longer lists are soft-deleted. */
  private async full(ctx: SyncContext, reconcile: boolean): Promise<void> {
    const ws = ctx.workspaceId;
    await this.unit(ctx, 'hierarchy', async () => {
      await this.hierarchy.syncAll(ctx);
      await this.cursors.set(ws, 'hierarchy', Date.now());
    });
    await this.unit(ctx, 'tasks', async () => {
      const locations = await this.locations(ws);
      const archivedLists = await this.hierarchyRead.archivedContainerListIds(ws);
      const started = Date.now();
      const read = await this.tasks.readAll(ctx, locations, archivedLists);
      if (reconcile && read.skippedWithoutId) {
        ctx.warnings.push('A task without a readable id was skipped, so no task was marked deleted in this reconcile.');
      } else if (reconcile) {
        const gone = (await this.tasksWrite.liveIds(ws)).filter((id) => !read.seen.has(id));
        ctx.add('tasksDeleted', await this.tasksWrite.softDelete(ws, gone));
      }
      await this.cursors.set(ws, 'tasks', read.maxUpdated ?? started);
    });
    await this.unit(ctx, 'time entries', async () => {
      const now = Date.now();
      const failuresBefore = ctx.failures.length;
      const limitDays = this.cfg.sync.timeEntriesHistoryDays;
      let from: number;
      if (limitDays !== null) {
        from = now - limitDays * DAY;
        ctx.excluded = historyExclusion(limitDays, from);
      } else {
        // All history: windows from the workspace's oldest task or entry, and one request for
        // anything older still (an entry back-dated before every task), so nothing is left out.
        from = startOfUtcDay((await this.timeEntriesWrite.oldestActivity(ws)) ?? now - DEFAULT_FIRST_HISTORY_DAYS * DAY);
        await this.timeEntries.syncBefore(ctx, from);
      }
      await this.timeEntries.syncRange(ctx, from, now + DAY, this.cfg.sync.timeEntriesWindowDays);
      if (ctx.failures.length === failuresBefore) await this.cursors.set(ws, 'time_entries', now);
    });
    if (reconcile && !ctx.failures.length) await this.cursors.set(ws, 'reconcile', Date.now());
    // Everything was read: reports may print totals from now on (DataReadinessService).
    if (!ctx.failures.length) await this.cursors.set(ws, 'full', Date.now());
  }

  private async incremental(ctx: SyncContext): Promise<void> {
    const ws = ctx.workspaceId;
    const taskCursor = await this.cursors.get(ws, 'tasks');
    if (taskCursor === null) {
      ctx.warnings.push('No task cursor yet (no complete full sync): ran a full sync instead.');
      return this.full(ctx, false);
    }
    const hierarchyAt = (await this.cursors.get(ws, 'hierarchy')) ?? 0;
    let walked = false;
    await this.unit(ctx, 'hierarchy', async () => {
      if (Date.now() - hierarchyAt > HIERARCHY_REFRESH_MS) {
        await this.hierarchy.syncAll(ctx);
        await this.cursors.set(ws, 'hierarchy', Date.now());
        walked = true;
      } else {
        await this.hierarchy.syncMembers(ctx);
      }
    });
    await this.unit(ctx, 'tasks', async () => {
      const since = taskCursor - this.cfg.sync.taskOverlapSeconds * 1000;
      const locations = await this.locations(ws);
      // Lists in archived containers cost two requests each and rarely change: they are re-read
      // by the runs that walk the hierarchy (at most hourly), not by every run. Webhooks see an
      // edit inside them at once, the nightly reconcile at the latest.
      const archivedLists = walked ? await this.hierarchyRead.archivedContainerListIds(ws) : [];
      const read = await this.tasks.readChanged(ctx, locations, since, archivedLists);
      const stale =
        read.seen.size > 0 && ((await this.hierarchyRead.listNamesDiffer(ws, read.listNames)) || (await this.hierarchyRead.tasksInUnknownLists(ws)));
      if (stale) {
        // Tasks point at a list we do not know or that was renamed: refresh the hierarchy now, not in an hour.
        await this.hierarchy.syncAll(ctx);
        await this.cursors.set(ws, 'hierarchy', Date.now());
      }
      if (read.maxUpdated !== null && read.maxUpdated > taskCursor) await this.cursors.set(ws, 'tasks', read.maxUpdated);
    });
    await this.unit(ctx, 'time entries', async () => {
      const now = Date.now();
      const failuresBefore = ctx.failures.length;
      const days = this.cfg.sync.timeEntriesTrailingDays;
      await this.timeEntries.syncRange(ctx, now - days * DAY, now + DAY, Math.max(days, this.cfg.sync.timeEntriesWindowDays) + 1);
      if (ctx.failures.length === failuresBefore) await this.cursors.set(ws, 'time_entries', now);
    });
  }

  private async syncLists(ctx: SyncContext, listIds: string[]): Promise<void> {
    const ws = ctx.workspaceId;
    await this.unit(ctx, 'tasks', async () => {
      const locations = await this.locations(ws);
      const read = await this.tasks.readLists(ctx, locations, listIds);
      // Not listed there any more: moved elsewhere, or deleted. Only a definite 404 deletes.
      const missing = (await this.tasksWrite.liveIdsInLists(ws, listIds)).filter((id) => !read.seen.has(id));
      if (!missing.length || read.skippedWithoutId) return;
      ctx.progress('tasks', 0, missing.length, `re-reading ${missing.length} tasks no longer listed`);
      const { gone } = await this.tasks.refreshTasks(ctx, locations, missing);
      if (!gone.length) return;
      ctx.add('tasksDeleted', await this.tasksWrite.softDelete(ws, gone));
      ctx.add('timeEntriesDeleted', await this.timeEntriesWrite.softDeleteForTasks(ws, gone));
    });
    await this.unit(ctx, 'time entries', async () => {
      const now = Date.now();
      const from = now - this.cfg.sync.timeEntriesTrailingDays * DAY;
      for (let i = 0; i < listIds.length; i++) {
        ctx.progress('time entries', i, listIds.length, `list ${listIds[i]}`);
        await this.timeEntries.syncList(ctx, listIds[i], from, now + DAY);
      }
      ctx.progress('time entries', listIds.length, listIds.length, `${listIds.length} lists`);
    });
  }

  private async unit(ctx: SyncContext, name: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (e) {
      // A cancelled run stops as a whole: the next units must not start.
      if (e instanceof SyncCancelledError) throw e;
      ctx.fail(name, e);
      this.logger.warn(`Run ${ctx.runId}: ${name} failed: ${describeError(e)}`);
    }
  }

  private async locations(workspaceId: string): Promise<Map<string, ListLocation>> {
    return this.hierarchyRead.listLocations(workspaceId);
  }
}

function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY;
}
