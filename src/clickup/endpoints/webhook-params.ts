import type { CreateWebhookBody } from '../clickup.types';
import { ClickupInvalidRequestError } from '../clickup.errors';
import { compact } from './task-params';

/** POST /team/{team_id}/webhook body; location filters narrow which events fire. */
export function createWebhookPayload(body: CreateWebhookBody, endpoint: string): Record<string, unknown> {
  if (body.events.length === 0) {
    throw new ClickupInvalidRequestError(`${endpoint}: events must not be empty (use ['*'] for all)`, endpoint);
  }
  return compact({
    endpoint: body.endpoint,
    events: body.events,
    space_id: body.spaceId,
    folder_id: body.folderId,
    list_id: body.listId,
    task_id: body.taskId,
  });
}
