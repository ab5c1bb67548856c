import { MemberRecord, TagDef, TaskRecord } from '../model/sandbox-entities';
import { TimeEntryTableBuilder } from '../model/time-entry-table';
import { GeneratorSize } from './generator-size';
import { Random } from './prng';
import { TIME_ENTRY_DESCRIPTIONS, TIME_ENTRY_TAGS } from './text-pools';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface PendingEntry {
  start: number;
  end: number | null;
  userId: number;
  task: TaskRecord | null;
}

/**
 * Time entries spread over the history window: weekdays busy, weekends quiet, a few entries that
 * cross midnight, one that crosses Sunday→Monday on most Sundays (week boundaries in reports),
 * entries without a task, and one running timer for about a quarter of the people (never more
 * than one per user). Days are UTC days. Entries are emitted in start order into the compact
 * table; every stopped entry adds its duration to its task's timeSpent.
 */
export class TimeEntryGenerator {
  private readonly pool: MemberRecord[] = [];
  private readonly tasksByUser = new Map<number, TaskRecord[]>();

  constructor(
    private readonly random: Random,
    private readonly size: GeneratorSize,
    private readonly now: number,
    members: ReadonlyMap<number, MemberRecord>,
    private readonly tasks: readonly TaskRecord[],
  ) {
    for (const m of members.values()) {
      if (m.status !== 'active') continue;
      // Guests log time too, but rarely: they appear once in the pick pool, others five times.
      const share = m.role === 4 ? 1 : 5;
      for (let i = 0; i < share; i++) this.pool.push(m);
    }
    for (const task of tasks) {
      for (const userId of task.assigneeIds) {
        const list = this.tasksByUser.get(userId) ?? [];
        list.push(task);
        this.tasksByUser.set(userId, list);
      }
    }
  }

  static tagDefinitions(ownerId: number): Map<string, TagDef> {
    return new Map(TIME_ENTRY_TAGS.map(([name, tagFg, tagBg]) => [name, { name, tagFg, tagBg, creator: ownerId }]));
  }

  generate(): TimeEntryTableBuilder {
    const builder = new TimeEntryTableBuilder(this.size.timeEntries);
    const runningUsers = this.runningTimerUsers();
    const stoppedCount = Math.max(0, this.size.timeEntries - runningUsers.length);
    const days = this.days();
    const weights = days.map((d) => (isWeekend(d) ? 0.08 : 1));
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    let allocated = 0;
    let cumulative = 0;
    for (let i = 0; i < days.length; i++) {
      cumulative += weights[i];
      const target = Math.round((stoppedCount * cumulative) / totalWeight);
      const count = target - allocated;
      allocated = target;
      const entries = this.entriesForDay(days[i], count);
      if (i === days.length - 1) entries.push(...runningUsers.map((m) => this.runningEntry(m)));
      this.emit(builder, entries);
    }
    if (days.length === 0)
      this.emit(
        builder,
        runningUsers.map((m) => this.runningEntry(m)),
      );
    return builder;
  }

  private days(): number[] {
    const first = Math.floor((this.now - this.size.historyDays * DAY) / DAY) * DAY;
    const last = Math.floor(this.now / DAY) * DAY - DAY;
    const days: number[] = [];
    for (let d = first; d <= last; d += DAY) days.push(d);
    return days;
  }

  private runningTimerUsers(): MemberRecord[] {
    const people = [...new Map(this.pool.map((m) => [m.id, m])).values()];
    const count = Math.min(this.size.timeEntries, Math.max(1, Math.round(people.length * 0.25)));
    return this.random.sample(people, count);
  }

  private entriesForDay(day: number, count: number): PendingEntry[] {
    const r = this.random;
    const perUser = new Map<MemberRecord, number>();
    let remaining = count;
    const entries: PendingEntry[] = [];
    // Sunday night work that ends on Monday: the week boundary case for timesheets.
    if (new Date(day).getUTCDay() === 0 && remaining > 0) {
      entries.push(this.lateEntry(day, r.pick(this.pool), 23 * HOUR + r.int(0, 40) * MINUTE));
      remaining--;
    }
    for (let i = 0; i < remaining; i++) {
      const member = r.pick(this.pool);
      perUser.set(member, (perUser.get(member) ?? 0) + 1);
    }
    for (const [member, k] of perUser) {
      const lateOne = k > 1 && r.chance(0.05);
      const regular = lateOne ? k - 1 : k;
      // About 8.5 h of work a day however many entries it is split into, so a day rarely spills past midnight.
      const mean = Math.min(3 * HOUR, Math.max(2 * MINUTE, (8.5 * HOUR) / regular));
      const maxGap = Math.min(20 * MINUTE, mean / 4);
      let cursor = day + 8 * HOUR + r.int(0, 90) * MINUTE;
      for (let j = 0; j < regular; j++) {
        const duration = Math.floor(mean * (0.5 + r.next()));
        entries.push(this.entryAt(member, cursor, cursor + duration));
        cursor += duration + Math.floor(r.next() * maxGap);
      }
      if (lateOne) entries.push(this.lateEntry(day, member, 22 * HOUR + 30 * MINUTE + r.int(0, 60) * MINUTE));
    }
    return entries;
  }

  /** An entry that starts late in the evening and ends after midnight (clipped so it ends before now). */
  private lateEntry(day: number, member: MemberRecord, offset: number): PendingEntry {
    const start = day + offset;
    const end = Math.min(start + this.random.int(60, 180) * MINUTE, this.now - MINUTE);
    return this.entryAt(member, start, Math.max(end, start + MINUTE));
  }

  private runningEntry(member: MemberRecord): PendingEntry {
    const start = this.now - this.random.int(5, 240) * MINUTE - this.random.int(0, 59_999);
    return { start, end: null, userId: member.id, task: this.pickTask(member.id, start) };
  }

  private entryAt(member: MemberRecord, start: number, end: number): PendingEntry {
    return { start, end, userId: member.id, task: this.random.chance(0.07) ? null : this.pickTask(member.id, start) };
  }

  /** A task the person is assigned to that already existed when the work started. */
  private pickTask(userId: number, start: number): TaskRecord | null {
    const own = this.tasksByUser.get(userId);
    for (let attempt = 0; attempt < 8; attempt++) {
      const pool = own && attempt < 4 ? own : this.tasks;
      const task = pool[Math.floor(this.random.next() * pool.length)];
      if (task && task.dateCreated <= start) return task;
    }
    return null;
  }

  private emit(builder: TimeEntryTableBuilder, entries: PendingEntry[]): void {
    const r = this.random;
    entries.sort((a, b) => a.start - b.start);
    for (const e of entries) {
      if (builder.size >= this.size.timeEntries) return;
      // Work that would still be going on at `now` is dropped: only the planted timers may run.
      if (e.end !== null && e.end >= this.now) continue;
      const end = e.end;
      const at = end === null ? e.start : Math.min(this.now - 1, end + (r.chance(0.1) ? r.int(1, 10) * DAY : r.int(0, 2 * HOUR)));
      if (end !== null && e.task) e.task.timeSpent += end - e.start;
      builder.add({
        start: e.start,
        end,
        at,
        userId: e.userId,
        taskIndex: e.task ? e.task.index : -1,
        billable: r.chance(0.4),
        description: r.pick(TIME_ENTRY_DESCRIPTIONS),
        tags: r.chance(0.25) ? [r.pick(TIME_ENTRY_TAGS)[0]] : [],
        source: r.chance(0.85) ? 'clickup' : r.chance(0.66) ? 'chrome' : 'clickup_mobile',
      });
    }
  }
}

function isWeekend(dayStart: number): boolean {
  const weekday = new Date(dayStart).getUTCDay();
  return weekday === 0 || weekday === 6;
}
