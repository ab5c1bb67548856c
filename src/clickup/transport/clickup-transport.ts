import { Logger } from '@nestjs/common';
import { AxiosError, AxiosInstance, AxiosResponse, InternalAxiosRequestConfig, isAxiosError } from 'axios';
import axiosRetry from 'axios-retry';
import { ResolvedClickupClientOptions } from '../clickup-client.options';
import { ClickupInvalidRequestError, ClickupReadOnlyError, ClickupWriteDeferredError, HttpMethod } from '../clickup.errors';
import { BudgetClock, systemClock } from './budget-clock';
import { toClickupError } from './error-mapping';
import { QueryParams, encodeQuery, fillPath } from './query-string';
import { RateBudget, RateBudgetDeadlineError, RequestPriority } from './rate-budget';
import { parseRateLimitHeaders, rateLimitRetryAt } from './rate-limit-headers';
import { ClickupClientStats, RequestStats } from './request-stats';
import { classifyFailure, isRetryable, retryDelayMs } from './retry-policy';

/** Per-attempt bookkeeping carried on the axios config (plain data: axios deep-copies it on retry). */
interface ClickupAttemptMeta {
  endpoint: string;
  method: HttpMethod;
  priority: RequestPriority;
  /** True between budget acquire and release for this attempt. */
  holdsBudget?: boolean;
  sentAt?: number;
  /** Interactive writes: no attempt may start after this instant (epoch ms). */
  deadlineAt?: number;
  /** Set when a 429's wait would run past the deadline: when ClickUp said to come back. */
  deferredUntil?: number;
}

declare module 'axios' {
  interface AxiosRequestConfig {
    clickup?: ClickupAttemptMeta;
  }
}

export interface ClickupRequest {
  method: HttpMethod;
  /** Path template relative to baseUrl, e.g. `/team/{team_id}/task`. */
  template: string;
  pathParams?: Record<string, string | number>;
  query?: QueryParams;
  body?: unknown;
  priority?: RequestPriority;
}

export interface ClickupResponse {
  status: number;
  data: unknown;
  /** `METHOD /template`, for payload errors. */
  endpoint: string;
}

export interface ClickupTransportDeps {
  clock?: BudgetClock;
  /** Jitter source; injectable for deterministic tests. */
  random?: () => number;
}

/** Axios instances already wired to a transport: a second set of interceptors would double-count. */
const wiredInstances = new WeakSet<AxiosInstance>();

/**
 * The HTTP layer: auth header, timeouts, rate budget, retries, error mapping, stats and
 * request logging. Endpoint code above it only names a template, params and a schema.
 *
 * Wiring on the axios instance (order matters):
 *   request interceptor   → waits for the RateBudget (every attempt, retries included)
 *   response interceptor  → releases the budget with the response's X-RateLimit-* headers
 *   axios-retry           → decides and schedules retries (registered last, so it sees the
 *                           error after the budget bookkeeping is done)
 */
export class ClickupTransport {
  private readonly logger = new Logger('ClickupClient');
  private readonly counters: RequestStats;
  private readonly clock: BudgetClock;
  private readonly random: () => number;
  private readonly authorization: string;

  constructor(
    private readonly http: AxiosInstance,
    private readonly options: ResolvedClickupClientOptions,
    private readonly budget: RateBudget,
    deps: ClickupTransportDeps = {},
  ) {
    this.clock = deps.clock ?? systemClock;
    this.random = deps.random ?? Math.random;
    this.counters = new RequestStats(() => this.clock.now());
    // Personal tokens (pk_…) go bare; OAuth tokens arrive with their "Bearer " prefix.
    this.authorization = options.token;
    this.install();
  }

  stats(): ClickupClientStats {
    return this.counters.snapshot();
  }

  resetStats(): void {
    this.counters.reset();
  }

  /** Sends one logical request (with retries) and returns the 2xx response body. */
  async request(req: ClickupRequest): Promise<ClickupResponse> {
    const endpoint = `${req.method} ${req.template}`;
    // Read-only mode is enforced here, before the budget or the network are touched.
    if (this.options.readOnly && req.method !== 'GET') throw new ClickupReadOnlyError(endpoint);

    let path: string;
    let qs: string;
    try {
      path = fillPath(req.template, req.pathParams ?? {});
      qs = req.query ? encodeQuery(req.query) : '';
    } catch (error) {
      // e.g. an empty task id: refuse rather than call a different endpoint
      throw new ClickupInvalidRequestError(`${endpoint}: ${(error as Error).message}`, endpoint);
    }
    const priority = req.priority ?? (req.method === 'GET' ? 'sync' : 'interactive');
    // A person or an assistant waits for an interactive call (a write, and the reads a write tool
    // makes around it): if it cannot start soon it must not start at all — a write would land
    // after the caller gave up, and a retrying caller would duplicate it.
    const deadlineAt = priority === 'interactive' ? this.clock.now() + this.options.writeDeadlineMs : undefined;
    try {
      const response = await this.http.request({
        method: req.method,
        baseURL: this.options.baseUrl,
        url: qs === '' ? path : `${path}?${qs}`,
        data: req.body,
        timeout: this.options.timeoutMs,
        headers: {
          Authorization: this.authorization,
          Accept: 'application/json',
          // ClickUp's spec lists Content-Type as required even on several GETs.
          'Content-Type': 'application/json',
        },
        responseType: 'json',
        // ClickUp never redirects; following one could carry the Authorization header elsewhere.
        maxRedirects: 0,
        validateStatus: (status) => status >= 200 && status < 300,
        transitional: { clarifyTimeoutError: true },
        clickup: { endpoint, method: req.method, priority, deadlineAt },
      });
      return { status: response.status, data: response.data, endpoint };
    } catch (error) {
      if (error instanceof RateBudgetDeadlineError) {
        this.logger.warn(
          `${endpoint} not sent: the rate budget could not send it within ${this.options.writeDeadlineMs} ms (CLICKUP_WRITE_DEADLINE_MS)`,
        );
        throw new ClickupWriteDeferredError(endpoint, error.availableAtMs, 'budget', this.clock.now());
      }
      const deferredUntil = isAxiosError(error) ? error.config?.clickup?.deferredUntil : undefined;
      if (deferredUntil !== undefined) {
        this.counters.recordFailure();
        throw new ClickupWriteDeferredError(endpoint, deferredUntil, 'rate_limited', this.clock.now());
      }
      const attempts = attemptsOf(error);
      // A retried DELETE that now finds nothing most likely succeeded on an earlier attempt
      // whose response was lost; either way the object is gone, which is what was asked.
      if (req.method === 'DELETE' && attempts > 1 && isAxiosError(error) && error.response?.status === 404) {
        return { status: 404, data: undefined, endpoint };
      }
      this.counters.recordFailure();
      throw toClickupError(error, {
        method: req.method,
        endpoint,
        attempts,
        timeoutMs: this.options.timeoutMs,
        nowMs: this.clock.now(),
        token: this.options.token,
      });
    }
  }

  private install(): void {
    if (wiredInstances.has(this.http)) {
      throw new Error('ClickupTransport: this axios instance is already wired to a ClickUp transport');
    }
    wiredInstances.add(this.http);

    this.http.interceptors.request.use(async (config) => {
      const meta = config.clickup;
      if (!meta) return config;
      const waited = await this.budget.acquire(meta.priority, meta.deadlineAt);
      meta.holdsBudget = true;
      meta.sentAt = this.clock.now();
      this.counters.recordWait(waited);
      this.counters.recordAttempt(meta.endpoint);
      return config;
    });

    this.http.interceptors.response.use(
      (response) => {
        this.settle(response.config, response);
        return response;
      },
      (error: unknown) => {
        if (isAxiosError(error) && error.config) this.settle(error.config, error.response, error);
        return Promise.reject(error);
      },
    );

    axiosRetry(this.http, {
      retries: this.options.maxRetries,
      // Each attempt gets the full timeout; the default would shrink it across retries.
      shouldResetTimeout: true,
      retryCondition: (error) => this.shouldRetry(error),
      retryDelay: (retryNumber, error) => this.retryDelay(retryNumber, error),
    });
  }

  /** Releases the attempt's budget slot and feeds the rate headers back. Idempotent per attempt. */
  private settle(config: InternalAxiosRequestConfig, response?: AxiosResponse, error?: AxiosError): void {
    const meta = config.clickup;
    if (!meta?.holdsBudget) return;
    meta.holdsBudget = false;
    const now = this.clock.now();
    const headers = response?.headers as Record<string, unknown> | undefined;
    this.budget.release(headers ? parseRateLimitHeaders(headers, now) : undefined);

    if (response?.status === 429) {
      this.counters.recordRateLimited();
      const retryAt = rateLimitRetryAt(headers, now);
      // Hold every caller, not just this one: the window is shared by the whole token.
      if (retryAt !== undefined) this.budget.pauseUntil(Math.min(retryAt, now + this.options.maxRateLimitWaitMs));
    }
    const outcome = response ? String(response.status) : (error?.code ?? 'error');
    this.logger.debug(`${meta.endpoint} ${outcome} ${now - (meta.sentAt ?? now)}ms`);
  }

  private shouldRetry(error: AxiosError): boolean {
    const meta = error.config?.clickup;
    if (!meta) return false;
    const kind = classifyFailure(error);
    if (!isRetryable(meta.method, kind)) return false;
    const now = this.clock.now();
    if (kind === 'rate_limited') {
      const retryAt = rateLimitRetryAt(error.response?.headers as Record<string, unknown>, now);
      if (meta.deadlineAt !== undefined && (retryAt ?? now + this.budget.marginMs) + this.budget.marginMs > meta.deadlineAt) {
        // Refused (429), so not applied; waiting for the reset would overrun the deadline.
        meta.deferredUntil = retryAt ?? now + 60_000;
        return false;
      }
      if (retryAt !== undefined && retryAt - now > this.options.maxRateLimitWaitMs) return false;
    }
    // Past the deadline no attempt starts (the budget would refuse it anyway, after the backoff).
    if (meta.deadlineAt !== undefined && now >= meta.deadlineAt) return false;
    return true;
  }

  private retryDelay(retryNumber: number, error: AxiosError): number {
    const now = this.clock.now();
    const kind = classifyFailure(error);
    const delay = retryDelayMs(kind, retryNumber, {
      baseMs: this.options.retryBaseDelayMs,
      maxMs: this.options.retryMaxDelayMs,
      random: this.random,
      nowMs: now,
      retryAtMs: rateLimitRetryAt(error.response?.headers as Record<string, unknown>, now),
      marginMs: this.budget.marginMs,
    });
    this.counters.recordRetry();
    this.counters.recordWait(delay);
    const endpoint = error.config?.clickup?.endpoint ?? 'request';
    const cause = error.response ? String(error.response.status) : (error.code ?? kind);
    this.logger.warn(`${endpoint} failed (${cause}); retry ${retryNumber}/${this.options.maxRetries} in ${delay}ms`);
    return delay;
  }
}

function attemptsOf(error: unknown): number {
  if (!isAxiosError(error)) return 1;
  const state = error.config?.['axios-retry'] as { retryCount?: number } | undefined;
  return (state?.retryCount ?? 0) + 1;
}
