import { request as httpRequest, ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { StatsRecorder } from '../http/stats-recorder';
import type { SandboxStore } from '../sandbox-store';
import { SandboxChange } from '../store/sandbox-change.types';
import { WebhookEvent, WebhookEventBuilder } from './webhook-events';
import { WebhookRecord, WebhookRegistry } from './webhook-registry';
import { signWebhookBody } from './webhook-signature';

export interface WebhookDispatcherOptions {
  /** Waits between attempts; its length is the number of retries (ClickUp retries up to 5 times). */
  retryDelaysMs: number[];
  /** A delivery slower than this counts as failed (ClickUp: 7 s). */
  timeoutMs: number;
}

export const DEFAULT_WEBHOOK_OPTIONS: WebhookDispatcherOptions = { retryDelaysMs: [250, 500, 1000, 2000, 4000], timeoutMs: 7000 };
const SUSPEND_AFTER_FAILURES = 100;

/**
 * Delivers signed webhook POSTs for every store change, whatever made it (API or mutation API).
 * Deliveries to one webhook are sequential, so a receiver sees events in order. Health follows
 * ClickUp: a failed event (after retries) increments fail_count and marks the webhook failing,
 * 100 failures or an HTTP 410 suspend it, a success resets it to active.
 */
export class WebhookDispatcher {
  private readonly builder: WebhookEventBuilder;
  private readonly queues = new Map<string, Promise<void>>();
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private readonly requests = new Set<ClientRequest>();
  private readonly idleWaiters: (() => void)[] = [];
  private pending = 0;
  private closed = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: SandboxStore,
    private readonly registry: WebhookRegistry,
    private readonly stats: StatsRecorder,
    private readonly options: WebhookDispatcherOptions = DEFAULT_WEBHOOK_OPTIONS,
  ) {
    this.builder = new WebhookEventBuilder(store);
  }

  start(): void {
    this.unsubscribe = this.store.onChange((change) => this.handle(change));
  }

  /** Resolves once every queued delivery (with its retries) has finished. */
  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    this.unsubscribe?.();
    // Wake sleeping retries so their loops see `closed` and finish.
    for (const [t, wake] of this.timers) {
      clearTimeout(t);
      wake();
    }
    this.timers.clear();
    for (const r of this.requests) r.destroy();
    this.requests.clear();
  }

  private handle(change: SandboxChange): void {
    if (this.closed) return;
    const hooks = this.registry.all().filter((h) => this.listening(h));
    if (hooks.length === 0) return;
    for (const event of this.builder.fromChange(change)) {
      for (const hook of hooks) if (this.matches(hook, event)) this.enqueue(hook, event);
    }
  }

  private listening(hook: WebhookRecord): boolean {
    return hook.enabled && hook.health.status !== 'suspended' && this.store.isActiveMember(hook.userId);
  }

  private matches(hook: WebhookRecord, e: WebhookEvent): boolean {
    if (!hook.events.includes('*') && !hook.events.includes(e.event)) return false;
    const l = e.location;
    if (hook.taskId && hook.taskId !== l.taskId) return false;
    if (hook.listId && hook.listId !== l.listId) return false;
    if (hook.folderId && hook.folderId !== l.folderId) return false;
    return !hook.spaceId || hook.spaceId === l.spaceId;
  }

  private enqueue(hook: WebhookRecord, e: WebhookEvent): void {
    // Serialize now: the exact bytes are what gets signed and sent, on every attempt.
    const body = JSON.stringify({
      event: e.event,
      ...(e.historyItems ? { history_items: e.historyItems } : {}),
      ...e.subject,
      webhook_id: hook.id,
    });
    this.pending++;
    const previous = this.queues.get(hook.id) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(hook, body)).finally(() => this.settle(hook.id, next));
    this.queues.set(hook.id, next);
  }

  private settle(hookId: string, done: Promise<void>): void {
    if (this.queues.get(hookId) === done) this.queues.delete(hookId);
    this.pending--;
    if (this.pending === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async deliver(hook: WebhookRecord, body: string): Promise<void> {
    const attempts = this.options.retryDelaysMs.length + 1;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (this.closed || !this.listening(hook)) return;
      const status = await this.post(hook, body);
      if (status !== null && status >= 200 && status < 300) {
        hook.health = { status: 'active', failCount: 0 };
        this.stats.webhook('delivered');
        return;
      }
      this.stats.webhook('failedAttempts');
      if (status === 410) {
        hook.health = { status: 'suspended', failCount: hook.health.failCount + 1 };
        this.stats.webhook('droppedEvents');
        return;
      }
      if (attempt < attempts - 1) await this.sleep(this.options.retryDelaysMs[attempt]);
    }
    if (this.closed) return;
    const failCount = hook.health.failCount + 1;
    hook.health = { status: failCount >= SUSPEND_AFTER_FAILURES ? 'suspended' : 'failing', failCount };
    this.stats.webhook('droppedEvents');
  }

  /** The response status, or null for a network error or timeout. */
  private post(hook: WebhookRecord, body: string): Promise<number | null> {
    return new Promise((resolve) => {
      let url: URL;
      try {
        url = new URL(hook.endpoint);
      } catch {
        resolve(null);
        return;
      }
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, {
        method: 'POST',
        timeout: this.options.timeoutMs,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'X-Signature': signWebhookBody(hook.secret, body),
          'User-Agent': 'ClickUp-Webhook-Sandbox',
        },
      });
      this.requests.add(req);
      const finish = (status: number | null) => {
        this.requests.delete(req);
        resolve(status);
      };
      req.on('response', (res) => {
        res.resume();
        res.on('end', () => finish(res.statusCode ?? null));
        res.on('error', () => finish(null));
      });
      req.on('timeout', () => req.destroy(new Error('webhook delivery timed out')));
      req.on('error', () => finish(null));
      req.end(body);
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.set(t, resolve);
    });
  }
}
