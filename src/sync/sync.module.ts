import { Module } from '@nestjs/common';
import { SyncRunRepository } from './sync-run.repository';

/**
 * SyncModule: keeps the database equal to ClickUp — full, incremental and reconcile runs,
 * webhooks, cursors, cross-process locking, the schedule and run bookkeeping.
 */
@Module({
  providers: [SyncRunRepository],
  exports: [SyncRunRepository],
})
export class SyncModule {}
