import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { SyncRunRepository } from '../sync/repositories/sync-run.repository';

/**
 * Reports the last sync state. It never makes /health fail: a workspace that has not synced
 * yet (or whose last run failed) is still a healthy server, and the details say why.
 */
@Injectable()
export class SyncHealthIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly runs: SyncRunRepository,
  ) {}

  async check(key: string) {
    const probe = this.indicator.check(key);
    const latest = await this.runs.latestPerKind();
    const lastSuccess = await this.runs.lastSuccessEnd();
    return probe.up({
      lastSuccessfulSyncAt: lastSuccess?.toISOString() ?? null,
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
