/**
 * Rows of a raw statement with RETURNING. TypeORM's postgres driver answers `query()` with the
 * rows for SELECT/INSERT but with `[rows, rowCount]` for UPDATE and DELETE.
 */
export function returnedRows<T = unknown>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return (result ?? []) as T[];
}

/**
 * A DELETE as a statement that answers `{ n }`, the rows it deleted (a count, not the rows: a
 * retention pass may delete a day of 100,000 snapshot rows). `deleteSql` has no RETURNING.
 */
export const countingDeleted = (deleteSql: string): string => `WITH gone AS (${deleteSql} RETURNING 1) SELECT count(*) AS n FROM gone`;

/** The `n` of a countingDeleted statement's answer. */
export const deletedCount = (rows: { n: number | string }[]): number => Number(rows[0]?.n ?? 0);
