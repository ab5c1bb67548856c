import { WebhookRecord } from '../webhooks/webhook-registry';

/** The webhook object of the webhook endpoints; team_id is an integer there, per the spec. */
export function serializeWebhook(hook: WebhookRecord, workspaceId: string) {
  return {
    id: hook.id,
    userid: hook.userId,
    team_id: Number(workspaceId),
    endpoint: hook.endpoint,
    client_id: hook.clientId,
    events: hook.events,
    task_id: hook.taskId,
    list_id: hook.listId,
    folder_id: hook.folderId,
    space_id: hook.spaceId,
    health: { status: hook.health.status, fail_count: hook.health.failCount },
    secret: hook.secret,
  };
}
