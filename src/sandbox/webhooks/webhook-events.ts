import { TaskRecord, TimeEntryRecord } from '../model/sandbox-entities';
import { findStatus } from '../model/effective-statuses';
import type { SandboxStore } from '../sandbox-store';
import { priorityObject } from '../serializers/hierarchy.serializer';
import { tagObject } from '../serializers/tag.serializer';
import { memberOrUnknown, shortUser } from '../serializers/user.serializer';
import { SandboxChange, TaskFieldChange } from '../store/sandbox-change.types';

export interface WebhookEventLocation {
  taskId: string | null;
  listId: string;
  folderId: string;
  spaceId: string;
}

/** One delivery-to-be, before it is matched against webhooks. */
export interface WebhookEvent {
  event: string;
  /** The payload's subject key: `task_id` for task events, `list_id` for list events. */
  subject: { task_id: string } | { list_id: string };
  historyItems: Record<string, unknown>[] | null;
  location: WebhookEventLocation;
}

/** Which specific event a task field change fires besides `taskUpdated`. */
const SPECIFIC_EVENT: Partial<Record<TaskFieldChange['field'], string>> = {
  status: 'taskStatusUpdated',
  assignee_add: 'taskAssigneeUpdated',
  assignee_rem: 'taskAssigneeUpdated',
  priority: 'taskPriorityUpdated',
  due_date: 'taskDueDateUpdated',
  time_estimate: 'taskTimeEstimateUpdated',
  tag: 'taskTagUpdated',
  tag_removed: 'taskTagUpdated',
};

const REMOVED_STATUS = { status: null, color: '#000000', type: 'removed', orderindex: -1 };

/**
 * Turns store changes into ClickUp webhook events with history items (clickup-api.md §10):
 * creating a task fires taskCreated and taskStatusUpdated; each field change fires its specific
 * event (taskStatusUpdated, taskAssigneeUpdated, …) and every task update also fires taskUpdated;
 * taskDeleted carries no history items.
 */
export class WebhookEventBuilder {
  private historySeq = 0;

  constructor(private readonly store: SandboxStore) {}

  fromChange(change: SandboxChange): WebhookEvent[] {
    switch (change.kind) {
      case 'taskCreated': {
        const task = this.store.task(change.taskId);
        if (!task) return [];
        const status = this.statusValue(task, task.status);
        return [
          this.taskEvent('taskCreated', task, [this.item(change, task.listId, 'task_creation', null, null)]),
          this.taskEvent('taskStatusUpdated', task, [this.item(change, task.listId, 'status', REMOVED_STATUS, status, { status_type: status.type })]),
        ];
      }
      case 'taskUpdated': {
        const task = this.store.task(change.taskId);
        if (!task) return [];
        const items = change.changes.map((c) => ({ c, item: this.fieldItem(change, task, c) }));
        const events: WebhookEvent[] = [];
        const specific = new Map<string, Record<string, unknown>[]>();
        for (const { c, item } of items) {
          const event = SPECIFIC_EVENT[c.field];
          if (event) specific.set(event, [...(specific.get(event) ?? []), item]);
        }
        for (const [event, list] of specific) events.push(this.taskEvent(event, task, list));
        events.push(
          this.taskEvent(
            'taskUpdated',
            task,
            items.map((i) => i.item),
          ),
        );
        return events;
      }
      case 'taskMoved': {
        const task = this.store.task(change.taskId);
        if (!task) return [];
        return [
          this.taskEvent('taskMoved', task, [
            this.item(change, change.toListId, 'section_moved', this.listRef(change.fromListId), this.listRef(change.toListId)),
          ]),
        ];
      }
      case 'taskDeleted':
        return [
          {
            event: 'taskDeleted',
            subject: { task_id: change.taskId },
            historyItems: null,
            location: this.location(change.taskId, change.listId),
          },
        ];
      case 'timeTracked': {
        const task = this.store.task(change.taskId);
        if (!task) return [];
        const interval = this.interval(change.entry);
        const deleted = change.action === 'deleted';
        const rollup = task.timeSpent + this.store.descendants(task.id).reduce((n, d) => n + d.timeSpent, 0);
        return [
          this.taskEvent('taskTimeTrackedUpdated', task, [
            this.item(change, task.listId, 'time_spent', deleted ? interval : null, deleted ? null : interval, {
              total_time: String(task.timeSpent),
              rollup_time: String(rollup),
            }),
          ]),
        ];
      }
      case 'listUpdated':
        return [
          {
            event: 'listUpdated',
            subject: { list_id: change.listId },
            historyItems: [this.item(change, change.listId, change.field, stringify(change.before), stringify(change.after))],
            location: this.location(null, change.listId),
          },
        ];
    }
  }

  private taskEvent(event: string, task: TaskRecord, historyItems: Record<string, unknown>[]): WebhookEvent {
    return { event, subject: { task_id: task.id }, historyItems, location: this.location(task.id, task.listId) };
  }

  private location(taskId: string | null, listId: string): WebhookEventLocation {
    const { list, folder, space } = this.store.locationOf(listId);
    return { taskId, listId: list.id, folderId: folder?.id ?? space.hiddenFolderId, spaceId: space.id };
  }

  private item(
    change: { userId: number; at: number },
    parentId: string,
    field: string,
    before: unknown,
    after: unknown,
    data: Record<string, unknown> = {},
  ): Record<string, unknown> {
    const id = '28' + String(++this.historySeq).padStart(17, '0');
    return {
      id,
      type: 1,
      date: String(change.at),
      field,
      parent_id: parentId,
      data,
      source: null,
      user: shortUser(memberOrUnknown(this.store, change.userId)),
      before,
      after,
    };
  }

  private fieldItem(change: { userId: number; at: number }, task: TaskRecord, c: TaskFieldChange): Record<string, unknown> {
    const user = (v: unknown) => (typeof v === 'number' ? shortUser(memberOrUnknown(this.store, v)) : null);
    switch (c.field) {
      case 'status': {
        const after = this.statusValue(task, String(c.after));
        const before = this.statusValue(task, String(c.before));
        return this.item(change, task.listId, 'status', before, after, { status_type: after.type });
      }
      case 'assignee_add':
      case 'assignee_rem':
      case 'watcher_add':
      case 'watcher_rem':
        return this.item(change, task.listId, c.field, user(c.before), user(c.after));
      case 'priority': {
        const [before, after] = [c.before, c.after].map((p) => priorityObject(p as number | null));
        return this.item(change, task.listId, 'priority', before, after);
      }
      case 'due_date':
        return this.item(change, task.listId, 'due_date', stringify(c.before), stringify(c.after), {
          due_date_time: task.dueDateTime,
          old_due_date_time: false,
        });
      case 'tag':
      case 'tag_removed': {
        const name = String(c.after ?? c.before);
        const def = this.store.requireSpace(this.store.requireList(task.listId).spaceId).tags.find((t) => t.name === name);
        const tag = [tagObject(name, def, change.userId)];
        return this.item(change, task.listId, c.field, c.field === 'tag' ? null : tag, c.field === 'tag' ? tag : null);
      }
      default:
        return this.item(change, task.listId, c.field, stringify(c.before), stringify(c.after));
    }
  }

  private statusValue(task: TaskRecord, name: string) {
    const status = findStatus(this.store.effectiveStatuses(task.listId).statuses, name);
    return status
      ? { status: status.status, color: status.color, orderindex: status.orderindex, type: status.type }
      : { status: name, color: '#000000', orderindex: -1, type: 'removed' };
  }

  private listRef(listId: string) {
    const { list, folder, space } = this.store.locationOf(listId);
    return {
      id: list.id,
      name: list.name,
      category: folder ? { id: folder.id, name: folder.name, hidden: false } : { id: space.hiddenFolderId, name: 'hidden', hidden: true },
      project: { id: space.id, name: space.name },
    };
  }

  private interval(e: TimeEntryRecord) {
    return {
      id: e.id,
      start: String(e.start),
      end: e.end === null ? null : String(e.end),
      time: String(e.end === null ? 0 : e.end - e.start),
      source: e.source,
      date_added: String(e.at),
    };
  }
}

function stringify(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
