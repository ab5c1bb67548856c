/** Splits work into chunks: PostgreSQL caps a statement at 65,535 bind parameters. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Rows per bulk statement. With unnest() each column is ONE array parameter, so this bounds memory, not parameters. */
export const BULK_ROWS = 2000;

export const ms = (d: Date | null): number | null => (d ? d.getTime() : null);
