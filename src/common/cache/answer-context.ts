import { AsyncLocalStorage } from 'node:async_hooks';

/** What a reusable answer's computation runs with, and what it saw. */
interface AnswerContext {
  /** The database's data version at its start (DataVersionRepository). */
  dataVersion: string;
  /** The distinct values of "now" it read from the injectable Clock (ms). */
  instants: Set<number>;
}

const context = new AsyncLocalStorage<AnswerContext>();

/**
 * Runs the computation of an answer the answer cache may reuse, across its awaits, and returns
 * the clock values it read: answers that depend on "now" (periods, running timers, overdue) are
 * told from those that do not without a hand-kept list that could go stale when a tool changes.
 */
export async function computeAnswer<T>(dataVersion: string, fn: () => Promise<T>): Promise<{ value: T; instants: Set<number> }> {
  const ctx: AnswerContext = { dataVersion, instants: new Set() };
  const value = await context.run(ctx, fn);
  return { value, instants: ctx.instants };
}

/**
 * The data version of the answer being computed, or null outside one (REST, background work).
 * Services that keep a short-lived copy of something in the database (ToolMetaService's
 * data_as_of) key that copy on it, so an answer never carries a copy older than its data.
 */
export function currentDataVersion(): string | null {
  return context.getStore()?.dataVersion ?? null;
}

/** Called by every Clock implementation on each read, with the value it returned. */
export function noteClockRead(ms: number): void {
  context.getStore()?.instants.add(ms);
}
