import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { AppStateRepository } from '../../database/app-state.repository';
import { HierarchyReadRepository } from '../repositories/hierarchy-read.repository';
import { TaskWriteRepository } from '../repositories/task-write.repository';
import { TimeEntryWriteRepository } from '../repositories/time-entry-write.repository';
import { SyncRunnerService } from '../sync-runner.service';
import { describeError } from '../sync-context';
import { HierarchySyncer } from '../syncers/hierarchy.syncer';
import { TaskSyncer } from '../syncers/task.syncer';
import { TimeEntrySyncer } from '../syncers/time-entry.syncer';
import { addEvent, emptyWork, WebhookEvent, WebhookWork } from './webhook-event';
import { DeliveryVerdict, WebhookReplayGuard } from './webhook-replay';
import { stripNulDeep } from '../../common/text/strip-nul';

export const WEBHOOK_STATE_KEY = 'clickup_webhook';

export interface RegisteredWebhook {
  id: string;
  endpoint: string;
  secret: string;
  events: string[];
  registeredAt: string;
}

const DEBOUNCE_MS = 300;
/**
 * A hierarchy refresh costs one request per space/folder (~30 on the demo workspace): deliveries
 * that ask for one are coalesced into at most one refresh per this interval.
 */
const HIERARCHY_MIN_INTERVAL_MS = 60_000;
const DAY = 86_400_000;

/**
 * Turns webhook deliveries into targeted refreshes. The HTTP handler only enqueues (ClickUp
 * counts a reply slower than 7 s as a failure); deliveries arriving close together are
 * processed as one batch, recorded as a 'webhook' run.
 */
@Injectable()
export class WebhookProcessorService implements OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private pending: WebhookWork = emptyWork();
  private timer: NodeJS.Timeout | null = null;
  private processing: Promise<void> = Promise.resolve();
  private readonly replays = new WebhookReplayGuard();
  private lastHierarchyAt = 0;
  private hierarchyTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly cfg: AppConfig,
    private readonly state: AppStateRepository,
    private readonly runner: SyncRunnerService,
    private readonly tasks: TaskSyncer,
    private readonly timeEntries: TimeEntrySyncer,
    private readonly hierarchy: HierarchySyncer,
    private readonly hierarchyRead: HierarchyReadRepository,
    private readonly tasksWrite: TaskWriteRepository,
    private readonly timeEntriesWrite: TimeEntryWriteRepository,
  ) {}

  /** Secrets that may sign deliveries: the configured one and the one ClickUp gave at registration. */
  async secrets(): Promise<string[]> {
    const registered = await this.state.get<RegisteredWebhook>(WEBHOOK_STATE_KEY);
    return [this.cfg.sync.webhookSecret, registered?.secret].filter((s): s is string => Boolean(s));
  }

  /** Replay protection: 'fresh' the first time these exact bytes arrive within the window. */
  admit(raw: Buffer, e: WebhookEvent, now = Date.now()): DeliveryVerdict {
    const verdict = this.replays.check(
      raw,
      (e.history_items ?? []).map((h) => h.date),
      now,
    );
    if (verdict !== 'fresh') this.logger.warn(`Ignored a ${verdict} ${e.event} delivery (replay protection).`);
    return verdict;
  }

  enqueue(event: WebhookEvent): boolean {
    const e = stripNulDeep(event);
    const handled = addEvent(this.pending, e);
    if (handled && !this.timer) this.timer = setTimeout(() => this.flush(), DEBOUNCE_MS);
    return handled;
  }

  /** Processes what is pending now (also used by tests to wait for the refresh). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const work = this.pending;
    this.pending = emptyWork();
    if (work.hierarchy) {
      const wait = this.lastHierarchyAt + HIERARCHY_MIN_INTERVAL_MS - Date.now();
      if (wait > 0) {
        // Too soon after the last one: keep it pending and refresh once the interval is over.
        work.hierarchy = false;
        this.pending.hierarchy = true;
        this.hierarchyTimer ??= setTimeout(() => {
          this.hierarchyTimer = null;
          void this.flush();
        }, wait);
      } else {
        this.lastHierarchyAt = Date.now();
      }
    }
    this.processing = this.processing
      .then(() => this.process(work))
      .catch((e) => {
        this.logger.warn(`Webhook refresh failed: ${describeError(e)}`);
      });
    return this.processing;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    if (this.hierarchyTimer) clearTimeout(this.hierarchyTimer);
    await this.processing;
  }

  private async process(w: WebhookWork): Promise<void> {
    if (!w.tasks.size && !w.deletedTasks.size && !w.timeTracked.size && !w.hierarchy) return;
    await this.runner.runTargeted('webhook', 'webhook', async (ctx) => {
      const ws = ctx.workspaceId;
      if (w.hierarchy) await this.hierarchy.syncAll(ctx);
      // Deleted according to the delivery: asked again, like updated ones. A task ClickUp still
      // has is refreshed, not deleted (a replayed or forged-by-a-leaked-secret taskDeleted does nothing).
      const claimedDeleted = [...w.deletedTasks];
      w.deletedTasks.clear();
      if (w.tasks.size || claimedDeleted.length) {
        const { gone } = await this.tasks.refreshTasks(ctx, await this.hierarchyRead.listLocations(ws), [...w.tasks, ...claimedDeleted]);
        gone.forEach((id) => w.deletedTasks.add(id));
      }
      if (w.deletedTasks.size) {
        const deleted = [...w.deletedTasks];
        ctx.add('tasksDeleted', await this.tasksWrite.softDelete(ws, deleted));
        // Their time entries went with them; no time-tracked event is sent for those.
        ctx.add('timeEntriesDeleted', await this.timeEntriesWrite.softDeleteForTasks(ws, deleted));
      }
      const now = Date.now();
      for (const taskId of w.timeTracked) {
        if (w.deletedTasks.has(taskId)) continue;
        // The task's whole history (or the configured limit): one request either way.
        const limit = this.cfg.sync.timeEntriesHistoryDays;
        await this.timeEntries.refreshTask(ctx, taskId, limit === null ? 0 : now - limit * DAY, now + DAY);
      }
    });
  }
}
