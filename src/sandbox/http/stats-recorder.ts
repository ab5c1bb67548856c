import { SandboxStats } from '../sandbox-faults.types';

export type FaultKind = keyof SandboxStats['faults'];

/** Counters behind SandboxServer.stats(); resettable between test phases. */
export class StatsRecorder {
  private stats: SandboxStats = StatsRecorder.fresh();

  private static fresh(): SandboxStats {
    return {
      since: Date.now(),
      requests: 0,
      byEndpoint: {},
      byStatus: {},
      rateLimited: 0,
      faults: { error5xx: 0, slow: 0, timeout: 0, drop: 0, malformed: 0, rateLimitStorm: 0 },
      webhooks: { delivered: 0, failedAttempts: 0, droppedEvents: 0 },
    };
  }

  request(template: string): void {
    this.stats.requests++;
    this.stats.byEndpoint[template] = (this.stats.byEndpoint[template] ?? 0) + 1;
  }

  status(code: number): void {
    this.stats.byStatus[code] = (this.stats.byStatus[code] ?? 0) + 1;
    if (code === 429) this.stats.rateLimited++;
  }

  fault(kind: FaultKind): void {
    this.stats.faults[kind]++;
  }

  webhook(outcome: keyof SandboxStats['webhooks']): void {
    this.stats.webhooks[outcome]++;
  }

  snapshot(): SandboxStats {
    return structuredClone(this.stats);
  }

  reset(): void {
    this.stats = StatsRecorder.fresh();
  }
}
