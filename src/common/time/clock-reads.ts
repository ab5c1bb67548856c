import { AsyncLocalStorage } from 'node:async_hooks';

/** What one observed computation read of the clock: the distinct values of "now" it saw (ms). */
export interface ClockReads {
  instants: Set<number>;
}

const observed = new AsyncLocalStorage<ClockReads>();

/**
 * Runs `fn` and records every read of the injectable Clock it makes (across its awaits). The
 * answer cache uses this to tell answers that depend on "now" (periods, running timers, overdue)
 * from those that do not, without a hand-kept list that could go stale when a tool changes.
 */
export async function observeClockReads<T>(fn: () => Promise<T>): Promise<{ value: T; reads: ClockReads }> {
  const reads: ClockReads = { instants: new Set() };
  const value = await observed.run(reads, fn);
  return { value, reads };
}

/** Called by every Clock implementation on each read, with the value it returned. */
export function noteClockRead(ms: number): void {
  observed.getStore()?.instants.add(ms);
}
