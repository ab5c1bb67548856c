export interface RateLimitVerdict {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds when the window resets (ClickUp's X-RateLimit-Reset unit). */
  resetSeconds: number;
}

const WINDOW_MS = 60_000;

/**
 * ClickUp's per-token limit: a fixed 60 s window that starts with the token's first request.
 * Uses real time (not the sandbox clock) because clients sleep until X-RateLimit-Reset.
 */
export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.perMinute > 0;
  }

  get limit(): number {
    return this.perMinute;
  }

  setLimit(perMinute: number): void {
    if (!Number.isFinite(perMinute) || perMinute < 0) throw new Error('rate limit must be a number ≥ 0 (0 = off)');
    this.perMinute = Math.floor(perMinute);
  }

  /** Counts one request for the token; null when limiting is off. */
  take(token: string): RateLimitVerdict | null {
    if (!this.enabled) return null;
    const window = this.windowFor(token);
    const allowed = window.count < this.perMinute;
    if (allowed) window.count++;
    return this.verdict(window, allowed);
  }

  /** The headers for a response that does not count (an injected 429 storm). */
  peek(token: string): RateLimitVerdict {
    const window = this.windowFor(token);
    return { ...this.verdict(window, false), remaining: 0, limit: Math.max(this.perMinute, 1) };
  }

  private windowFor(token: string): { start: number; count: number } {
    const now = this.now();
    let window = this.windows.get(token);
    if (!window || now - window.start >= WINDOW_MS) {
      window = { start: now, count: 0 };
      this.windows.set(token, window);
    }
    return window;
  }

  private verdict(window: { start: number; count: number }, allowed: boolean): RateLimitVerdict {
    return {
      allowed,
      limit: this.perMinute,
      remaining: Math.max(0, this.perMinute - window.count),
      resetSeconds: Math.ceil((window.start + WINDOW_MS) / 1000),
    };
  }
}
