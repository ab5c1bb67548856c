import { ListRecord, MemberRecord, TaskRecord, TimeEntryRecord } from '../model/sandbox-entities';
import type { SandboxStore } from '../sandbox-store';
import { AddRemove, CreateTaskInput, TaskMutations, TaskPatch } from './task-mutations';
import { TaskRelationMutations } from './task-relation-mutations';
import { AddTimeEntryInput, StartTimerInput, TimeEntryMutations, TimeEntryPatch } from './time-entry-mutations';
import { AddMemberInput, WorkspaceMutations } from './workspace-mutations';

export type { AddMemberInput, AddRemove, AddTimeEntryInput, CreateTaskInput, StartTimerInput, TaskPatch, TimeEntryPatch };

/**
 * The mutation API (`store.mutations.*`): one place for every change to the workspace. The HTTP
 * routes call the same methods, so a change made by a test and one made through the API bump
 * date_updated / `at`, fire webhooks and show up in dump() identically. `actorId` defaults to
 * the owner.
 */
export class SandboxMutations {
  private readonly tasks: TaskMutations;
  private readonly relations: TaskRelationMutations;
  private readonly entries: TimeEntryMutations;
  private readonly workspace: WorkspaceMutations;

  constructor(private readonly store: SandboxStore) {
    this.tasks = new TaskMutations(store);
    this.relations = new TaskRelationMutations(store);
    this.entries = new TimeEntryMutations(store);
    this.workspace = new WorkspaceMutations(store);
  }

  createTask(input: CreateTaskInput, actorId?: number): TaskRecord {
    return this.tasks.createTask(input, actorId);
  }
  updateTask(taskId: string, patch: TaskPatch, actorId?: number): TaskRecord {
    return this.tasks.updateTask(taskId, patch, actorId);
  }
  changeStatus(taskId: string, statusName: string, actorId?: number): TaskRecord {
    return this.tasks.changeStatus(taskId, statusName, actorId);
  }
  reassign(taskId: string, change: AddRemove<number>, actorId?: number): TaskRecord {
    return this.tasks.reassign(taskId, change, actorId);
  }
  moveTask(taskId: string, listId: string, actorId?: number): TaskRecord {
    return this.tasks.moveTask(taskId, listId, actorId);
  }
  /** Returns the ids deleted (the task and its subtasks). */
  deleteTask(taskId: string, actorId?: number): string[] {
    return this.tasks.deleteTask(taskId, actorId);
  }
  archiveTask(taskId: string, archived = true, actorId?: number): TaskRecord {
    return this.tasks.archiveTask(taskId, archived, actorId);
  }
  setDueDate(taskId: string, dueDate: number | null, actorId?: number): TaskRecord {
    return this.tasks.setDueDate(taskId, dueDate, actorId);
  }
  setEstimate(taskId: string, timeEstimate: number | null, actorId?: number): TaskRecord {
    return this.tasks.setEstimate(taskId, timeEstimate, actorId);
  }
  setPriority(taskId: string, priority: number | null, actorId?: number): TaskRecord {
    return this.tasks.setPriority(taskId, priority, actorId);
  }
  renameTask(taskId: string, name: string, actorId?: number): TaskRecord {
    return this.tasks.renameTask(taskId, name, actorId);
  }
  addTaskToList(taskId: string, listId: string, actorId?: number): TaskRecord {
    return this.relations.addTaskToList(taskId, listId, actorId);
  }
  removeTaskFromList(taskId: string, listId: string, actorId?: number): TaskRecord {
    return this.relations.removeTaskFromList(taskId, listId, actorId);
  }
  addDependency(taskId: string, dependsOn: string, actorId?: number): TaskRecord {
    return this.relations.addDependency(taskId, dependsOn, actorId);
  }
  removeDependency(taskId: string, dependsOn: string, actorId?: number): TaskRecord {
    return this.relations.removeDependency(taskId, dependsOn, actorId);
  }
  addTag(taskId: string, tag: string, actorId?: number): TaskRecord {
    return this.relations.addTag(taskId, tag, actorId);
  }
  removeTag(taskId: string, tag: string, actorId?: number): TaskRecord {
    return this.relations.removeTag(taskId, tag, actorId);
  }
  setCustomField(taskId: string, fieldId: string, value: unknown, actorId?: number): TaskRecord {
    return this.relations.setCustomField(taskId, fieldId, value, actorId);
  }

  /**
   * Test support: sets a task's history timestamps, as old or imported data would have them
   * (ClickUp offers no such write, so no change event is sent). Lets a test plant a task finished
   * yesterday or untouched for ten days relative to a pinned report clock.
   */
  backdateTask(
    taskId: string,
    times: { dateCreated?: number; dateUpdated?: number; dateDone?: number | null; dateClosed?: number | null },
  ): TaskRecord {
    const task = this.store.requireTask(taskId);
    Object.assign(task, Object.fromEntries(Object.entries(times).filter(([, v]) => v !== undefined)));
    this.store.markChanged();
    return task;
  }

  addTimeEntry(input: AddTimeEntryInput, actorId?: number): TimeEntryRecord {
    return this.entries.addTimeEntry(input, actorId);
  }
  editTimeEntry(id: string, patch: TimeEntryPatch, actorId?: number): TimeEntryRecord {
    return this.entries.editTimeEntry(id, patch, actorId);
  }
  deleteTimeEntry(id: string, actorId?: number): TimeEntryRecord {
    return this.entries.deleteTimeEntry(id, actorId);
  }
  startTimer(userId: number, input?: StartTimerInput, actorId?: number): TimeEntryRecord {
    return this.entries.startTimer(userId, input, actorId);
  }
  stopTimer(userId: number, actorId?: number): TimeEntryRecord {
    return this.entries.stopTimer(userId, actorId);
  }

  addMember(input?: AddMemberInput): MemberRecord {
    return this.workspace.addMember(input);
  }
  removeMember(userId: number): MemberRecord {
    return this.workspace.removeMember(userId);
  }
  archiveList(listId: string, archived = true): ListRecord {
    return this.workspace.archiveList(listId, archived);
  }
  renameList(listId: string, name: string): ListRecord {
    return this.workspace.renameList(listId, name);
  }
  /** Into another folder of the same space, or out of folders (null). */
  moveList(listId: string, folderId: string | null): ListRecord {
    return this.workspace.moveList(listId, folderId);
  }
  /** The list, the tasks whose home it is, and their time entries. */
  deleteList(listId: string): void {
    this.workspace.deleteList(listId);
  }
}
