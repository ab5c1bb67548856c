import { z } from 'zod';

/** The part of a ClickUp webhook delivery we act on; anything else in the body is ignored. */
export const webhookEventSchema = z.object({
  webhook_id: z.string().optional(),
  event: z.string(),
  task_id: z.string().optional().nullable(),
  list_id: z.union([z.string(), z.number()]).optional().nullable(),
  folder_id: z.union([z.string(), z.number()]).optional().nullable(),
  space_id: z.union([z.string(), z.number()]).optional().nullable(),
  /** Only their dates are read here: how old the delivery is (replay protection). */
  history_items: z
    .array(z.object({ date: z.union([z.string(), z.number()]).optional().nullable() }))
    .optional()
    .nullable(),
});

export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/** What a batch of deliveries asks us to refresh. */
export interface WebhookWork {
  tasks: Set<string>;
  /** Tasks a delivery says were deleted: soft-deleted only once ClickUp confirms (404). */
  deletedTasks: Set<string>;
  timeTracked: Set<string>;
  hierarchy: boolean;
}

export const emptyWork = (): WebhookWork => ({ tasks: new Set(), deletedTasks: new Set(), timeTracked: new Set(), hierarchy: false });

const TASK_REFRESH = new Set([
  'taskCreated',
  'taskUpdated',
  'taskMoved',
  'taskStatusUpdated',
  'taskAssigneeUpdated',
  'taskPriorityUpdated',
  'taskDueDateUpdated',
  'taskTagUpdated',
  'taskTimeEstimateUpdated',
  'taskCommentPosted',
  'taskCommentUpdated',
]);

/** Folds one event into the pending work. Returns false for events we do not handle. */
export function addEvent(work: WebhookWork, e: WebhookEvent): boolean {
  // A delivery is signed, not necessarily fresh: deletions are candidates, confirmed with ClickUp before anything is deleted.
  if (e.event === 'taskDeleted' && e.task_id) {
    work.deletedTasks.add(e.task_id);
    work.tasks.delete(e.task_id);
    return true;
  }
  if (e.event === 'taskTimeTrackedUpdated' && e.task_id) {
    work.timeTracked.add(e.task_id);
    // ClickUp bumps the task's time_spent too; re-read the task as well.
    if (!work.deletedTasks.has(e.task_id)) work.tasks.add(e.task_id);
    return true;
  }
  if (TASK_REFRESH.has(e.event) && e.task_id) {
    if (!work.deletedTasks.has(e.task_id)) work.tasks.add(e.task_id);
    return true;
  }
  if (/^(list|folder|space)(Created|Updated|Deleted)$/.test(e.event)) {
    work.hierarchy = true;
    return true;
  }
  return false;
}
