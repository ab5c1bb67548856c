import { z } from 'zod';
import type { ClickupWebhook, CreatedClickupWebhook } from '../clickup.types';
import { id, idOrNull, integerOrNull, listOf, optionalObject, textOrNull, userIdOrNull } from './primitives.schema';

const webhookShape = z.object({
  id,
  // userid and team_id come back as integers although ids are strings elsewhere.
  userid: userIdOrNull,
  team_id: idOrNull,
  endpoint: z.string(),
  client_id: textOrNull,
  events: listOf(z.string()),
  task_id: idOrNull,
  list_id: idOrNull,
  folder_id: idOrNull,
  space_id: idOrNull,
  health: optionalObject(z.object({ status: textOrNull, fail_count: integerOrNull })),
  secret: textOrNull,
});

function toWebhook(w: z.output<typeof webhookShape>): ClickupWebhook {
  return {
    id: w.id,
    userId: w.userid,
    teamId: w.team_id,
    endpoint: w.endpoint,
    clientId: w.client_id,
    events: w.events,
    taskId: w.task_id,
    listId: w.list_id,
    folderId: w.folder_id,
    spaceId: w.space_id,
    health: w.health ? { status: w.health.status, failCount: w.health.fail_count } : null,
    secret: w.secret,
  };
}

export const webhookSchema = webhookShape.transform(toWebhook);

/** GET /team/{team_id}/webhook: only webhooks created by the calling user. */
export const webhooksResponseSchema = z.object({ webhooks: z.array(webhookSchema) });

/** POST /team/{team_id}/webhook: `{id, webhook:{…, secret}}`; the secret is needed to verify deliveries. */
export const createWebhookResponseSchema = z.object({
  id,
  webhook: webhookShape.extend({ secret: z.string().min(1) }).transform((w): CreatedClickupWebhook => ({ ...toWebhook(w), secret: w.secret })),
});
