import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { ClickupClient } from '../../clickup/clickup.client';
import { AppConfig } from '../../config/app-config';
import { AppStateRepository } from '../../database/app-state.repository';
import { SyncStatusRepository } from '../repositories/sync-status.repository';
import { RegisteredWebhook, WEBHOOK_STATE_KEY } from './webhook-processor.service';

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
];

/** Registers/unregisters our receiver with ClickUp. The secret is stored, never returned. */
@Injectable()
export class WebhookRegistrationService {
  constructor(
    private readonly cfg: AppConfig,
    private readonly client: ClickupClient,
    private readonly state: AppStateRepository,
    private readonly status: SyncStatusRepository,
  ) {}

  async register(endpointOverride?: string): Promise<Omit<RegisteredWebhook, 'secret'>> {
    const base = endpointOverride ?? (this.cfg.sync.publicBaseUrl ? `${this.cfg.sync.publicBaseUrl.replace(/\/$/, '')}/webhooks/clickup` : null);
    if (!base) throw new BadRequestException('Set PUBLIC_BASE_URL (the URL ClickUp can reach this server at) or pass an endpoint.');
    const ws = await this.status.primaryWorkspaceId();
    if (!ws) throw new BadRequestException('No workspace synced yet: run a sync first.');
    const existing = await this.state.get<RegisteredWebhook>(WEBHOOK_STATE_KEY);
    if (existing) await this.client.deleteWebhook(existing.id).catch(() => undefined);
    const created = await this.client.createWebhook(ws, { endpoint: base, events: WEBHOOK_EVENTS });
    const record: RegisteredWebhook = {
      id: created.id,
      endpoint: created.endpoint,
      secret: created.secret,
      events: created.events,
      registeredAt: new Date().toISOString(),
    };
    await this.state.set(WEBHOOK_STATE_KEY, record);
    const { secret: _secret, ...visible } = record;
    return visible;
  }

  async unregister(): Promise<{ deleted: string }> {
    const existing = await this.state.get<RegisteredWebhook>(WEBHOOK_STATE_KEY);
    if (!existing) throw new NotFoundException('No webhook is registered.');
    await this.client.deleteWebhook(existing.id);
    await this.state.delete(WEBHOOK_STATE_KEY);
    return { deleted: existing.id };
  }
}
