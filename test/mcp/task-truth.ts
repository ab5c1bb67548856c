import { statusCategory, StatusCategory } from '../../src/common/status-category';
import type { DumpStatus, DumpTask, SandboxDump } from '../../src/sandbox/sandbox-dump.types';

/**
 * Expectations for the tasks toolset computed from the sandbox's ground truth (its dump), with
 * no product code besides the rule-5 status-category table (unit-tested on its own). Each helper
 * restates a rule of docs/tools.md in the plainest way, so a wrong answer cannot agree with it
 * by sharing a bug.
 */
export class TaskTruth {
  readonly byId: Map<string, DumpTask>;

  constructor(readonly d: SandboxDump) {
    this.byId = new Map(d.tasks.map((t) => [t.id, t]));
  }

  category(t: DumpTask): StatusCategory {
    return statusCategory(t.status, t.statusType);
  }

  finished(t: DumpTask): boolean {
    const c = this.category(t);
    return c === 'done' || c === 'closed';
  }

  /** Archived itself, or inside an archived list/folder/space below the given scope level. */
  archivedBelow(t: DumpTask, scope: 'workspace' | 'space' | 'folder' | 'list'): boolean {
    if (t.archived) return true;
    const list = this.d.lists.find((l) => l.id === t.listId)!;
    const folder = list.folderId ? this.d.folders.find((f) => f.id === list.folderId) : undefined;
    const space = this.d.spaces.find((s) => s.id === list.spaceId)!;
    if (scope === 'list') return false;
    if (list.archived) return true;
    if (scope === 'folder') return false;
    if (folder?.archived) return true;
    return scope === 'workspace' && space.archived;
  }

  /** Σ of the task's own live entries; a running timer counts up to `now`. */
  directMs(taskId: string, now: number): number {
    return this.d.timeEntries.filter((e) => e.taskId === taskId).reduce((s, e) => s + (e.running ? Math.max(0, now - e.start) : e.duration), 0);
  }

  hasRunningTimer(taskIds: string[]): boolean {
    const set = new Set(taskIds);
    return this.d.timeEntries.some((e) => e.running && e.taskId !== null && set.has(e.taskId));
  }

  children(id: string): DumpTask[] {
    return this.d.tasks.filter((t) => t.parentId === id);
  }

  /** Every task below `id`, any depth, by parent links (so wherever they live). */
  descendants(id: string): DumpTask[] {
    const out: DumpTask[] = [];
    const walk = (pid: string) => {
      for (const c of this.children(pid)) {
        out.push(c);
        walk(c.id);
      }
    };
    walk(id);
    return out;
  }

  rollupMs(id: string, now: number): number {
    return [id, ...this.descendants(id).map((t) => t.id)].reduce((s, x) => s + this.directMs(x, now), 0);
  }

  memberName(id: number): string {
    const m = this.d.members.find((x) => x.id === id);
    return m?.username ?? m?.email ?? `user ${id}`;
  }

  /** The statuses tasks of a list use: its own, else its folder's, else its space's. */
  effectiveStatuses(listId: string): DumpStatus[] {
    const l = this.d.lists.find((x) => x.id === listId)!;
    if (l.overrideStatuses && l.statuses) return l.statuses;
    const f = l.folderId ? this.d.folders.find((x) => x.id === l.folderId) : undefined;
    if (f?.overrideStatuses && f.statuses) return f.statuses;
    return this.d.spaces.find((s) => s.id === l.spaceId)!.statuses;
  }

  /** Time a person logged in [from, to), each entry clipped to the window, running timers up to `now`. */
  loggedMs(userId: number, from: number, to: number, now: number, inScope: (taskId: string | null) => boolean): number {
    let sum = 0;
    for (const e of this.d.timeEntries) {
      if (e.userId !== userId || !inScope(e.taskId)) continue;
      const end = e.running ? now : (e.end as number);
      sum += Math.max(0, Math.min(end, to) - Math.max(e.start, from));
    }
    return sum;
  }
}

export const sortIds = (xs: { id: string }[] | Record<string, any>[]): string[] => xs.map((x) => x.id as string).sort();
