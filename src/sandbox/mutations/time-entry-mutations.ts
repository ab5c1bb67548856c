import { DEFAULT_TAG_COLORS, TimeEntryRecord } from '../model/sandbox-entities';
import type { SandboxStore } from '../sandbox-store';
import { SandboxChange } from '../store/sandbox-change.types';
import { Errors, WriteErrors } from '../store/sandbox-error';

export interface AddTimeEntryInput {
  userId: number;
  taskId?: string | null;
  start: number;
  /** Explicit end; wins over duration. null = a running timer. */
  end?: number | null;
  /** Used when end is absent; negative = a running timer (ClickUp's convention). */
  duration?: number;
  billable?: boolean;
  description?: string;
  tags?: string[];
  source?: string;
}

export interface TimeEntryPatch {
  start?: number;
  end?: number | null;
  duration?: number;
  description?: string;
  billable?: boolean;
  taskId?: string | null;
  tags?: string[];
  /** How `tags` applies (ClickUp's tag_action): replace (default), add or remove. */
  tagAction?: 'replace' | 'add' | 'remove';
}

export interface StartTimerInput {
  taskId?: string | null;
  description?: string;
  billable?: boolean;
  tags?: string[];
}

/** Registers a workspace time-entry tag on first use (with the caller's colours when given). */
export function ensureTimeEntryTag(store: SandboxStore, name: string, creator: number, colors: { tagFg?: string; tagBg?: string } = {}): void {
  const registry = store.state.timeEntryTags;
  if (registry.has(name)) return;
  registry.set(name, { name, tagFg: colors.tagFg ?? DEFAULT_TAG_COLORS.tagFg, tagBg: colors.tagBg ?? DEFAULT_TAG_COLORS.tagBg, creator });
}

/**
 * Time-entry writes. They keep each task's time_spent and the one-running-timer-per-user rule,
 * stamp `at` (the entry's last-modified time) and bump the task's date_updated.
 */
export class TimeEntryMutations {
  constructor(private readonly store: SandboxStore) {}

  addTimeEntry(input: AddTimeEntryInput, actorId = this.store.ownerId): TimeEntryRecord {
    if (!this.store.isActiveMember(input.userId)) throw WriteErrors.notAMember(input.userId);
    if (!Number.isFinite(input.start)) throw WriteErrors.startRequired();
    const taskId = input.taskId ? this.store.requireTask(input.taskId).id : null;
    let end: number | null;
    if (input.end !== undefined) end = input.end;
    else if (input.duration !== undefined) end = input.duration < 0 ? null : input.start + input.duration;
    else throw WriteErrors.durationRequired();
    if (end !== null && end < input.start) throw WriteErrors.timeRangeInvalid();
    const changes: SandboxChange[] = [];
    if (end === null) this.stopRunning(input.userId, actorId, changes);
    const at = this.store.clock.tick();
    const entry = this.store.state.timeEntries.insert({
      userId: input.userId,
      taskId,
      start: input.start,
      end,
      billable: input.billable ?? false,
      description: input.description ?? '',
      tags: this.ensureTags(input.tags ?? [], actorId),
      source: input.source ?? 'clickup',
      at,
    });
    this.track(null, entry, 'added', actorId, at, changes);
    this.store.markChanged(...changes);
    return entry;
  }

  editTimeEntry(id: string, patch: TimeEntryPatch, actorId = this.store.ownerId): TimeEntryRecord {
    const table = this.store.state.timeEntries;
    const before = table.get(id);
    if (!before) throw Errors.timeEntryNotFound();
    const start = patch.start ?? before.start;
    let end = before.end;
    if (patch.end !== undefined) end = patch.end;
    else if (patch.duration !== undefined) end = patch.duration < 0 ? null : start + patch.duration;
    else if (patch.start !== undefined && before.end !== null) end = start + (before.end - before.start);
    if (end !== null && end < start) throw WriteErrors.timeRangeInvalid();
    const taskId = patch.taskId === undefined ? before.taskId : patch.taskId ? this.store.requireTask(patch.taskId).id : null;
    const changes: SandboxChange[] = [];
    if (end === null && before.end !== null) this.stopRunning(before.userId, actorId, changes);
    const at = this.store.clock.tick();
    const after: TimeEntryRecord = {
      ...before,
      start,
      end,
      taskId,
      description: patch.description ?? before.description,
      billable: patch.billable ?? before.billable,
      tags: this.applyTags(before.tags, patch, actorId),
      at,
    };
    table.replace(after);
    this.track(before, after, 'updated', actorId, at, changes);
    this.store.markChanged(...changes);
    return after;
  }

  deleteTimeEntry(id: string, actorId = this.store.ownerId): TimeEntryRecord {
    const removed = this.store.state.timeEntries.remove(id);
    if (!removed) throw Errors.timeEntryNotFound();
    this.store.state.deletedTimeEntryIds.add(id);
    const changes: SandboxChange[] = [];
    this.track(removed, null, 'deleted', actorId, this.store.clock.tick(), changes);
    this.store.markChanged(...changes);
    return removed;
  }

  /** Starts a timer for the user now, stopping the one already running (one per user). */
  startTimer(userId: number, input: StartTimerInput = {}, actorId = userId): TimeEntryRecord {
    return this.addTimeEntry({ ...input, userId, start: this.store.clock.now(), end: null }, actorId);
  }

  stopTimer(userId: number, actorId = userId): TimeEntryRecord {
    const runningId = this.store.state.timeEntries.runningIdFor(userId);
    if (!runningId) throw Errors.noRunningTimer();
    const start = this.store.state.timeEntries.get(runningId)!.start;
    return this.editTimeEntry(runningId, { end: Math.max(this.store.clock.now(), start) }, actorId);
  }

  private stopRunning(userId: number, actorId: number, changes: SandboxChange[]): void {
    const table = this.store.state.timeEntries;
    const runningId = table.runningIdFor(userId);
    if (!runningId) return;
    const before = table.get(runningId)!;
    const at = this.store.clock.tick();
    const after = { ...before, end: Math.max(at, before.start), at };
    table.replace(after);
    this.track(before, after, 'updated', actorId, at, changes);
  }

  /** Keeps time_spent (stopped entries only) and date_updated of the affected tasks in step. */
  private track(
    before: TimeEntryRecord | null,
    after: TimeEntryRecord | null,
    action: 'added' | 'updated' | 'deleted',
    actorId: number,
    at: number,
    changes: SandboxChange[],
  ): void {
    const tracked = (e: TimeEntryRecord | null) => (e && e.end !== null ? e.end - e.start : 0);
    const affected = new Set([before?.taskId, after?.taskId].filter((id): id is string => Boolean(id)));
    for (const taskId of affected) {
      const task = this.store.task(taskId);
      if (!task) continue;
      if (before?.taskId === taskId) task.timeSpent -= tracked(before);
      if (after?.taskId === taskId) task.timeSpent += tracked(after);
      task.dateUpdated = at;
      const entry = after?.taskId === taskId ? after : before!;
      changes.push({ kind: 'timeTracked', taskId, userId: actorId, at, action, entry });
    }
  }

  private applyTags(current: string[], patch: TimeEntryPatch, actorId: number): string[] {
    if (!patch.tags) return current;
    const names = this.ensureTags(patch.tags, actorId);
    switch (patch.tagAction ?? 'replace') {
      case 'add':
        return [...new Set([...current, ...names])];
      case 'remove':
        return current.filter((t) => !names.includes(t));
      default:
        return names;
    }
  }

  private ensureTags(names: string[], actorId: number): string[] {
    const out = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
    for (const name of out) ensureTimeEntryTag(this.store, name, actorId);
    return out;
  }
}
