import { TaskRecord } from '../model/sandbox-entities';
import type { SandboxStore } from '../sandbox-store';
import { SandboxChange } from '../store/sandbox-change.types';
import { WriteErrors } from '../store/sandbox-error';
import { assignCustomField, commitTaskChange, ensureSpaceTag } from './task-mutation-helpers';

function dependencyChange(taskId: string, before: string | null, after: string | null, userId: number, at: number): SandboxChange {
  return { kind: 'taskUpdated', taskId, userId, at, changes: [{ field: 'dependency', before, after }] };
}

/** What hangs off a task: extra lists (TIML), dependencies, tags and custom field values. */
export class TaskRelationMutations {
  constructor(private readonly store: SandboxStore) {}

  /** Tasks in Multiple Lists: adds the task to another list without changing its home list. */
  addTaskToList(taskId: string, listId: string, actorId = this.store.ownerId): TaskRecord {
    const task = this.store.requireTask(taskId);
    this.store.requireList(listId);
    if (task.listId === listId || task.extraListIds.includes(listId)) return task;
    task.extraListIds.push(listId);
    commitTaskChange(this.store, task, [{ field: 'list_added', before: null, after: listId }], actorId, this.store.clock.tick());
    return task;
  }

  removeTaskFromList(taskId: string, listId: string, actorId = this.store.ownerId): TaskRecord {
    const task = this.store.requireTask(taskId);
    if (task.listId === listId) throw WriteErrors.homeListRemoval();
    if (!task.extraListIds.includes(listId)) return task;
    task.extraListIds = task.extraListIds.filter((id) => id !== listId);
    commitTaskChange(this.store, task, [{ field: 'list_removed', before: listId, after: null }], actorId, this.store.clock.tick());
    return task;
  }

  /** `taskId` waits on `dependsOn`. Both tasks change (each shows the dependency). */
  addDependency(taskId: string, dependsOn: string, actorId = this.store.ownerId): TaskRecord {
    const task = this.store.requireTask(taskId);
    const blocker = this.store.requireTask(dependsOn);
    if (task.id === blocker.id) throw WriteErrors.dependencyInvalid();
    if (task.waitsOn.some((d) => d.dependsOn === blocker.id)) return task;
    const at = this.store.clock.tick();
    task.waitsOn.push({ dependsOn: blocker.id, dateCreated: at, userId: actorId });
    this.store.index.addDependency(task.id, blocker.id);
    for (const t of [task, blocker]) t.dateUpdated = at;
    this.store.markChanged(dependencyChange(task.id, null, blocker.id, actorId, at), dependencyChange(blocker.id, null, task.id, actorId, at));
    return task;
  }

  removeDependency(taskId: string, dependsOn: string, actorId = this.store.ownerId): TaskRecord {
    const task = this.store.requireTask(taskId);
    if (!task.waitsOn.some((d) => d.dependsOn === dependsOn)) return task;
    const at = this.store.clock.tick();
    task.waitsOn = task.waitsOn.filter((d) => d.dependsOn !== dependsOn);
    this.store.index.removeDependency(task.id, dependsOn);
    task.dateUpdated = at;
    const changes: SandboxChange[] = [dependencyChange(task.id, dependsOn, null, actorId, at)];
    const blocker = this.store.task(dependsOn);
    if (blocker) {
      blocker.dateUpdated = at;
      changes.push(dependencyChange(blocker.id, task.id, null, actorId, at));
    }
    this.store.markChanged(...changes);
    return task;
  }

  addTag(taskId: string, tagName: string, actorId = this.store.ownerId): TaskRecord {
    const task = this.store.requireTask(taskId);
    const name = ensureSpaceTag(this.store, this.store.requireList(task.listId).spaceId, tagName, actorId);
    if (task.tags.includes(name)) return task;
    task.tags.push(name);
    commitTaskChange(this.store, task, [{ field: 'tag', before: null, after: name }], actorId, this.store.clock.tick());
    return task;
  }

  removeTag(taskId: string, tagName: string, actorId = this.store.ownerId): TaskRecord {
    const task = this.store.requireTask(taskId);
    const name = tagName.toLowerCase();
    if (!task.tags.includes(name)) return task;
    task.tags = task.tags.filter((t) => t !== name);
    commitTaskChange(this.store, task, [{ field: 'tag_removed', before: name, after: null }], actorId, this.store.clock.tick());
    return task;
  }

  setCustomField(taskId: string, fieldId: string, value: unknown, actorId = this.store.ownerId): TaskRecord {
    const task = this.store.requireTask(taskId);
    const before = task.customFieldValues[fieldId];
    assignCustomField(this.store, task, fieldId, value);
    const change = { field: 'custom_field' as const, before: before ?? null, after: value };
    commitTaskChange(this.store, task, [change], actorId, this.store.clock.tick());
    return task;
  }
}
