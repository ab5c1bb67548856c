import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error';
import { notReportableMessage, ReadinessFacts, readinessWarning } from './data-readiness';
import { DataReadinessRepository } from './repositories/data-readiness.repository';
import { SyncRunnerService } from './sync-runner.service';
import { SyncProgressEvent } from './sync-context';

export interface DataReadiness {
  /** True once a full sync has succeeded: counts and totals cover the whole workspace. */
  complete: boolean;
  /** While incomplete, the sentence to show before any number ("first sync in progress: …"); null once complete. */
  warning: string | null;
  /** The full read in progress, if any. */
  running: ReadinessFacts['running'];
}

/** Re-read at most this often while incomplete (progress is persisted about once a second). */
const CACHE_MS = 500;

/**
 * Says whether the mirror can be trusted for totals. Every read result carries `state()`;
 * report services call `assertReportable()` before computing anything, so a half-filled
 * database never produces a confident total. Works across processes: the progress of a sync
 * run by another process (the HTTP server, the CLI) is read from the database.
 */
@Injectable()
export class DataReadinessService implements OnModuleInit {
  /** Once a full sync has succeeded the data never becomes incomplete again. */
  private completeSeen = false;
  private cached: { at: number; value: DataReadiness } | null = null;
  /** The newest progress of each run in this process: fresher than the copy persisted once a second. */
  private readonly progress = new Map<number, SyncProgressEvent>();

  constructor(
    private readonly repo: DataReadinessRepository,
    private readonly runner: SyncRunnerService,
  ) {}

  onModuleInit(): void {
    // A run that just finished may have completed the data: do not answer from the cache.
    this.runner.onFinished((run) => {
      this.cached = null;
      this.progress.delete(run.id);
    });
    this.runner.onProgress((e) => this.progress.set(e.runId, e));
  }

  async state(): Promise<DataReadiness> {
    if (this.completeSeen) return { complete: true, warning: null, running: null };
    const now = Date.now();
    if (this.cached && now - this.cached.at < CACHE_MS) return this.cached.value;
    const facts = await this.facts();
    const value: DataReadiness = { complete: facts.complete, warning: readinessWarning(facts), running: facts.running };
    if (facts.complete) this.completeSeen = true;
    this.cached = { at: now, value };
    return value;
  }

  /** Throws a `not_ready` DomainError (the state's sentence) while no full sync has succeeded. */
  async assertReportable(): Promise<void> {
    const s = await this.state();
    if (!s.complete) throw new DomainError(notReportableMessage(s.warning ?? 'no full sync has completed yet'), 'not_ready');
  }

  private async facts(): Promise<ReadinessFacts> {
    if (await this.repo.fullSyncCompleted()) return { complete: true, running: null, tasksExpected: null, lastAttempt: null };
    const [live, expected, last] = await Promise.all([this.repo.liveRun(), this.repo.expectedTaskCount(), this.repo.lastFullAttempt()]);
    // A run of this process reports here directly; one of another process through the database.
    const here = live ? this.progress.get(live.id) : undefined;
    const d: Record<string, unknown> = here ? { phase: here.phase, done: here.done, total: here.total } : (live?.details ?? {});
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    return {
      complete: false,
      running: live
        ? {
            runId: live.id,
            kind: live.kind,
            phase: typeof d.phase === 'string' ? d.phase : null,
            done: num(d.done),
            total: num(d.total),
            tasksRead: num(live.counts.tasksRead),
          }
        : null,
      tasksExpected: expected,
      lastAttempt: last ? { runId: last.id, status: last.status, error: last.error } : null,
    };
  }
}
