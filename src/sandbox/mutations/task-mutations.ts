import { findStatus } from '../model/effective-statuses';
import { StatusDef, TaskRecord } from '../model/sandbox-entities';
import { customTaskId, taskIdFor } from '../generator/id-factory';
import type { SandboxStore } from '../sandbox-store';
import { SandboxChange, TaskFieldChange } from '../store/sandbox-change.types';
import { Errors, WriteErrors } from '../store/sandbox-error';
import { assignCustomField, commitTaskChange, ensureSpaceTag } from './task-mutation-helpers';

export interface CreateTaskInput {
  listId: string;
  name: string;
  description?: string;
  status?: string;
  priority?: number | null;
  assigneeIds?: number[];
  watcherIds?: number[];
  tags?: string[];
  dueDate?: number | null;
  dueDateTime?: boolean;
  startDate?: number | null;
  startDateTime?: boolean;
  timeEstimate?: number | null;
  points?: number | null;
  /** Creates a subtask; ClickUp requires the parent to be in the same list. */
  parentId?: string | null;
  archived?: boolean;
  customFields?: { id: string; value: unknown }[];
}

export interface AddRemove<T> {
  add?: T[];
  rem?: T[];
}

export interface TaskPatch {
  name?: string;
  description?: string;
  status?: string;
  priority?: number | null;
  dueDate?: number | null;
  dueDateTime?: boolean;
  startDate?: number | null;
  startDateTime?: boolean;
  timeEstimate?: number | null;
  points?: number | null;
  archived?: boolean;
  /** Moves the task under another parent. `null` is accepted and ignored, like ClickUp (no promotion). */
  parentId?: string | null;
  assignees?: AddRemove<number>;
  watchers?: AddRemove<number>;
}

const FINISHED = new Set(['done', 'closed']);

/**
 * Task writes. Every change bumps date_updated to a fresh clock tick and emits a change event,
 * whether it came through the HTTP API or straight from a test.
 */
export class TaskMutations {
  constructor(private readonly store: SandboxStore) {}

  createTask(input: CreateTaskInput, actorId = this.store.ownerId): TaskRecord {
    const s = this.store.state;
    const list = this.store.requireList(input.listId);
    const name = input.name?.trim();
    if (!name) throw WriteErrors.nameRequired();
    const statuses = this.store.effectiveStatuses(list.id).statuses;
    const status = input.status ? this.requireStatus(statuses, input.status) : statuses[0];
    let parent: TaskRecord | undefined;
    if (input.parentId) {
      parent = this.store.requireTask(input.parentId);
      if (parent.listId !== list.id) throw WriteErrors.parentNotInList();
    }
    const assignees = this.validMembers(input.assigneeIds ?? []);
    const at = this.store.clock.tick();
    const space = this.store.requireSpace(list.spaceId);
    const index = s.counters.task++;
    let customId: string | null = null;
    if (space.customIdPrefix) {
      const n = (s.counters.customId.get(space.id) ?? 0) + 1;
      s.counters.customId.set(space.id, n);
      customId = customTaskId(space.customIdPrefix, n);
    }
    const finished = FINISHED.has(status.type);
    const task: TaskRecord = {
      id: taskIdFor(index),
      index,
      customId,
      name,
      description: input.description ?? '',
      status: status.status,
      priority: this.validPriority(input.priority ?? null),
      parentId: parent?.id ?? null,
      listId: list.id,
      extraListIds: [],
      assigneeIds: assignees,
      watcherIds: [...new Set([actorId, ...assignees, ...this.validMembers(input.watcherIds ?? [])])],
      creatorId: actorId,
      tags: [...new Set((input.tags ?? []).map((t) => ensureSpaceTag(this.store, space.id, t, actorId)))],
      customFieldValues: {},
      waitsOn: [],
      dateCreated: at,
      dateUpdated: at,
      dateDone: finished ? at : null,
      dateClosed: status.type === 'closed' ? at : null,
      dueDate: input.dueDate ?? null,
      dueDateTime: input.dueDateTime ?? false,
      startDate: input.startDate ?? null,
      startDateTime: input.startDateTime ?? false,
      timeEstimate: input.timeEstimate ?? null,
      points: input.points ?? null,
      archived: input.archived ?? false,
      orderindex: index + 1,
      timeSpent: 0,
    };
    for (const cf of input.customFields ?? []) assignCustomField(this.store, task, cf.id, cf.value);
    s.tasks.set(task.id, task);
    s.tasksByIndex[index] = task;
    this.store.index.add(task);
    this.store.markChanged({ kind: 'taskCreated', taskId: task.id, userId: actorId, at });
    return task;
  }

  updateTask(taskId: string, patch: TaskPatch, actorId = this.store.ownerId): TaskRecord {
    const task = this.store.requireTask(taskId);
    const changes: TaskFieldChange[] = [];
    const set = <K extends keyof TaskRecord>(key: K, value: TaskRecord[K], field: TaskFieldChange['field']) => {
      if (task[key] === value) return;
      changes.push({ field, before: task[key], after: value });
      task[key] = value;
    };
    // Validate everything first so a refused update changes nothing.
    const statuses = this.store.effectiveStatuses(task.listId).statuses;
    const status = patch.status !== undefined ? this.requireStatus(statuses, patch.status) : undefined;
    if (patch.name !== undefined && !patch.name.trim()) throw WriteErrors.nameRequired();
    const priority = patch.priority !== undefined ? this.validPriority(patch.priority) : undefined;
    const parent = patch.parentId ? this.validNewParent(task, patch.parentId) : undefined;
    const addAssignees = this.validMembers(patch.assignees?.add ?? []);
    const addWatchers = this.validMembers(patch.watchers?.add ?? []);
    const at = this.store.clock.tick();

    if (patch.name !== undefined) set('name', patch.name.trim(), 'name');
    // ClickUp clears a description when it receives a single space.
    if (patch.description !== undefined) set('description', patch.description === ' ' ? '' : patch.description, 'content');
    if (status) this.applyStatus(task, status, at, changes);
    if (priority !== undefined) set('priority', priority, 'priority');
    if (patch.dueDate !== undefined) set('dueDate', patch.dueDate, 'due_date');
    if (patch.dueDateTime !== undefined) task.dueDateTime = patch.dueDateTime;
    if (patch.startDate !== undefined) set('startDate', patch.startDate, 'start_date');
    if (patch.startDateTime !== undefined) task.startDateTime = patch.startDateTime;
    if (patch.timeEstimate !== undefined) set('timeEstimate', patch.timeEstimate, 'time_estimate');
    if (patch.points !== undefined) set('points', patch.points, 'points');
    if (patch.archived !== undefined) set('archived', patch.archived, 'archived');
    if (parent && parent.id !== task.parentId) {
      this.store.index.reparent(task.id, task.parentId, parent.id);
      set('parentId', parent.id, 'parent');
    }
    const remAssignees = patch.assignees?.rem ?? [];
    this.applyAddRemove(task, 'assigneeIds', addAssignees, remAssignees, 'assignee_add', 'assignee_rem', changes);
    this.applyAddRemove(task, 'watcherIds', addWatchers, patch.watchers?.rem ?? [], 'watcher_add', 'watcher_rem', changes);
    commitTaskChange(this.store, task, changes, actorId, at);
    return task;
  }

  changeStatus(taskId: string, statusName: string, actorId?: number): TaskRecord {
    return this.updateTask(taskId, { status: statusName }, actorId);
  }

  reassign(taskId: string, change: AddRemove<number>, actorId?: number): TaskRecord {
    return this.updateTask(taskId, { assignees: change }, actorId);
  }

  archiveTask(taskId: string, archived = true, actorId?: number): TaskRecord {
    return this.updateTask(taskId, { archived }, actorId);
  }

  /** Moves a task (and its subtasks that share its home list) to another home list. */
  moveTask(taskId: string, listId: string, actorId = this.store.ownerId): TaskRecord {
    const task = this.store.requireTask(taskId);
    const target = this.store.requireList(listId);
    if (task.listId === target.id) return task;
    const from = task.listId;
    const moving = [task, ...this.store.descendants(task.id).filter((d) => d.listId === from)];
    const at = this.store.clock.tick();
    const changes: SandboxChange[] = [];
    const targetStatuses = this.store.effectiveStatuses(target.id).statuses;
    for (const t of moving) {
      const before = this.store.statusOf(t);
      // ClickUp maps statuses by name when moving; a name the new list lacks maps to a status of the same type.
      const mapped = findStatus(targetStatuses, before.status) ?? targetStatuses.find((st) => st.type === before.type) ?? targetStatuses[0];
      t.listId = target.id;
      t.status = mapped.status;
      t.extraListIds = t.extraListIds.filter((id) => id !== target.id);
      t.dateUpdated = at;
      changes.push({ kind: 'taskMoved', taskId: t.id, userId: actorId, at, fromListId: from, toListId: target.id });
    }
    this.store.markChanged(...changes);
    return task;
  }

  /** Deletes a task with all its subtasks and their time entries. */
  deleteTask(taskId: string, actorId = this.store.ownerId): string[] {
    const s = this.store.state;
    const root = this.store.requireTask(taskId);
    const doomed = [root, ...this.store.descendants(root.id)];
    const doomedIds = new Set(doomed.map((t) => t.id));
    const at = this.store.clock.tick();
    const changes: SandboxChange[] = [];
    const touched = new Map<string, TaskRecord>();
    for (const t of doomed) {
      for (const entryId of s.timeEntries.idsForTask(t.id, t.index)) {
        s.timeEntries.remove(entryId);
        s.deletedTimeEntryIds.add(entryId);
      }
      for (const waiter of this.store.waiters(t.id)) if (!doomedIds.has(waiter.id)) touched.set(waiter.id, waiter);
    }
    for (const t of doomed) {
      this.store.index.remove(t);
      s.tasks.delete(t.id);
      s.tasksByIndex[t.index] = undefined;
      s.deletedTaskIds.add(t.id);
      changes.push({ kind: 'taskDeleted', taskId: t.id, userId: actorId, at, listId: t.listId });
    }
    // Tasks that waited on a deleted task lose that dependency: that is a change to them.
    for (const waiter of touched.values()) {
      const removed = waiter.waitsOn.filter((d) => doomedIds.has(d.dependsOn));
      waiter.waitsOn = waiter.waitsOn.filter((d) => !doomedIds.has(d.dependsOn));
      waiter.dateUpdated = at;
      changes.push({
        kind: 'taskUpdated',
        taskId: waiter.id,
        userId: actorId,
        at,
        changes: removed.map((d) => ({ field: 'dependency', before: d.dependsOn, after: null })),
      });
    }
    this.store.markChanged(...changes);
    return [...doomedIds];
  }

  setDueDate(taskId: string, dueDate: number | null, actorId?: number): TaskRecord {
    return this.updateTask(taskId, { dueDate }, actorId);
  }

  setEstimate(taskId: string, timeEstimate: number | null, actorId?: number): TaskRecord {
    return this.updateTask(taskId, { timeEstimate }, actorId);
  }

  setPriority(taskId: string, priority: number | null, actorId?: number): TaskRecord {
    return this.updateTask(taskId, { priority }, actorId);
  }

  renameTask(taskId: string, name: string, actorId?: number): TaskRecord {
    return this.updateTask(taskId, { name }, actorId);
  }

  /** date_done is set on entering done/closed, date_closed on entering closed; reopening clears both. */
  private applyStatus(task: TaskRecord, next: StatusDef, at: number, changes: TaskFieldChange[]): void {
    const before = this.store.statusOf(task);
    if (before.status === next.status) return;
    const wasFinished = FINISHED.has(before.type);
    const isFinished = FINISHED.has(next.type);
    task.status = next.status;
    if (!isFinished) {
      task.dateDone = null;
      task.dateClosed = null;
    } else {
      if (!wasFinished) task.dateDone = at;
      task.dateClosed = next.type === 'closed' ? (before.type === 'closed' ? task.dateClosed : at) : null;
    }
    changes.push({ field: 'status', before: before.status, after: next.status });
  }

  private applyAddRemove(
    task: TaskRecord,
    key: 'assigneeIds' | 'watcherIds',
    add: number[],
    rem: number[],
    addField: TaskFieldChange['field'],
    remField: TaskFieldChange['field'],
    changes: TaskFieldChange[],
  ): void {
    for (const id of rem) {
      if (!task[key].includes(id)) continue;
      task[key] = task[key].filter((x) => x !== id);
      changes.push({ field: remField, before: id, after: null });
    }
    for (const id of add) {
      if (task[key].includes(id)) continue;
      task[key].push(id);
      changes.push({ field: addField, before: null, after: id });
    }
  }

  private requireStatus(statuses: StatusDef[], name: string): StatusDef {
    const status = findStatus(statuses, name);
    if (!status) throw WriteErrors.statusNotFound(name);
    return status;
  }

  private validPriority(priority: number | null): TaskRecord['priority'] {
    if (priority === null) return null;
    if (![1, 2, 3, 4].includes(priority)) throw WriteErrors.priorityInvalid();
    return priority as 1 | 2 | 3 | 4;
  }

  private validMembers(ids: number[]): number[] {
    for (const id of ids) if (!this.store.isActiveMember(id)) throw WriteErrors.notAMember(id);
    return [...new Set(ids)];
  }

  private validNewParent(task: TaskRecord, parentId: string): TaskRecord {
    const parent = this.store.task(parentId);
    if (!parent) throw Errors.taskNotFound();
    for (let p: string | null = parent.id; p; p = this.store.task(p)?.parentId ?? null) {
      if (p === task.id) throw WriteErrors.parentInvalid();
    }
    return parent;
  }
}
