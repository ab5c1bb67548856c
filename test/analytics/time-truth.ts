import { DateTime } from 'luxon';
import { statusCategory, StatusCategory } from '../../src/common/status-category';
import type { DumpMember, DumpTask, DumpTimeEntry, SandboxDump } from '../../src/sandbox/sandbox-dump.types';

/**
 * Expectations for the analytics toolset computed from the sandbox's ground truth (its dump)
 * with Luxon for calendar math and nothing from the product but the rule-5 status table. Each
 * helper restates a rule of the reporting contract in the plainest way (loops over entries), so
 * a wrong answer cannot agree with it by sharing a bug.
 */
export type Scope = { kind: 'workspace' } | { kind: 'space' | 'folder' | 'list'; id: string };

export interface Window {
  from: number;
  to: number;
}

export interface Piece {
  entry: DumpTimeEntry;
  /** Local date of the piece (only when split by day). */
  day: string;
  ms: number;
}

export class TimeTruth {
  readonly tasks: Map<string, DumpTask>;

  constructor(
    readonly d: SandboxDump,
    readonly now: number,
    readonly zone: string,
    /** People removed since (the dump no longer lists them), by id. */
    readonly removed: Map<number, DumpMember> = new Map(),
  ) {
    this.tasks = new Map(d.tasks.map((t) => [t.id, t]));
  }

  // ------------------------------------------------------------------ calendar (Luxon, not the product)

  local(ms: number): DateTime {
    return DateTime.fromMillis(ms, { zone: this.zone });
  }

  at(iso: string): number {
    return DateTime.fromISO(iso, { zone: this.zone }).toMillis();
  }

  dayWindow(date: string): Window {
    const d = DateTime.fromISO(date, { zone: this.zone }).startOf('day');
    return { from: d.toMillis(), to: d.plus({ days: 1 }).startOf('day').toMillis() };
  }

  weekWindow(weeksAgo: number): Window & { days: string[] } {
    const monday = this.local(this.now).startOf('week').minus({ weeks: weeksAgo });
    return {
      from: monday.toMillis(),
      to: monday.plus({ weeks: 1 }).toMillis(),
      days: Array.from({ length: 7 }, (_, i) => monday.plus({ days: i }).toISODate() as string),
    };
  }

  rangeWindow(first: string, last: string): Window & { days: string[] } {
    const a = DateTime.fromISO(first, { zone: this.zone }).startOf('day');
    const b = DateTime.fromISO(last, { zone: this.zone }).startOf('day').plus({ days: 1 });
    const days: string[] = [];
    for (let d = a; d < b; d = d.plus({ days: 1 })) days.push(d.toISODate() as string);
    return { from: a.toMillis(), to: b.toMillis(), days };
  }

  lastDays(n: number): Window & { days: string[] } {
    const today = this.local(this.now).startOf('day');
    const w = this.rangeWindow(today.minus({ days: n - 1 }).toISODate() as string, today.toISODate() as string);
    return { ...w, to: this.now };
  }

  weekdays(days: string[]): number {
    return days.filter((d) => DateTime.fromISO(d).weekday <= 5).length;
  }

  // ------------------------------------------------------------------ attribution (Reporting rules 1–3)

  end(e: DumpTimeEntry): number {
    return e.running ? this.now : (e.end as number);
  }

  /** Where an entry's time belongs: its task's home now (none for entries without a task). */
  location(e: DumpTimeEntry): { listId: string; folderId: string | null; spaceId: string } | null {
    if (!e.taskId) return null;
    const t = this.tasks.get(e.taskId);
    return t ? { listId: t.listId, folderId: t.folderId, spaceId: t.spaceId } : null;
  }

  inScope(e: DumpTimeEntry, s: Scope): boolean {
    if (s.kind === 'workspace') return true;
    const l = this.location(e);
    if (!l) return false;
    return s.kind === 'space' ? l.spaceId === s.id : s.kind === 'folder' ? l.folderId === s.id : l.listId === s.id;
  }

  /** Every live entry clipped to the window (one piece per entry, or per entry and local day). */
  pieces(w: Window | null, s: Scope, opts: { byDay?: boolean; userId?: number; taskIds?: Set<string> } = {}): Piece[] {
    const out: Piece[] = [];
    for (const e of this.d.timeEntries) {
      if (opts.userId !== undefined && e.userId !== opts.userId) continue;
      if (opts.taskIds && (!e.taskId || !opts.taskIds.has(e.taskId))) continue;
      if (!this.inScope(e, s)) continue;
      const a = w ? Math.max(e.start, w.from) : e.start;
      const b = w ? Math.min(this.end(e), w.to) : this.end(e);
      if (b <= a) continue;
      if (!opts.byDay) {
        out.push({ entry: e, day: '', ms: b - a });
        continue;
      }
      for (let d = this.local(a).startOf('day'); d.toMillis() < b; d = d.plus({ days: 1 }).startOf('day')) {
        const x = Math.max(a, d.toMillis());
        const y = Math.min(b, d.plus({ days: 1 }).startOf('day').toMillis());
        if (y > x) out.push({ entry: e, day: d.toISODate() as string, ms: y - x });
      }
    }
    return out;
  }

  sum(pieces: Piece[]): { ms: number; billable: number } {
    return pieces.reduce((s, p) => ({ ms: s.ms + p.ms, billable: s.billable + (p.entry.billable ? p.ms : 0) }), { ms: 0, billable: 0 });
  }

  group<K>(pieces: Piece[], key: (p: Piece) => K): Map<K, Piece[]> {
    const m = new Map<K, Piece[]>();
    for (const p of pieces) m.set(key(p), [...(m.get(key(p)) ?? []), p]);
    return m;
  }

  // ------------------------------------------------------------------ people

  memberName(id: number): string {
    const m = this.d.members.find((x) => x.id === id) ?? this.removed.get(id);
    return m?.username ?? m?.email ?? `user ${id}`;
  }

  /** Current members a timesheet names even without time: active, not guests. */
  roster(): DumpMember[] {
    return this.d.members.filter((m) => m.status === 'active' && m.roleKey !== 'guest');
  }

  /** Capacity (rule 9): 40 h × weekdays ÷ 5. */
  capacity(days: string[], hoursPerWeek = 40): number {
    return Math.round((hoursPerWeek * 3_600_000 * this.weekdays(days)) / 5);
  }

  // ------------------------------------------------------------------ task sets (Reporting rules 4–5)

  category(t: DumpTask): StatusCategory {
    return statusCategory(t.status, t.statusType);
  }

  finished(t: DumpTask): boolean {
    const c = this.category(t);
    return c === 'done' || c === 'closed';
  }

  /** Archived itself, or in an archived container below the scope. */
  archivedBelow(t: DumpTask, s: Scope): boolean {
    if (t.archived) return true;
    const list = this.d.lists.find((l) => l.id === t.listId)!;
    const folder = list.folderId ? this.d.folders.find((f) => f.id === list.folderId) : undefined;
    const space = this.d.spaces.find((x) => x.id === list.spaceId)!;
    if (s.kind === 'list') return false;
    if (list.archived) return true;
    if (s.kind === 'folder') return false;
    if (folder?.archived) return true;
    return s.kind === 'workspace' && space.archived;
  }

  taskInScope(t: DumpTask, s: Scope): boolean {
    if (s.kind === 'workspace') return true;
    return s.kind === 'space' ? t.spaceId === s.id : s.kind === 'folder' ? t.folderId === s.id : t.listId === s.id;
  }

  /** The scope's non-archived tasks, subtasks included. */
  taskSet(s: Scope): DumpTask[] {
    return this.d.tasks.filter((t) => this.taskInScope(t, s) && !this.archivedBelow(t, s));
  }

  /** Direct time of a task: its own entries, lifetime, running timers up to now. */
  directMs(taskId: string, w: Window | null = null): number {
    return this.sum(this.pieces(w, { kind: 'workspace' }, { taskIds: new Set([taskId]) })).ms;
  }

  finishedAt(t: DumpTask): number | null {
    return this.finished(t) ? (t.dateDone ?? t.dateClosed) : null;
  }

  /** Each assignee's share of an estimate: floor for all, one ms more for the first (total mod n) by id. */
  shares(t: DumpTask): Map<number, number> {
    const ids = [...t.assigneeIds].sort((a, b) => a - b);
    const est = t.timeEstimate && t.timeEstimate > 0 ? t.timeEstimate : 0;
    const base = Math.floor(est / ids.length);
    return new Map(ids.map((id, i) => [id, base + (i < est - base * ids.length ? 1 : 0)]));
  }
}

/** one decimal, halves up; null without a denominator */
export const pct = (n: number, d: number): number | null => (d ? Math.round((n * 1000) / d) / 10 : null);
