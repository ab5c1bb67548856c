import { Random } from '../generator/prng';
import { Errors } from '../store/sandbox-error';

export const WEBHOOK_EVENTS = [
  'taskCreated',
  'taskUpdated',
  'taskDeleted',
  'taskPriorityUpdated',
  'taskStatusUpdated',
  'taskAssigneeUpdated',
  'taskDueDateUpdated',
  'taskTagUpdated',
  'taskMoved',
  'taskCommentPosted',
  'taskCommentUpdated',
  'taskTimeEstimateUpdated',
  'taskTimeTrackedUpdated',
  'listCreated',
  'listUpdated',
  'listDeleted',
  'folderCreated',
  'folderUpdated',
  'folderDeleted',
  'spaceCreated',
  'spaceUpdated',
  'spaceDeleted',
  'goalCreated',
  'goalUpdated',
  'goalDeleted',
  'keyResultCreated',
  'keyResultUpdated',
  'keyResultDeleted',
] as const;

export type WebhookHealthStatus = 'active' | 'failing' | 'suspended';

export interface WebhookRecord {
  id: string;
  userId: number;
  clientId: string;
  endpoint: string;
  events: string[];
  taskId: string | null;
  listId: string | null;
  folderId: string | null;
  spaceId: string | null;
  /** Set with PUT /webhook/{id} `status`; an inactive webhook receives nothing. */
  enabled: boolean;
  health: { status: WebhookHealthStatus; failCount: number };
  secret: string;
}

export interface WebhookInput {
  endpoint?: unknown;
  events?: unknown;
  status?: unknown;
  space_id?: unknown;
  folder_id?: unknown;
  list_id?: unknown;
  task_id?: unknown;
}

/** Registered webhooks; each belongs to the user who created it. Ids and secrets are seeded. */
export class WebhookRegistry {
  private readonly hooks = new Map<string, WebhookRecord>();
  private readonly random: Random;

  constructor(seed: number) {
    this.random = new Random(seed).fork('webhooks');
  }

  create(userId: number, input: WebhookInput): WebhookRecord {
    const endpoint = validEndpoint(input.endpoint);
    const events = validEvents(input.events ?? ['*']);
    const hook: WebhookRecord = {
      id: this.random.uuid(),
      userId,
      clientId: this.random.token(32),
      endpoint,
      events,
      taskId: optionalId(input.task_id, 'task_id'),
      listId: optionalId(input.list_id, 'list_id'),
      folderId: optionalId(input.folder_id, 'folder_id'),
      spaceId: optionalId(input.space_id, 'space_id'),
      enabled: true,
      health: { status: 'active', failCount: 0 },
      secret: this.random.token(64),
    };
    this.hooks.set(hook.id, hook);
    return hook;
  }

  /** Only the webhooks the user created, as ClickUp lists them. */
  listFor(userId: number): WebhookRecord[] {
    return [...this.hooks.values()].filter((h) => h.userId === userId);
  }

  all(): WebhookRecord[] {
    return [...this.hooks.values()];
  }

  requireOwned(id: string, userId: number): WebhookRecord {
    const hook = this.hooks.get(id);
    if (!hook || hook.userId !== userId) throw Errors.webhookNotFound();
    return hook;
  }

  update(hook: WebhookRecord, input: WebhookInput): WebhookRecord {
    if (input.endpoint !== undefined) hook.endpoint = validEndpoint(input.endpoint);
    if (input.events !== undefined) hook.events = validEvents(input.events);
    if (input.status !== undefined) {
      if (input.status !== 'active' && input.status !== 'inactive') {
        throw Errors.badInput('status must be active or inactive', 'WEBHOOK_003');
      }
      hook.enabled = input.status === 'active';
      // Re-activating resets the health, so a suspended webhook can be revived.
      if (hook.enabled) hook.health = { status: 'active', failCount: 0 };
    }
    return hook;
  }

  delete(id: string): void {
    this.hooks.delete(id);
  }
}

function validEndpoint(value: unknown): string {
  if (typeof value !== 'string') throw Errors.badInput('endpoint is required', 'WEBHOOK_001');
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw Errors.badInput('endpoint must be an http(s) URL', 'WEBHOOK_001');
  }
  return value;
}

function validEvents(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) throw Errors.badInput('events must be a non-empty array', 'WEBHOOK_002');
  for (const e of value as unknown[]) {
    if (e !== '*' && !(WEBHOOK_EVENTS as readonly unknown[]).includes(e)) throw Errors.badInput(`Unknown event ${String(e)}`, 'WEBHOOK_002');
  }
  return [...new Set(value as string[])];
}

function optionalId(value: unknown, key: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' && typeof value !== 'number') throw Errors.badInput(`${key} must be an id`, 'WEBHOOK_005');
  return String(value);
}
