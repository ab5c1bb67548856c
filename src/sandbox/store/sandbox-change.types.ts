import { TimeEntryRecord } from '../model/sandbox-entities';

/**
 * What changed, emitted by the store after every mutation (API or in-process). The webhook
 * dispatcher turns these into ClickUp webhook deliveries. Values are internal (ids, names, ms);
 * the webhook payload builder converts them to ClickUp's wire form.
 */
export type TaskChangeField =
  | 'status'
  | 'assignee_add'
  | 'assignee_rem'
  | 'watcher_add'
  | 'watcher_rem'
  | 'priority'
  | 'due_date'
  | 'start_date'
  | 'time_estimate'
  | 'points'
  | 'name'
  | 'content'
  | 'archived'
  | 'parent'
  | 'tag'
  | 'tag_removed'
  | 'dependency'
  | 'custom_field'
  | 'list_added'
  | 'list_removed';

export interface TaskFieldChange {
  field: TaskChangeField;
  before: unknown;
  after: unknown;
}

interface ChangeBase {
  /** Who made the change. */
  userId: number;
  /** When (sandbox clock, ms). */
  at: number;
}

export type SandboxChange =
  | (ChangeBase & { kind: 'taskCreated'; taskId: string })
  | (ChangeBase & { kind: 'taskUpdated'; taskId: string; changes: TaskFieldChange[] })
  | (ChangeBase & { kind: 'taskMoved'; taskId: string; fromListId: string; toListId: string })
  | (ChangeBase & { kind: 'taskDeleted'; taskId: string; listId: string })
  | (ChangeBase & {
      kind: 'timeTracked';
      taskId: string;
      action: 'added' | 'updated' | 'deleted';
      entry: TimeEntryRecord;
    })
  | (ChangeBase & { kind: 'listUpdated'; listId: string; field: 'archived' | 'name'; before: unknown; after: unknown });

export type SandboxChangeListener = (change: SandboxChange) => void;
