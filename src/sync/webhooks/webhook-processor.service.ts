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

export const WEBHOOK_STATE_KEY = 'clickup_webhook';

export interface RegisteredWebhook {
  id: string;
  endpoint: string;
  secret: string;
  events: string[];
  registeredAt: string;
}

const DEBOUNCE_MS = 300;
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

  enqueue(e: WebhookEvent): boolean {
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
    this.processing = this.processing.then(() => this.process(work)).catch((e) => {
      this.logger.warn(`Webhook refresh failed: ${describeError(e)}`);
    });
    return this.processing;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.processing;
  }

  private async process(w: WebhookWork): Promise<void> {
    if (!w.tasks.size && !w.deletedTasks.size && !w.timeTracked.size && !w.hierarchy) return;
    await this.runner.runTargeted('webhook', 'webhook', async (ctx) => {
      const ws = ctx.workspaceId;
      if (w.hierarchy) await this.hierarchy.syncAll(ctx);
      if (w.tasks.size) {
        const { gone } = await this.tasks.refreshTasks(ctx, await this.hierarchyRead.listLocations(ws), [...w.tasks]);
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
