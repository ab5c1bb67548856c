import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { SyncRunRepository } from '../sync/repositories/sync-run.repository';
import { DataReadinessService } from '../sync/data-readiness.service';

/**
 * Reports the last sync state. It never makes /health fail: a workspace that has not synced
 * yet (or whose last run failed) is still a healthy server, and the details say why.
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
    const ready = await this.readiness.state();
    return probe.up({
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
