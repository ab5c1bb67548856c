import { TimeFactRow } from '../time/time-facts.types';

/** Fact rows added up per key (pure): time, billable time, entries, running timers, distinct tasks. */
export interface Totals {
  ms: number;
  billableMs: number;
  entries: number;
  running: boolean;
  tasks: Set<string>;
  /** The first row seen for the key (names). */
  first: TimeFactRow;
}

/** The rows of each key, in their order: one pass instead of a filter per key. */
export function rowsBy<K>(rows: TimeFactRow[], key: (r: TimeFactRow) => K): Map<K, TimeFactRow[]> {
  const out = new Map<K, TimeFactRow[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

export function totalsBy<K>(rows: TimeFactRow[], key: (r: TimeFactRow) => K): Map<K, Totals> {
  const out = new Map<K, Totals>();
  for (const r of rows) {
    const k = key(r);
    let t = out.get(k);
    if (!t) {
      t = { ms: 0, billableMs: 0, entries: 0, running: false, tasks: new Set(), first: r };
      out.set(k, t);
    }
    t.ms += r.ms;
    t.billableMs += r.billableMs;
    t.entries += r.entries;
    t.running ||= r.running;
    if (r.taskId) t.tasks.add(r.taskId);
  }
  return out;
}

export function grandTotal(rows: TimeFactRow[]): { ms: number; billableMs: number; tasks: number; running: boolean } {
  const t = totalsBy(rows, () => 'all').get('all');
  return { ms: t?.ms ?? 0, billableMs: t?.billableMs ?? 0, tasks: t?.tasks.size ?? 0, running: t?.running ?? false };
}

/** Entries sorted by time, most first; ties by name so answers are stable. */
export function byTimeDesc<T extends { ms: number; name: string }>(xs: T[]): T[] {
  return xs.sort((a, b) => b.ms - a.ms || a.name.localeCompare(b.name));
}

/** How a person is named in reports: username, else email, else "user <id>". */
export const factPersonName = (r: TimeFactRow): string => r.userName ?? r.userEmail ?? `user ${r.userId}`;
