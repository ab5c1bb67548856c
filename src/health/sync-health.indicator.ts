import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { SyncRunRepository } from '../sync/repositories/sync-run.repository';
import { DataReadinessService } from '../sync/data-readiness.service';

/** Runs that read ClickUp on the sync's lease; their latest outcome says whether the sync works. */
const SYNC_KINDS = new Set(['full', 'incremental', 'reconcile', 'members', 'hierarchy']);

/**
 * Reports the last sync state. It never makes /health fail (503): the server still answers from
 * the data it holds. But when the latest sync attempt failed outright (ClickUp rejected the token,
 * could not be read or reached), the sync is `degraded` and `reason` says why, so /health does too.
 */
@Injectable()
export class SyncHealthIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly runs: SyncRunRepository,
    private readonly readiness: DataReadinessService,
  ) {}

  async check(key: string) {
    const probe = this.indicator.check(key);
    const latest = await this.runs.latestPerKind();
    const lastSuccess = await this.runs.lastSuccessEnd();
    const latestSync = latest.find((r) => SYNC_KINDS.has(r.kind) && r.status !== 'running');
    const degraded = latestSync?.status === 'failed';
    const ready = await this.readiness.state();
    return probe.up({
      state: degraded ? 'degraded' : 'ok',
      reason: degraded ? `The last ${latestSync.kind} sync (run ${latestSync.id}) failed: ${latestSync.error ?? 'unknown error'}` : null,
      lastSuccessfulSyncAt: lastSuccess?.toISOString() ?? null,
      // Healthy either way; until a first full sync has succeeded, numbers are incomplete.
      dataComplete: ready.complete,
      dataWarning: ready.warning,
      running: latest.filter((r) => r.status === 'running').map((r) => ({ id: r.id, kind: r.kind })),
      lastRuns: latest.map((r) => ({
        id: r.id,
        kind: r.kind,
        status: r.status,
        startedAt: r.startedAt.toISOString(),
        finishedAt: r.finishedAt?.toISOString() ?? null,
        error: r.error,
      })),
    });
  }
}
