import { AsyncLocalStorage } from 'node:async_hooks';

const context = new AsyncLocalStorage<string>();

/**
 * Runs `fn` knowing the database's data version as of its start (see DataVersionRepository).
 * Services that keep a short-lived copy of something in the database (ToolMetaService's
 * data_as_of) key that copy on it inside, so an answer never carries a copy older than its data.
 */
export function runWithDataVersion<T>(version: string, fn: () => Promise<T>): Promise<T> {
  return context.run(version, fn);
}

/** The data version of the computation in progress, or null outside one (REST, background work). */
export function currentDataVersion(): string | null {
  return context.getStore() ?? null;
}
