import { ManualClock, flushMicrotasks } from '../testing/manual-clock';
import { RateBudget, RateBudgetClosedError, RateBudgetDeadlineError, RequestPriority } from './rate-budget';

const WINDOW = 60_000;

function setup(opts: { limit: number; reserve: number; margin?: number }) {
  const clock = new ManualClock();
  const budget = new RateBudget({
    requestsPerMinute: opts.limit,
    interactiveReserve: opts.reserve,
    windowMs: WINDOW,
    resetMarginMs: opts.margin ?? 0,
    clock,
  });
  const granted: string[] = [];
  const acquire = (label: string, priority: RequestPriority = 'sync') => {
    const p = budget.acquire(priority).then((waited) => {
      granted.push(label);
      return waited;
    });
    return p;
  };
  return { clock, budget, granted, acquire };
}

/** Finishes the probe request so the budget stops serialising. */
async function completeProbe(ctx: ReturnType<typeof setup>) {
  await ctx.acquire('probe');
  ctx.budget.release();
  ctx.granted.length = 0;
}

describe('RateBudget', () => {
  it('sends only one request until the first response has been seen', async () => {
    const ctx = setup({ limit: 10, reserve: 0 });
    void ctx.acquire('a');
    void ctx.acquire('b');
    await flushMicrotasks();
    expect(ctx.granted).toEqual(['a']);
    ctx.budget.release();
    await flushMicrotasks();
    expect(ctx.granted).toEqual(['a', 'b']);
  });

  it('grants sync callers up to limit minus reserve per window, then waits for the window to slide', async () => {
    const ctx = setup({ limit: 5, reserve: 2 });
    await completeProbe(ctx); // 1 used
    for (const label of ['a', 'b', 'c']) void ctx.acquire(label);
    await flushMicrotasks();
    expect(ctx.granted).toEqual(['a', 'b']); // probe + a + b = 3 = 5 - 2

    await ctx.clock.advance(WINDOW - 1);
    expect(ctx.granted).toEqual(['a', 'b']);
    await ctx.clock.advance(1); // the probe leaves the window
    expect(ctx.granted).toEqual(['a', 'b', 'c']);
  });

  it('lets interactive callers use the reserve and serves them before queued sync callers', async () => {
    const ctx = setup({ limit: 5, reserve: 2 });
    await completeProbe(ctx);
    for (const label of ['s1', 's2', 's3']) void ctx.acquire(label);
    await flushMicrotasks();
    expect(ctx.granted).toEqual(['s1', 's2']);

    void ctx.acquire('i1', 'interactive');
    void ctx.acquire('i2', 'interactive');
    void ctx.acquire('i3', 'interactive');
    await flushMicrotasks();
    // The reserve (2) goes to interactive; s3 keeps waiting; i3 exceeds the hard limit.
    expect(ctx.granted).toEqual(['s1', 's2', 'i1', 'i2']);

    await ctx.clock.advance(WINDOW);
    // Interactive first, then sync in FIFO order.
    expect(ctx.granted.slice(4)).toEqual(['i3', 's3']);
  });

  it('keeps FIFO order among sync callers and reports how long each waited', async () => {
    const ctx = setup({ limit: 2, reserve: 0 });
    await completeProbe(ctx);
    const waits = ['a', 'b', 'c', 'd'].map((l) => ctx.acquire(l));
    await flushMicrotasks();
    expect(ctx.granted).toEqual(['a']);
    await ctx.clock.advance(WINDOW);
    expect(ctx.granted).toEqual(['a', 'b', 'c']);
    await ctx.clock.advance(WINDOW);
    expect(ctx.granted).toEqual(['a', 'b', 'c', 'd']);
    await expect(Promise.all(waits)).resolves.toEqual([0, WINDOW, WINDOW, 2 * WINDOW]);
  });

  it('never lets the reserve starve sync entirely when the limit is tiny', async () => {
    const ctx = setup({ limit: 2, reserve: 10 });
    await completeProbe(ctx);
    void ctx.acquire('a');
    await flushMicrotasks();
    await ctx.clock.advance(WINDOW);
    expect(ctx.granted).toEqual(['a']);
  });

  it('lets a smaller server X-RateLimit-Limit win over the configured limit', async () => {
    const ctx = setup({ limit: 100, reserve: 0 });
    await ctx.acquire('probe');
    ctx.budget.release({ limit: 3 });
    for (const label of ['a', 'b', 'c']) void ctx.acquire(label);
    await flushMicrotasks();
    expect(ctx.granted).toEqual(['probe', 'a', 'b']);
    expect(ctx.budget.snapshot().effectiveLimit).toBe(3);
  });

  it('waits for the server reset when X-RateLimit-Remaining says the window is spent', async () => {
    const ctx = setup({ limit: 100, reserve: 0, margin: 500 });
    await completeProbe(ctx);
    void ctx.acquire('in-flight');
    await flushMicrotasks();
    const resetAt = ctx.clock.now() + 10_000;
    ctx.budget.release({ limit: 100, remaining: 0, resetAtMs: resetAt });
    void ctx.acquire('next');
    await flushMicrotasks();
    expect(ctx.granted).toEqual(['in-flight']);

    await ctx.clock.advance(10_000 + 499);
    expect(ctx.granted).toEqual(['in-flight']);
    await ctx.clock.advance(1);
    expect(ctx.granted).toEqual(['in-flight', 'next']);
  });

  it('keeps the reserve against the server remaining count too', async () => {
    const ctx = setup({ limit: 100, reserve: 2 });
    await ctx.acquire('probe');
    ctx.budget.release({ limit: 100, remaining: 2, resetAtMs: ctx.clock.now() + 30_000 });
    void ctx.acquire('sync');
    void ctx.acquire('ui', 'interactive');
    await flushMicrotasks();
    expect(ctx.granted).toEqual(['probe', 'ui']);
    expect(ctx.budget.snapshot().serverRemaining).toBe(1);
  });

  it('counts requests still in flight against the remaining figure of a response', async () => {
    const ctx = setup({ limit: 100, reserve: 0 });
    await completeProbe(ctx);
    void ctx.acquire('a');
    void ctx.acquire('b');
    void ctx.acquire('c');
    await flushMicrotasks();
    // a finishes; b and c are still out and may not be in the server's figure yet.
    ctx.budget.release({ limit: 100, remaining: 5, resetAtMs: ctx.clock.now() + 30_000 });
    expect(ctx.budget.snapshot().serverRemaining).toBe(3);
  });

  it('ignores an observation whose reset time is already past', async () => {
    const ctx = setup({ limit: 100, reserve: 0 });
    await ctx.acquire('probe');
    ctx.budget.release({ remaining: 0, resetAtMs: ctx.clock.now() - 1 });
    void ctx.acquire('a');
    await flushMicrotasks();
    expect(ctx.granted).toEqual(['probe', 'a']);
  });

  it('pauses every caller after a 429 until the announced time plus margin', async () => {
    const ctx = setup({ limit: 100, reserve: 0, margin: 250 });
    await completeProbe(ctx);
    ctx.budget.pauseUntil(ctx.clock.now() + 5_000);
    void ctx.acquire('sync');
    void ctx.acquire('ui', 'interactive');
    await ctx.clock.advance(5_249);
    expect(ctx.granted).toEqual([]);
    await ctx.clock.advance(1);
    expect(ctx.granted).toEqual(['ui', 'sync']);
  });

  it('rejects waiters and refuses new callers once closed', async () => {
    const ctx = setup({ limit: 1, reserve: 0 });
    await completeProbe(ctx);
    const waiting = ctx.budget.acquire('sync');
    ctx.budget.close();
    await expect(waiting).rejects.toBeInstanceOf(RateBudgetClosedError);
    await expect(ctx.budget.acquire('sync')).rejects.toBeInstanceOf(RateBudgetClosedError);
    expect(ctx.clock.pendingTimers).toBe(0);
  });

  it.each([
    ['one sequential consumer', 1],
    ['four concurrent workers', 4],
  ])('keeps %s under a fixed-window server limit: 150 requests, zero 429s', async (_label, workers) => {
    const result = await simulate({ workers, sendLimitHeader: true });
    expect(result.finished).toBe(true);
    expect(result.rejected).toBe(0);
    // 150 requests at 50/window (60 learned from the server, minus the reserve of 10).
    expect(result.elapsedMs).toBeGreaterThanOrEqual(2 * WINDOW);
  });

  it('simulation control: without the server limit header a 100/min client would overrun a 60/min server', async () => {
    const result = await simulate({ workers: 4, sendLimitHeader: false, sendRemaining: false });
    expect(result.rejected).toBeGreaterThan(0);
  });
});

/** Drives a budget-paced client against a simulated fixed-window server on a manual clock. */
async function simulate(opts: { workers: number; sendLimitHeader: boolean; sendRemaining?: boolean }) {
  // Server: fixed 60 s windows of 60 requests, headers on every response (like ClickUp).
  // Client: configured for 100/min with a reserve of 10, i.e. it must learn the real limit.
  const clock = new ManualClock(1_700_000_000_000);
  const budget = new RateBudget({ requestsPerMinute: 100, interactiveReserve: 10, windowMs: WINDOW, clock });
  const serverLimit = 60;
  let windowStart = clock.now();
  let used = 0;
  let rejected = 0;
  const serve = () => {
    const now = clock.now();
    if (now >= windowStart + WINDOW) {
      windowStart += Math.floor((now - windowStart) / WINDOW) * WINDOW;
      used = 0;
    }
    used++;
    if (used > serverLimit) rejected++;
    return {
      limit: serverLimit,
      remaining: Math.max(0, serverLimit - used),
      // whole seconds, as ClickUp sends it
      resetAtMs: Math.ceil((windowStart + WINDOW) / 1000) * 1000,
    };
  };

  let sent = 0;
  const startedAt = clock.now();
  const worker = async () => {
    while (sent < 150) {
      sent++;
      await budget.acquire('sync');
      // request latency; only the driver below moves the clock
      await new Promise<void>((resolve) => clock.setTimer(resolve, 50));
      const observation = serve();
      budget.release({
        limit: opts.sendLimitHeader ? observation.limit : undefined,
        remaining: opts.sendRemaining === false ? undefined : observation.remaining,
        resetAtMs: opts.sendRemaining === false ? undefined : observation.resetAtMs,
      });
    }
  };
  let finished = false;
  let finishedAt = 0;
  void Promise.all(Array.from({ length: opts.workers }, worker)).then(() => {
    finished = true;
    finishedAt = clock.now();
  });
  for (let i = 0; i < 100_000 && !finished; i++) await clock.advance(10);
  return { finished, rejected, elapsedMs: finishedAt - startedAt };
}

describe('RateBudget deadlines (interactive writes)', () => {
  it('refuses at once a request the budget cannot serve before its deadline (paused past it)', async () => {
    const ctx = setup({ limit: 10, reserve: 0 });
    await completeProbe(ctx);
    ctx.budget.pauseUntil(ctx.clock.now() + 62_000);
    const outcome = ctx.budget.acquire('interactive', ctx.clock.now() + 30_000).then(
      () => 'granted',
      (e: unknown) => e,
    );
    await flushMicrotasks();
    const e = await outcome;
    expect(e).toBeInstanceOf(RateBudgetDeadlineError);
    expect((e as RateBudgetDeadlineError).availableAtMs).toBe(ctx.clock.now() + 62_000);
    expect(ctx.budget.snapshot().queued.interactive).toBe(0);
  });

  it('grants a request whose wait ends before the deadline', async () => {
    const ctx = setup({ limit: 10, reserve: 0 });
    await completeProbe(ctx);
    ctx.budget.pauseUntil(ctx.clock.now() + 10_000);
    let waited: number | null = null;
    void ctx.budget.acquire('interactive', ctx.clock.now() + 30_000).then((w) => (waited = w));
    await ctx.clock.advance(9_999);
    expect(waited).toBeNull();
    await ctx.clock.advance(1);
    expect(waited).toBe(10_000);
  });

  it('refuses at the deadline when the wait was unknown (the first response still in flight)', async () => {
    const ctx = setup({ limit: 10, reserve: 0 });
    void ctx.acquire('probe'); // in flight, never released
    await flushMicrotasks();
    let outcome: unknown = null;
    void ctx.budget.acquire('interactive', ctx.clock.now() + 30_000).then(
      () => (outcome = 'granted'),
      (e: unknown) => (outcome = e),
    );
    await ctx.clock.advance(29_999);
    expect(outcome).toBeNull();
    await ctx.clock.advance(1);
    expect(outcome).toBeInstanceOf(RateBudgetDeadlineError);
    expect((outcome as RateBudgetDeadlineError).availableAtMs).toBeNull();
  });

  it('a full window that frees up only after the deadline refuses the request at once', async () => {
    const ctx = setup({ limit: 2, reserve: 0 });
    await completeProbe(ctx);
    await ctx.acquire('a');
    ctx.budget.release();
    let outcome: unknown = null;
    // The window is full until the probe leaves it (60 s): more than the 30 s deadline — refused now.
    void ctx.budget.acquire('interactive', ctx.clock.now() + 30_000).then(
      () => (outcome = 'granted'),
      (e: unknown) => (outcome = e),
    );
    await flushMicrotasks();
    expect(outcome).toBeInstanceOf(RateBudgetDeadlineError);
    // Without a deadline the same request simply waits for the window.
    let plain: unknown = null;
    void ctx.budget.acquire('interactive').then(() => (plain = 'granted'));
    await ctx.clock.advance(WINDOW);
    expect(plain).toBe('granted');
  });
});
