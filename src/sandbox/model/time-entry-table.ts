import { TimeEntryRecord } from './sandbox-entities';

/**
 * Compact storage for time entries. The `large` workspace has a million of them: as objects that
 * would cost well over a gigabyte, so generated entries live in typed columns (struct of arrays),
 * sorted by start so a date-range query is a binary search. Edits, deletes and new entries go to
 * a small overlay of plain records; an edited or deleted base row is only flagged hidden.
 */
export interface TimeEntryScan {
  /** Inclusive bounds on the entry's start. */
  from: number;
  to: number;
  userIds?: ReadonlySet<number> | null;
  taskIds?: ReadonlySet<string> | null;
}

const ID_PREFIX = '3';
const ID_DIGITS = 18;

export function timeEntryIdForSeq(seq: number): string {
  return ID_PREFIX + String(seq).padStart(ID_DIGITS, '0');
}

/** Collects generated rows (in ascending start order) and interns repeated strings. */
export class TimeEntryTableBuilder {
  private count = 0;
  private readonly start: Float64Array;
  private readonly end: Float64Array;
  private readonly at: Float64Array;
  private readonly user: Int32Array;
  private readonly task: Int32Array;
  private readonly billable: Uint8Array;
  private readonly desc: Uint16Array;
  private readonly tags: Uint16Array;
  private readonly source: Uint8Array;
  private readonly descriptions = new Interner<string>((s) => s);
  private readonly tagSets = new Interner<string[]>((t) => t.join('\u0000'));
  private readonly sources = new Interner<string>((s) => s);

  constructor(private readonly capacity: number) {
    this.start = new Float64Array(capacity);
    this.end = new Float64Array(capacity);
    this.at = new Float64Array(capacity);
    this.user = new Int32Array(capacity);
    this.task = new Int32Array(capacity);
    this.billable = new Uint8Array(capacity);
    this.desc = new Uint16Array(capacity);
    this.tags = new Uint16Array(capacity);
    this.source = new Uint8Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  add(row: {
    start: number;
    end: number | null;
    at: number;
    userId: number;
    taskIndex: number;
    billable: boolean;
    description: string;
    tags: string[];
    source: string;
  }): void {
    const i = this.count;
    if (i >= this.capacity) throw new Error('TimeEntryTableBuilder capacity exceeded');
    if (i > 0 && row.start < this.start[i - 1]) throw new Error('time entries must be added in start order');
    this.start[i] = row.start;
    this.end[i] = row.end === null ? NaN : row.end;
    this.at[i] = row.at;
    this.user[i] = row.userId;
    this.task[i] = row.taskIndex;
    this.billable[i] = row.billable ? 1 : 0;
    this.desc[i] = this.descriptions.intern(row.description);
    this.tags[i] = this.tagSets.intern(row.tags);
    this.source[i] = this.sources.intern(row.source);
    this.count++;
  }

  build(taskIdAt: (index: number) => string | undefined): TimeEntryTable {
    const n = this.count;
    return new TimeEntryTable(
      {
        start: this.start.slice(0, n),
        end: this.end.slice(0, n),
        at: this.at.slice(0, n),
        user: this.user.slice(0, n),
        task: this.task.slice(0, n),
        billable: this.billable.slice(0, n),
        desc: this.desc.slice(0, n),
        tags: this.tags.slice(0, n),
        source: this.source.slice(0, n),
      },
      { descriptions: this.descriptions.values, tagSets: this.tagSets.values, sources: this.sources.values },
      taskIdAt,
    );
  }
}

class Interner<T> {
  readonly values: T[] = [];
  private readonly index = new Map<string, number>();
  constructor(private readonly key: (value: T) => string) {}
  intern(value: T): number {
    const k = this.key(value);
    let i = this.index.get(k);
    if (i === undefined) {
      i = this.values.length;
      if (i > 0xffff) throw new Error('too many distinct values for a 16-bit column');
      this.values.push(value);
      this.index.set(k, i);
    }
    return i;
  }
}

interface Columns {
  start: Float64Array;
  end: Float64Array;
  at: Float64Array;
  user: Int32Array;
  task: Int32Array;
  billable: Uint8Array;
  desc: Uint16Array;
  tags: Uint16Array;
  source: Uint8Array;
}

interface Pools {
  descriptions: string[];
  tagSets: string[][];
  sources: string[];
}

export class TimeEntryTable {
  private readonly hidden: Uint8Array;
  /** Edited base rows and entries created after generation, keyed by id. */
  private readonly overlay = new Map<string, TimeEntryRecord>();
  private readonly running = new Map<number, string>();
  private nextSeq: number;
  private live: number;

  constructor(
    private readonly cols: Columns,
    private readonly pools: Pools,
    private readonly taskIdAt: (index: number) => string | undefined,
  ) {
    const n = cols.start.length;
    this.hidden = new Uint8Array(n);
    this.nextSeq = n;
    this.live = n;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(cols.end[i])) this.running.set(cols.user[i], timeEntryIdForSeq(i));
    }
  }

  static empty(): TimeEntryTable {
    return new TimeEntryTableBuilder(0).build(() => undefined);
  }

  get size(): number {
    return this.live;
  }

  get baseSize(): number {
    return this.cols.start.length;
  }

  /** Id of the user's running timer, if any (ClickUp allows at most one per user). */
  runningIdFor(userId: number): string | undefined {
    return this.running.get(userId);
  }

  get(id: string): TimeEntryRecord | undefined {
    const fromOverlay = this.overlay.get(id);
    if (fromOverlay) return { ...fromOverlay, tags: fromOverlay.tags.slice() };
    const row = this.baseRow(id);
    return row === -1 || this.hidden[row] ? undefined : this.materialize(row);
  }

  has(id: string): boolean {
    if (this.overlay.has(id)) return true;
    const row = this.baseRow(id);
    return row !== -1 && !this.hidden[row];
  }

  /** Adds a new entry and returns it with its id. */
  insert(entry: Omit<TimeEntryRecord, 'id'>): TimeEntryRecord {
    const record: TimeEntryRecord = { ...entry, id: timeEntryIdForSeq(this.nextSeq++), tags: entry.tags.slice() };
    this.overlay.set(record.id, record);
    this.live++;
    if (record.end === null) this.running.set(record.userId, record.id);
    return { ...record, tags: record.tags.slice() };
  }

  /** Replaces an existing entry (same id). */
  replace(record: TimeEntryRecord): void {
    const before = this.get(record.id);
    if (!before) throw new Error(`time entry ${record.id} does not exist`);
    const row = this.baseRow(record.id);
    if (row !== -1) this.hidden[row] = 1;
    this.overlay.set(record.id, { ...record, tags: record.tags.slice() });
    this.trackRunning(before, record);
  }

  remove(id: string): TimeEntryRecord | undefined {
    const before = this.get(id);
    if (!before) return undefined;
    this.overlay.delete(id);
    const row = this.baseRow(id);
    if (row !== -1) this.hidden[row] = 1;
    this.live--;
    if (before.end === null && this.running.get(before.userId) === id) this.running.delete(before.userId);
    return before;
  }

  /** Visits every live entry whose start lies in [from, to], base rows first (by start), then the overlay. */
  scan(query: TimeEntryScan, visit: (entry: TimeEntryRecord) => void): void {
    const { start, user, task } = this.cols;
    for (let i = this.lowerBound(query.from); i < start.length && start[i] <= query.to; i++) {
      if (this.hidden[i]) continue;
      if (query.userIds && !query.userIds.has(user[i])) continue;
      if (query.taskIds) {
        const taskId = task[i] < 0 ? undefined : this.taskIdAt(task[i]);
        if (taskId === undefined || !query.taskIds.has(taskId)) continue;
      }
      visit(this.materialize(i));
    }
    for (const entry of this.overlay.values()) {
      if (entry.start < query.from || entry.start > query.to) continue;
      if (query.userIds && !query.userIds.has(entry.userId)) continue;
      if (query.taskIds && (entry.taskId === null || !query.taskIds.has(entry.taskId))) continue;
      visit({ ...entry, tags: entry.tags.slice() });
    }
  }

  forEach(visit: (entry: TimeEntryRecord) => void): void {
    this.scan({ from: -Infinity, to: Infinity }, visit);
  }

  /** Ids of the live entries logged on a task (used when the task is deleted). */
  idsForTask(taskId: string, taskIndex: number): string[] {
    const ids: string[] = [];
    const { task } = this.cols;
    for (let i = 0; i < task.length; i++) {
      if (task[i] === taskIndex && !this.hidden[i]) ids.push(timeEntryIdForSeq(i));
    }
    for (const entry of this.overlay.values()) if (entry.taskId === taskId) ids.push(entry.id);
    return ids;
  }

  /** The n-th live entry in storage order, n in [0, size): lets random mutations pick fairly. */
  pickLive(random: () => number): string | undefined {
    if (this.live === 0) return undefined;
    const n = this.cols.start.length;
    const overlayShare = this.overlay.size / (n + this.overlay.size);
    if (this.overlay.size > 0 && random() < overlayShare) {
      const ids = [...this.overlay.keys()];
      return ids[Math.floor(random() * ids.length)];
    }
    for (let attempt = 0; attempt < 64 && n > 0; attempt++) {
      const row = Math.floor(random() * n);
      if (!this.hidden[row]) return timeEntryIdForSeq(row);
    }
    for (let row = 0; row < n; row++) if (!this.hidden[row]) return timeEntryIdForSeq(row);
    return this.overlay.keys().next().value;
  }

  private trackRunning(before: TimeEntryRecord, after: TimeEntryRecord): void {
    if (before.end === null && this.running.get(before.userId) === before.id) this.running.delete(before.userId);
    if (after.end === null) this.running.set(after.userId, after.id);
  }

  private baseRow(id: string): number {
    if (id.length !== ID_PREFIX.length + ID_DIGITS || !id.startsWith(ID_PREFIX)) return -1;
    const seq = Number(id.slice(ID_PREFIX.length));
    return Number.isInteger(seq) && seq >= 0 && seq < this.cols.start.length ? seq : -1;
  }

  private lowerBound(from: number): number {
    const { start } = this.cols;
    let lo = 0;
    let hi = start.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (start[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private materialize(row: number): TimeEntryRecord {
    const c = this.cols;
    const end = c.end[row];
    return {
      id: timeEntryIdForSeq(row),
      userId: c.user[row],
      taskId: c.task[row] < 0 ? null : (this.taskIdAt(c.task[row]) ?? null),
      start: c.start[row],
      end: Number.isNaN(end) ? null : end,
      billable: c.billable[row] === 1,
      description: this.pools.descriptions[c.desc[row]],
      tags: this.pools.tagSets[c.tags[row]].slice(),
      source: this.pools.sources[c.source[row]],
      at: c.at[row],
    };
  }
}
