/**
 * One page of a list that is already in memory, with what a small model needs to go on: the
 * exact total, whether more follow this page, and a hint how to see them or narrow the question.
 */
export interface Page<T> {
  items: T[];
  total: number;
  truncated: boolean;
  offset: number;
  /** Null when nothing is left after this page. */
  hint: string | null;
}

export function pageOf<T>(all: T[], offset: number, limit: number, narrow: string): Page<T> {
  const items = all.slice(offset, offset + limit);
  const truncated = offset + items.length < all.length;
  return { items, total: all.length, truncated, offset, hint: truncated ? moreHint(offset, items.length, all.length, narrow) : null };
}

/** A page's fields as a tool answer states them (the items go under the answer's own name). */
export function pageMeta<T>(page: Page<T>): Omit<Page<T>, 'items'> {
  return { total: page.total, truncated: page.truncated, offset: page.offset, hint: page.hint };
}

/** "Showing 1–20 of 250: pass offset 20 for the next ones, or narrow with `query`." */
export function moreHint(offset: number, shown: number, total: number, narrow: string): string {
  const range = shown ? `${offset + 1}–${offset + shown}` : 'none';
  const next = offset + shown < total ? `pass offset ${offset + shown} for the next ones, or ` : '';
  return `Showing ${range} of ${total}: ${next}${narrow}.`;
}
