import { BudgetClock } from '../transport/budget-clock';

interface PendingTimer {
  id: number;
  at: number;
  callback: () => void;
}

/**
 * A BudgetClock that only moves when told to. Exported for tests anywhere in the product
 * (e.g. sync tests that want a deterministic RateBudget).
 */
export class ManualClock implements BudgetClock {
  private current: number;
  private timers: PendingTimer[] = [];
  private nextId = 1;

  constructor(startMs = 1_700_000_000_000) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(callback: () => void, ms: number): () => void {
    const id = this.nextId++;
    this.timers.push({ id, at: this.current + Math.max(0, ms), callback });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  /** Number of timers waiting to fire. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /**
   * Moves time forward, firing due timers in time order; settles promise callbacks after
   * each one so code awaiting a grant runs before the next timer.
   */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t.id !== due.id);
      this.current = Math.max(this.current, due.at);
      due.callback();
      await flushMicrotasks();
    }
    this.current = target;
    await flushMicrotasks();
  }
}

/** Lets already-resolved promise chains run (a few hops deep). */
export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
