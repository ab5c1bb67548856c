import { DEFAULT_TAG_COLORS, TaskRecord } from '../model/sandbox-entities';
import type { SandboxStore } from '../sandbox-store';
import { TaskFieldChange } from '../store/sandbox-change.types';
import { WriteErrors } from '../store/sandbox-error';

/** Records a task change: a fresh date_updated and one taskUpdated event (nothing when nothing changed). */
export function commitTaskChange(store: SandboxStore, task: TaskRecord, changes: TaskFieldChange[], actorId: number, at: number): void {
  if (changes.length === 0) return;
  task.dateUpdated = at;
  store.markChanged({ kind: 'taskUpdated', taskId: task.id, userId: actorId, at, changes });
}

/** Space tags are created on first use, as ClickUp does when a task gets an unknown tag. Returns the stored name. */
export function ensureSpaceTag(store: SandboxStore, spaceId: string, tagName: string, actorId: number): string {
  const name = tagName.trim().toLowerCase();
  const space = store.requireSpace(spaceId);
  if (!space.tags.some((t) => t.name === name)) space.tags.push({ name, ...DEFAULT_TAG_COLORS, creator: actorId });
  return name;
}

/** Sets (or, for null, clears) a custom field value; the field must belong to the task's space. */
export function assignCustomField(store: SandboxStore, task: TaskRecord, fieldId: string, value: unknown): void {
  const field = store.state.customFields.get(fieldId);
  if (!field || field.spaceId !== store.requireList(task.listId).spaceId) throw WriteErrors.customFieldInvalid();
  if (value === null || value === undefined) delete task.customFieldValues[fieldId];
  else task.customFieldValues[fieldId] = value;
}
