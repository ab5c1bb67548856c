/**
 * Counters the sync engine records per run ("requests used, 429s seen"). Keys are endpoint
 * templates (`GET /team/{team_id}/task`), never filled paths, so the map stays small.
 */
export interface ClickupClientStats {
  /** Epoch ms when counting started (construction or the last resetStats()). */
  sinceMs: number;
  /** HTTP attempts actually sent, retries included. */
  requests: number;
  /** Attempts per endpoint template. */
  requestsByEndpoint: Record<string, number>;
  /** Retries performed (attempts beyond the first). */
  retries: number;
  /** 429 responses received. */
  rateLimited: number;
  /** Calls that ended in an error thrown to the caller. */
  failures: number;
  /** Time spent waiting: rate-budget queueing plus retry backoff. */
  waitMs: number;
}

export class RequestStats {
  private data: ClickupClientStats;

  constructor(private readonly now: () => number) {
    this.data = RequestStats.empty(now());
  }

  private static empty(sinceMs: number): ClickupClientStats {
    return { sinceMs, requests: 0, requestsByEndpoint: {}, retries: 0, rateLimited: 0, failures: 0, waitMs: 0 };
  }

  recordAttempt(endpoint: string): void {
    this.data.requests++;
    this.data.requestsByEndpoint[endpoint] = (this.data.requestsByEndpoint[endpoint] ?? 0) + 1;
  }

  recordRetry(): void {
    this.data.retries++;
  }

  recordRateLimited(): void {
    this.data.rateLimited++;
  }

  recordFailure(): void {
    this.data.failures++;
  }

  recordWait(ms: number): void {
    if (ms > 0) this.data.waitMs += ms;
  }

  /** A copy: callers may keep it while counting continues. */
  snapshot(): ClickupClientStats {
    return { ...this.data, requestsByEndpoint: { ...this.data.requestsByEndpoint } };
  }

  reset(): void {
    this.data = RequestStats.empty(this.now());
  }
}
