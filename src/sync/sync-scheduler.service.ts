import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../config/app-config';
import { SnapshotService } from './snapshot.service';
import { RunnableKind, SyncRunnerService } from './sync-runner.service';
import { describeError } from './sync-context';
import { DataReadinessService } from './data-readiness.service';

export interface ScheduleInfo {
  enabled: boolean;
  timeZone: string;
  incrementalEveryMinutes: number;
  nextIncrementalAt: string | null;
  nextReconcileAt: string | null;
  nextSnapshotAt: string | null;
}

/**
 * Decides WHEN to sync; the runner decides how. Incremental every N minutes, reconcile and the
 * snapshot on cron in the configured zone, and a first full sync by itself on an empty database.
 */
@Injectable()
export class SyncSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SyncScheduler');
  private nextIncrementalAt: number | null = null;
  private stopped = false;

  constructor(
    private readonly cfg: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly runner: SyncRunnerService,
    private readonly snapshots: SnapshotService,
    private readonly readiness: DataReadinessService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.cfg.sync.enabled) {
      this.logger.log('Scheduled sync is off (SYNC_ENABLED=false).');
      return;
    }
    const s = this.cfg.sync;
    const everyMs = s.incrementalEveryMinutes * 60_000;
    this.nextIncrementalAt = Date.now() + everyMs;
    const interval = setInterval(() => {
      this.nextIncrementalAt = Date.now() + everyMs;
      void this.fire('incremental');
    }, everyMs);
    this.registry.addInterval('sync-incremental', interval);
    this.registry.addCronJob(
      'sync-reconcile',
      CronJob.from({ cronTime: s.reconcileCron, timeZone: s.timeZone, onTick: () => void this.fire('reconcile'), start: true }),
    );
    this.registry.addCronJob(
      'sync-snapshot',
      CronJob.from({ cronTime: s.snapshotCron, timeZone: s.timeZone, onTick: () => void this.snapshot(), start: true }),
    );
    this.logger.log(
      `Sync scheduled: incremental every ${s.incrementalEveryMinutes} min, reconcile '${s.reconcileCron}', snapshot '${s.snapshotCron}' (${s.timeZone}).`,
    );
    void this.initialSync();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  info(): ScheduleInfo {
    const next = (name: string) => {
      try {
        return this.registry.getCronJob(name).nextDate().toJSDate().toISOString();
      } catch {
        return null;
      }
    };
    return {
      enabled: this.cfg.sync.enabled,
      timeZone: this.cfg.sync.timeZone,
      incrementalEveryMinutes: this.cfg.sync.incrementalEveryMinutes,
      nextIncrementalAt: this.nextIncrementalAt ? new Date(this.nextIncrementalAt).toISOString() : null,
      nextReconcileAt: next('sync-reconcile'),
      nextSnapshotAt: next('sync-snapshot'),
    };
  }

  /** A database with no completed full sync gets one at start, without waiting for the schedule. */
  private async initialSync(): Promise<void> {
    try {
      if ((await this.readiness.state()).complete) return;
      this.logger.log('No completed full sync yet: starting one now.');
      await this.fire('full', 'startup');
    } catch (e) {
      this.logger.warn(`Initial sync could not start: ${describeError(e)}`);
    }
  }

  private async fire(kind: RunnableKind, trigger: 'schedule' | 'startup' = 'schedule'): Promise<void> {
    if (this.stopped) return;
    try {
      const r = await this.runner.start(kind, trigger);
      if (!r.started && r.reason === 'failed')
        this.logger.warn(`The ${trigger === 'startup' ? 'first' : 'scheduled'} ${kind} sync failed (run ${r.runId}): ${r.error}`);
      else if (!r.started) this.logger.debug(`Skipped scheduled ${kind}: run ${r.runId ?? '?'} (${r.kind}) is still going.`);
    } catch (e) {
      this.logger.warn(`Scheduled ${kind} sync could not start: ${describeError(e)}`);
    }
  }

  private async snapshot(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.snapshots.snapshot('schedule');
    } catch (e) {
      this.logger.warn(`Daily snapshot failed: ${describeError(e)}`);
    }
  }
}
