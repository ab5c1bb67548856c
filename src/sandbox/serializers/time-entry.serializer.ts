import { TimeEntryRecord } from '../model/sandbox-entities';
import type { SandboxStore } from '../sandbox-store';
import { tagObject } from './tag.serializer';
import { memberOrUnknown, shortUser } from './user.serializer';

export interface TimeEntrySerializeOptions {
  includeLocationNames?: boolean;
  includeTaskTags?: boolean;
}

/**
 * A time entry as GET /team/{id}/time_entries returns it (clickup-api.md §8.1): start/end/
 * duration/at as ms strings, a running timer has no `end` and a negative duration (−start),
 * an entry without a task has no `task`, `task_location` or `task_url`, and task_location ids are
 * strings as in real responses.
 */
export function serializeTimeEntry(store: SandboxStore, e: TimeEntryRecord, options: TimeEntrySerializeOptions = {}) {
  const user = memberOrUnknown(store, e.userId);
  const task = e.taskId ? store.task(e.taskId) : undefined;
  const tagDefs = store.state.timeEntryTags;
  const out: Record<string, unknown> = {
    id: e.id,
    ...(task ? { task: taskRef(store, task.id) } : {}),
    wid: store.workspaceId,
    user: shortUser(user),
    billable: e.billable,
    start: String(e.start),
    ...(e.end !== null ? { end: String(e.end) } : {}),
    duration: String(e.end !== null ? e.end - e.start : -e.start),
    description: e.description,
    tags: e.tags.map((name) => tagObject(name, tagDefs.get(name), e.userId)),
    source: e.source,
    at: String(e.at),
  };
  if (task) {
    const { list, folder, space } = store.locationOf(task.listId);
    out.task_location = {
      list_id: list.id,
      folder_id: folder?.id ?? space.hiddenFolderId,
      space_id: space.id,
      ...(options.includeLocationNames ? { list_name: list.name, folder_name: folder?.name ?? 'hidden', space_name: space.name } : {}),
    };
    if (options.includeTaskTags) {
      const spaceTags = new Map(space.tags.map((t) => [t.name, t]));
      out.task_tags = task.tags.map((name) => tagObject(name, spaceTags.get(name), task.creatorId));
    }
    out.task_url = `https://app.clickup.com/t/${task.id}`;
  }
  return out;
}

function taskRef(store: SandboxStore, taskId: string) {
  const task = store.task(taskId)!;
  const status = store.statusOf(task);
  return {
    id: task.id,
    ...(task.customId ? { custom_id: task.customId } : {}),
    name: task.name,
    status: { status: status.status, color: status.color, type: status.type, orderindex: status.orderindex },
    custom_type: null,
  };
}

/**
 * The mixed-type forms of the timer endpoints. The stop (and delete) responses carry end,
 * duration and at as integers; the current/start responses a negative integer duration (time
 * elapsed) and no end. Clients have to cope with both, as with ClickUp.
 */
export function serializeTimerResponse(store: SandboxStore, e: TimeEntryRecord, form: 'stopped' | 'running') {
  const base = serializeTimeEntry(store, e);
  if (form === 'stopped') {
    return { ...base, end: e.end ?? store.clock.now(), duration: (e.end ?? store.clock.now()) - e.start, at: e.at };
  }
  const { end: _end, ...rest } = base;
  return { ...rest, duration: -Math.max(1, store.clock.now() - e.start), at: e.at };
}
