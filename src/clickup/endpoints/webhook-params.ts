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
    // The spec types these three as integers (task ids are strings).
    space_id: integerId(body.spaceId, 'spaceId', endpoint),
    folder_id: integerId(body.folderId, 'folderId', endpoint),
    list_id: integerId(body.listId, 'listId', endpoint),
    task_id: body.taskId,
  });
}

function integerId(id: string | undefined, name: string, endpoint: string): number | undefined {
  if (id === undefined) return undefined;
  const n = Number(id);
  if (!/^\d+$/.test(id) || !Number.isSafeInteger(n)) {
    throw new ClickupInvalidRequestError(`${endpoint}: ${name} must be a numeric id, got '${id}'`, endpoint);
  }
  return n;
}
