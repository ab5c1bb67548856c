/**
 * Fault injection settings. Rates are probabilities per request in [0, 1]; decisions come from a
 * PRNG seeded with `seed` (default: the sandbox seed), so the same request sequence meets the
 * same faults. Faults never touch the /_sandbox admin routes.
 */
export interface FaultConfig {
  seed?: number;
  /** Share of requests answered with a 500/502/503 (502/503 with an HTML body, like a proxy). */
  errorRate5xx?: number;
  /** Share of requests delayed by `slowMs` (default 2000) before being answered normally. */
  slowRate?: number;
  slowMs?: number;
  /** Share of requests that are never answered; the client has to time out. */
  timeoutRate?: number;
  /** Share of requests whose connection is destroyed halfway through the response body. */
  dropRate?: number;
  /** Share of successful responses whose body gets wrong types (an array turned into an object, a date into {}). */
  malformedRate?: number;
  /** The next request to this endpoint template (e.g. `GET /team/{id}/task`) gets a malformed body. */
  malformedOnce?: string;
  /** The next N requests get 429 with proper X-RateLimit headers, whatever the real budget. */
  rateLimitStorm?: { requests: number };
  /** Only these endpoint templates are affected (default: every /api/v2 route). */
  endpoints?: string[];
}

export interface SandboxStats {
  /** Epoch ms of the last reset. */
  since: number;
  requests: number;
  /** Requests per endpoint template, e.g. `GET /team/{id}/task`. */
  byEndpoint: Record<string, number>;
  byStatus: Record<string, number>;
  /** 429 responses sent, by the limiter or a storm. */
  rateLimited: number;
  faults: {
    error5xx: number;
    slow: number;
    timeout: number;
    drop: number;
    malformed: number;
    rateLimitStorm: number;
  };
  webhooks: { delivered: number; failedAttempts: number; droppedEvents: number };
}
