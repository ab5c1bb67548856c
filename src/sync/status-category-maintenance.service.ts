import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { AppStateRepository } from '../database/app-state.repository';
import { StatusCategoryRepository } from './repositories/status-category.repository';

const KEY = 'status_overrides_hash';

/**
 * Categories are stored per task (fast, indexable reports). When the operator changes
 * STATUS_CATEGORY_OVERRIDES, every stored category is re-derived once at boot, so no report
 * mixes old and new rules.
 */
@Injectable()
export class StatusCategoryMaintenanceService implements OnApplicationBootstrap {
  private readonly logger = new Logger('StatusCategories');

  constructor(
    private readonly cfg: AppConfig,
    private readonly state: AppStateRepository,
    private readonly repo: StatusCategoryRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const overrides = this.cfg.reports.statusOverrides;
    const hash = createHash('sha256')
      .update(JSON.stringify(Object.entries(overrides).sort()))
      .digest('hex');
    if ((await this.state.get<string>(KEY)) === hash) return;
    const changed = await this.repo.recompute(overrides);
    await this.state.set(KEY, hash);
    if (changed) this.logger.log(`Status category overrides changed: re-categorised ${changed} tasks.`);
  }
}
