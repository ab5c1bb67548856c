/**
 * Time source for the rate budget. Injected so the pacing algorithm can be tested with a
 * manual clock (no real sleeping, no flaky timing assertions).
 */
export interface BudgetClock {
  now(): number;
  /** Calls `callback` after `ms`; the returned function cancels it. */
  setTimer(callback: () => void, ms: number): () => void;
}

export const systemClock: BudgetClock = {
  now: () => Date.now(),
  setTimer(callback, ms) {
    const handle = setTimeout(callback, Math.max(0, ms));
    return () => clearTimeout(handle);
  },
};
