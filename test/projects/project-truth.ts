import { DateTime } from 'luxon';
import type { DumpTask, SandboxDump } from '../../src/sandbox/sandbox-dump.types';
import { TaskTruth } from '../mcp/task-truth';

export type Kind = 'space' | 'folder' | 'list';

/**
 * The project dashboard's numbers restated from the sandbox's ground truth (docs/tools.md:
 * Reporting rules 1–5 and 7, the health formula), with no product code but the status-category
 * table — so a wrong answer cannot agree with it by sharing a bug.
 */
export class ProjectTruth extends TaskTruth {
  constructor(d: SandboxDump) {
    super(d);
  }

  /** Tasks whose home list is in the container now. */
  tasksIn(kind: Kind, id: string): DumpTask[] {
    const lists = new Set(
      this.d.lists.filter((l) => (kind === 'list' ? l.id === id : kind === 'folder' ? l.folderId === id : l.spaceId === id)).map((l) => l.id),
    );
    return this.d.tasks.filter((t) => lists.has(t.listId));
  }

  /** Reporting rule 5: the scope's non-archived tasks (archived containers below the scope hide theirs), subtasks included. */
  taskSet(kind: Kind, id: string): DumpTask[] {
    return this.tasksIn(kind, id).filter((t) => !this.archivedBelow(t, kind));
  }

  status(kind: Kind, id: string, now: number, zone: string) {
    const set = this.taskSet(kind, id);
    const byCat = { not_started: 0, active: 0, done: 0, closed: 0 };
    for (const t of set) byCat[this.category(t)]++;
    const finished = set.filter((t) => this.finished(t));
    const open = set.filter((t) => !this.finished(t));
    const overdue = open.filter((t) => t.dueDate !== null && t.dueDate < now).length;
    const stale = open.filter((t) => t.dateUpdated < now - 5 * 86_400_000).length;
    const assigned = open.filter((t) => t.assigneeIds.length > 0).length;
    const top = set.filter((t) => !t.parentId);
    const topEstimated = top.filter((t) => (t.timeEstimate ?? 0) > 0).length;
    const r1 = (x: number) => Math.round(x * 10) / 10;
    const components = {
      overdue: open.length ? r1(Math.max(0, 100 - (200 * overdue) / open.length)) : 100,
      freshness: open.length ? r1(100 - (100 * stale) / open.length) : 100,
      progress: set.length ? r1((100 * finished.length) / set.length) : 0,
      assignment: open.length ? r1((100 * assigned) / open.length) : 100,
      estimates: top.length ? r1((100 * topEstimated) / top.length) : 0,
    };
    const score = set.length
      ? Math.round(
          0.3 * components.overdue +
            0.2 * components.freshness +
            0.25 * components.progress +
            0.15 * components.assignment +
            0.1 * components.estimates,
        )
      : null;
    const grade = score === null ? null : score >= 90 ? 'A' : score >= 75 ? 'B' : score >= 60 ? 'C' : score >= 50 ? 'D' : 'F';
    const week = DateTime.fromMillis(now, { zone }).startOf('week');
    const thisWeek = [week.toMillis(), week.plus({ weeks: 1 }).toMillis()] as const;
    const lastWeek = [week.minus({ weeks: 1 }).toMillis(), week.toMillis()] as const;
    return {
      tasks: { total: set.length, ...byCat },
      progress_pct: set.length ? Math.round((finished.length * 1000) / set.length) / 10 : null,
      overdue,
      grade,
      score,
      this_week_ms: this.scopeMs(kind, id, thisWeek[0], thisWeek[1], now),
      last_week_ms: this.scopeMs(kind, id, lastWeek[0], lastWeek[1], now),
      last_activity: this.lastActivity(kind, id, now),
    };
  }

  /** Reporting rules 2–3: time on tasks whose home is in the scope now, whatever their archival, clipped to [from, to). */
  scopeMs(kind: Kind, id: string, from: number, to: number, now: number): number {
    const tasks = new Set(this.tasksIn(kind, id).map((t) => t.id));
    let sum = 0;
    for (const e of this.d.timeEntries) {
      if (!e.taskId || !tasks.has(e.taskId)) continue;
      const end = e.running ? now : (e.end as number);
      sum += Math.max(0, Math.min(end, to) - Math.max(e.start, from));
    }
    return sum;
  }

  /** The latest task change or time logged (a running timer: now) in the scope. */
  lastActivity(kind: Kind, id: string, now: number): string | null {
    const tasks = this.tasksIn(kind, id);
    const ids = new Set(tasks.map((t) => t.id));
    const times = [
      ...tasks.map((t) => t.dateUpdated),
      ...this.d.timeEntries.filter((e) => e.taskId && ids.has(e.taskId)).map((e) => (e.running ? now : (e.end as number))),
    ];
    return times.length ? new Date(Math.max(...times)).toISOString() : null;
  }
}
