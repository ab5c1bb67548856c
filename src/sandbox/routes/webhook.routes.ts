import { ok } from '../http/http-types';
import { Router } from '../http/router';
import { serializeWebhook } from '../serializers/webhook.serializer';
import { RouteContext } from './route-context';
import { bodyObject, requireMember, requireTeam } from './route-helpers';

/** Webhook registration. Webhooks belong to the user who created them; others cannot see or change them. */
export function registerWebhookRoutes(router: Router, ctx: RouteContext): void {
  const workspaceId = ctx.store.workspaceId;

  router.add('POST', '/team/{id}/webhook', (req) => {
    requireTeam(ctx, req, req.params.id);
    const hook = ctx.webhooks.create(req.caller.userId, bodyObject(req));
    return ok({ id: hook.id, webhook: serializeWebhook(hook, workspaceId) });
  });

  router.add('GET', '/team/{id}/webhook', (req) => {
    requireTeam(ctx, req, req.params.id);
    return ok({ webhooks: ctx.webhooks.listFor(req.caller.userId).map((h) => serializeWebhook(h, workspaceId)) });
  });

  router.add('PUT', '/webhook/{id}', (req) => {
    requireMember(ctx, req);
    const hook = ctx.webhooks.update(ctx.webhooks.requireOwned(req.params.id, req.caller.userId), bodyObject(req));
    return ok({ id: hook.id, webhook: serializeWebhook(hook, workspaceId) });
  });

  router.add('DELETE', '/webhook/{id}', (req) => {
    requireMember(ctx, req);
    ctx.webhooks.delete(ctx.webhooks.requireOwned(req.params.id, req.caller.userId).id);
    return ok({});
  });
}
