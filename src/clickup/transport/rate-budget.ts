import { BudgetClock, systemClock } from './budget-clock';
import { RateLimitObservation } from './rate-limit-headers';

/**
 * 'sync' = bulk background reads (the default for GETs); 'interactive' = a person or an
 * assistant is waiting (the default for writes). Interactive calls may use the reserve.
 */
export type RequestPriority = 'sync' | 'interactive';

export interface RateBudgetOptions {
  /** Configured requests per window; the server's X-RateLimit-Limit wins when smaller. */
  requestsPerMinute: number;
  /** Requests per window that 'sync' callers leave free for 'interactive' ones. */
  interactiveReserve: number;
  /** ClickUp's window is 60 s. */
  windowMs?: number;
  clock?: BudgetClock;
  /**
   * Added to every server-announced reset time. X-RateLimit-Reset has whole-second
   * precision and our clock may lag the server's; waking a little late costs far less
   * than a 429 and a retry.
   */
  resetMarginMs?: number;
}

export interface RateBudgetSnapshot {
  configuredLimit: number;
  serverLimit: number | null;
  effectiveLimit: number;
  /** Our own requests granted within the last window. */
  usedInWindow: number;
  /** Our estimate of the server's remaining allowance (null when unknown or expired). */
  serverRemaining: number | null;
  serverResetAtMs: number | null;
  pausedUntilMs: number | null;
  inFlight: number;
  queued: { sync: number; interactive: number };
}

export class RateBudgetClosedError extends Error {
  constructor() {
    super('rate budget closed');
    this.name = 'RateBudgetClosedError';
  }
}

/**
 * The request cannot be granted before its deadline: it was not sent. `availableAtMs` is when
 * the budget expects to have room again (null when that depends on a response still in flight).
 */
export class RateBudgetDeadlineError extends Error {
  constructor(readonly availableAtMs: number | null) {
    super('rate budget cannot grant the request before its deadline');
    this.name = 'RateBudgetDeadlineError';
  }
}

interface Waiter {
  priority: RequestPriority;
  enqueuedAt: number;
  /** Grant by then or not at all (interactive writes: a late write lands after the caller gave up). */
  deadlineAt?: number;
  resolve: (waitedMs: number) => void;
  reject: (error: Error) => void;
}

/** Blocked until a timestamp, blocked until an in-flight request finishes, or free (= now). */
type Availability = number | 'after-release';

/**
 * The one place that decides when a request to ClickUp may be sent (architecture rule 4).
 *
 * Algorithm (see docs/clickup-client.md):
 * - A sliding window of our own send times guarantees we never send more than the effective
 *   limit in ANY window-length span, so a fixed-window server never sees us over its limit,
 *   whatever the window alignment. Effective limit = min(configured, X-RateLimit-Limit).
 * - The server's X-RateLimit-Remaining/Reset (decremented locally for each grant) covers
 *   other consumers of the same token: when the server says the window is spent, we wait
 *   until its reset.
 * - 'sync' callers stop `interactiveReserve` short of either limit; 'interactive' callers may
 *   use everything. Waiters are served FIFO within a priority, interactive first.
 * - Until the first response arrives only one request is in flight: the server's limit may
 *   be lower than the configured one, and a burst before learning it could overrun it.
 */
export class RateBudget {
  private readonly clock: BudgetClock;
  private readonly windowMs: number;
  private readonly resetMarginMs: number;
  private readonly configuredLimit: number;
  private readonly interactiveReserve: number;

  /** Grant times within the sliding window, ascending. */
  private sends: number[] = [];
  private serverLimit: number | null = null;
  private serverRemaining: number | null = null;
  private serverResetAt: number | null = null;
  private pausedUntil = 0;
  private inFlight = 0;
  private probeDone = false;
  private closed = false;
  private readonly queues: Record<RequestPriority, Waiter[]> = { interactive: [], sync: [] };
  private cancelTimer: (() => void) | null = null;
  private timerAt: number | null = null;

  constructor(options: RateBudgetOptions) {
    this.clock = options.clock ?? systemClock;
    this.windowMs = options.windowMs ?? 60_000;
    this.resetMarginMs = options.resetMarginMs ?? 1_000;
    this.configuredLimit = Math.max(1, Math.floor(options.requestsPerMinute));
    this.interactiveReserve = Math.max(0, Math.floor(options.interactiveReserve));
  }

  /** Margin the transport adds to a 429's reset time, so both wait for the same moment. */
  get marginMs(): number {
    return this.resetMarginMs;
  }

  /**
   * Resolves (with the time spent waiting) once a request of this priority may be sent.
   * Every successful acquire must be followed by exactly one release(). With `deadlineAtMs`,
   * rejects with RateBudgetDeadlineError as soon as the grant is known to come later than that
   * (at once when the budget is paused past it), or when the deadline passes.
   */
  acquire(priority: RequestPriority = 'sync', deadlineAtMs?: number): Promise<number> {
    if (this.closed) return Promise.reject(new RateBudgetClosedError());
    return new Promise<number>((resolve, reject) => {
      this.queues[priority].push({ priority, enqueuedAt: this.clock.now(), deadlineAt: deadlineAtMs, resolve, reject });
      this.drain();
    });
  }

  /** The request finished (any outcome). Pass the rate headers of its response, if any. */
  release(observation?: RateLimitObservation): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.probeDone = true;
    if (observation) this.observe(observation);
    this.drain();
  }

  /** Nobody sends before `epochMs` (+ margin): used after a 429 that carried only Retry-After. */
  pauseUntil(epochMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, epochMs + this.resetMarginMs);
    this.drain();
  }

  snapshot(): RateBudgetSnapshot {
    const now = this.clock.now();
    this.prune(now);
    const serverKnown = this.serverResetAt !== null && this.serverResetAt > now;
    return {
      configuredLimit: this.configuredLimit,
      serverLimit: this.serverLimit,
      effectiveLimit: this.effectiveLimit(),
      usedInWindow: this.sends.length,
      serverRemaining: serverKnown ? this.serverRemaining : null,
      serverResetAtMs: serverKnown ? this.serverResetAt : null,
      pausedUntilMs: this.pausedUntil > now ? this.pausedUntil : null,
      inFlight: this.inFlight,
      queued: { sync: this.queues.sync.length, interactive: this.queues.interactive.length },
    };
  }

  /** Rejects every waiter and stops the timer (module shutdown). */
  close(): void {
    this.closed = true;
    this.clearTimer();
    for (const priority of ['interactive', 'sync'] as const) {
      for (const waiter of this.queues[priority].splice(0)) waiter.reject(new RateBudgetClosedError());
    }
  }

  private observe(o: RateLimitObservation): void {
    const now = this.clock.now();
    if (o.limit !== undefined) this.serverLimit = o.limit;
    if (o.remaining === undefined) return;
    // Without a reset header, assume the allowance holds for one full window from now.
    const resetAt = o.resetAtMs !== undefined ? o.resetAtMs + this.resetMarginMs : now + this.windowMs;
    if (resetAt <= now) return; // describes a window that is already over
    // Requests still in flight may not be counted in this figure yet: assume they are not.
    const estimate = Math.max(0, o.remaining - this.inFlight);
    const current = this.serverResetAt;
    // Reset has whole-second precision: within a second means the same window.
    if (current === null || current <= now || resetAt > current + 999) {
      this.serverResetAt = resetAt;
      this.serverRemaining = estimate;
    } else if (resetAt >= current - 999) {
      this.serverRemaining = Math.min(this.serverRemaining ?? estimate, estimate);
    }
    // else: a late response from an older window; ignore it.
  }

  private effectiveLimit(): number {
    return Math.min(this.configuredLimit, this.serverLimit ?? Number.POSITIVE_INFINITY);
  }

  /** Requests a priority must leave unused; capped so sync always gets at least one. */
  private reserveFor(priority: RequestPriority, limit: number): number {
    return priority === 'sync' ? Math.min(this.interactiveReserve, Math.max(0, limit - 1)) : 0;
  }

  private prune(now: number): void {
    const cutoff = now - this.windowMs;
    let drop = 0;
    while (drop < this.sends.length && this.sends[drop] <= cutoff) drop++;
    if (drop > 0) this.sends.splice(0, drop);
  }

  /** When a request of this priority could be granted (`now` when it can be right away). */
  private availability(priority: RequestPriority, now: number): Availability {
    if (!this.probeDone && this.inFlight > 0) return 'after-release';
    let until = now;
    if (this.pausedUntil > now) until = Math.max(until, this.pausedUntil);

    const limit = this.effectiveLimit();
    const cap = limit - this.reserveFor(priority, limit);
    this.prune(now);
    const used = this.sends.length;
    if (used >= cap) until = Math.max(until, this.sends[used - cap] + this.windowMs);

    if (this.serverRemaining !== null && this.serverResetAt !== null && this.serverResetAt > now) {
      const serverReserve = this.reserveFor(priority, this.serverLimit ?? limit);
      if (this.serverRemaining <= serverReserve) until = Math.max(until, this.serverResetAt);
    }
    return until;
  }

  private grant(waiter: Waiter, now: number): void {
    this.sends.push(now);
    this.inFlight++;
    if (this.serverRemaining !== null && this.serverResetAt !== null && this.serverResetAt > now) {
      this.serverRemaining = Math.max(0, this.serverRemaining - 1);
    }
    waiter.resolve(now - waiter.enqueuedAt);
  }

  private drain(): void {
    if (this.closed) return;
    const now = this.clock.now();
    for (;;) {
      const interactive = this.queues.interactive[0];
      if (interactive && this.availability('interactive', now) === now) {
        this.grant(this.queues.interactive.shift()!, now);
        continue;
      }
      const sync = this.queues.sync[0];
      if (sync && this.availability('sync', now) === now) {
        this.grant(this.queues.sync.shift()!, now);
        continue;
      }
      break;
    }
    this.dropHopeless(now);
    this.schedule(now);
  }

  /** Waiters whose deadline passed, or falls before the moment their queue can next be served. */
  private dropHopeless(now: number): void {
    for (const priority of ['interactive', 'sync'] as const) {
      const queue = this.queues[priority];
      if (!queue.some((w) => w.deadlineAt !== undefined)) continue;
      const at = this.availability(priority, now);
      const known = typeof at === 'number' ? at : null;
      this.queues[priority] = queue.filter((w) => {
        const late = w.deadlineAt !== undefined && (now >= w.deadlineAt || (known !== null && known > w.deadlineAt));
        if (late) w.reject(new RateBudgetDeadlineError(known));
        return !late;
      });
    }
  }

  /** One timer, set for the earliest moment a queue head might become grantable. */
  private schedule(now: number): void {
    let wakeAt: number | null = null;
    for (const priority of ['interactive', 'sync'] as const) {
      if (this.queues[priority].length === 0) continue;
      const at = this.availability(priority, now);
      // 'after-release' needs no timer: release() drains.
      if (typeof at === 'number' && (wakeAt === null || at < wakeAt)) wakeAt = at;
      // A waiter's deadline is a moment to wake too (to refuse it), whatever the queue waits for.
      for (const w of this.queues[priority]) {
        if (w.deadlineAt !== undefined && (wakeAt === null || w.deadlineAt < wakeAt)) wakeAt = w.deadlineAt;
      }
    }
    if (wakeAt === this.timerAt) return;
    this.clearTimer();
    if (wakeAt === null) return;
    this.timerAt = wakeAt;
    this.cancelTimer = this.clock.setTimer(() => {
      this.cancelTimer = null;
      this.timerAt = null;
      this.drain();
    }, wakeAt - now);
  }

  private clearTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.timerAt = null;
  }
}
