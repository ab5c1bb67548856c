import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { SyncRunEntity } from '../database/entities';
import { EntityCounts, SyncStatusRepository } from './repositories/sync-status.repository';
import { SyncCursorRepository } from './repositories/sync-cursor.repository';
import { SyncLeaseRepository } from './repositories/sync-lease.repository';
import { SyncRunRepository } from './repositories/sync-run.repository';
import { ScheduleInfo, SyncSchedulerService } from './sync-scheduler.service';
import { historyExclusion } from './time-history';
import { DataReadinessService } from './data-readiness.service';

const DAY = 86_400_000;

export interface SyncRunView {
  id: number;
  kind: string;
  trigger: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  counts: Record<string, unknown>;
  requests: number;
  rateLimited: number;
  retries: number;
  error: string | null;
  details: Record<string, unknown>;
}

export interface SyncStatusView {
  demo: boolean;
  workspaceId: string | null;
  dataAsOf: string | null;
  /** False until a first full sync has succeeded (counts are then incomplete). */
  dataComplete: boolean;
  /** While incomplete: how far the first sync is, in one sentence. */
  dataWarning: string | null;
  running: { runId: number | null; kind: string; since: string } | null;
  counts: EntityCounts;
  freshness: { entity: string; cursor: string | null; lastWrittenAt: string | null }[];
  lastRuns: SyncRunView[];
  schedule: ScheduleInfo;
  /** Which time entries full syncs read: all history, or what a configured limit leaves out. */
  timeEntriesHistory: { limitDays: number | null; excludedBefore: string | null; note: string };
}

export function toRunView(r: SyncRunEntity): SyncRunView {
  return {
    id: r.id,
    kind: r.kind,
    trigger: r.trigger,
    status: r.status,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    durationMs: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
    counts: r.counts,
    requests: r.requests,
    rateLimited: r.rateLimited,
    retries: r.retries,
    error: r.error,
    details: r.details,
  };
}

/** Freshness per entity, counts, the running run and the schedule, in one read. */
@Injectable()
export class SyncStatusService {
  constructor(
    private readonly cfg: AppConfig,
    private readonly status: SyncStatusRepository,
    private readonly cursors: SyncCursorRepository,
    private readonly leases: SyncLeaseRepository,
    private readonly runs: SyncRunRepository,
    private readonly scheduler: SyncSchedulerService,
    private readonly readiness: DataReadinessService,
  ) {}

  async dataAsOf(): Promise<string | null> {
    return (await this.runs.lastSuccessEnd())?.toISOString() ?? null;
  }

  async view(): Promise<SyncStatusView> {
    const ws = await this.status.primaryWorkspaceId();
    const [counts, written, cursors, lease, latest, asOf, ready] = await Promise.all([
      this.status.counts(),
      this.status.lastWritten(),
      ws ? this.cursors.all(ws) : Promise.resolve([]),
      // Before the first hierarchy write there is no workspace row, but the first sync holds a lease.
      ws ? this.leases.get(ws) : this.leases.newest(),
      this.runs.latestPerKind(),
      this.dataAsOf(),
      this.readiness.state(),
    ]);
    const cursor = (name: string) => {
      const c = cursors.find((x) => x.entity === name);
      return c?.value ? new Date(c.value).toISOString() : null;
    };
    return {
      demo: this.cfg.demo,
      workspaceId: ws,
      dataAsOf: asOf,
      dataComplete: ready.complete,
      dataWarning: ready.warning,
      running:
        lease && lease.expiresAt.getTime() > Date.now() ? { runId: lease.runId, kind: lease.kind, since: lease.acquiredAt.toISOString() } : null,
      counts,
      freshness: [
        { entity: 'hierarchy', cursor: cursor('hierarchy'), lastWrittenAt: written.hierarchy },
        { entity: 'members', cursor: null, lastWrittenAt: written.members },
        { entity: 'tasks', cursor: cursor('tasks'), lastWrittenAt: written.tasks },
        { entity: 'time_entries', cursor: cursor('time_entries'), lastWrittenAt: written.timeEntries },
        { entity: 'reconcile', cursor: cursor('reconcile'), lastWrittenAt: null },
      ],
      lastRuns: latest.map(toRunView),
      schedule: this.scheduler.info(),
      timeEntriesHistory: this.history(),
    };
  }

  private history(): SyncStatusView['timeEntriesHistory'] {
    const limitDays = this.cfg.sync.timeEntriesHistoryDays;
    if (limitDays === null) {
      return { limitDays, excludedBefore: null, note: 'All time-entry history is synced (SYNC_TIME_ENTRIES_HISTORY_DAYS is not set).' };
    }
    const from = Date.now() - limitDays * DAY;
    return { limitDays, excludedBefore: new Date(from).toISOString(), note: historyExclusion(limitDays, from) };
  }
}
