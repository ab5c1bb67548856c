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
