import { TaskQueryEngine } from '../query/task-query.engine';
import type { SandboxStore } from '../sandbox-store';
import { WebhookRegistry } from '../webhooks/webhook-registry';

/** What the API routes share. */
export interface RouteContext {
  store: SandboxStore;
  tasks: TaskQueryEngine;
  webhooks: WebhookRegistry;
}
