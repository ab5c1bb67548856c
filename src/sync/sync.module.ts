import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { HierarchyReadRepository } from './repositories/hierarchy-read.repository';
import { HierarchyWriteRepository } from './repositories/hierarchy-write.repository';
import { SnapshotRepository } from './repositories/snapshot.repository';
import { SyncCursorRepository } from './repositories/sync-cursor.repository';
import { SyncLeaseRepository } from './repositories/sync-lease.repository';
import { SyncRunRepository } from './repositories/sync-run.repository';
import { SyncStatusRepository } from './repositories/sync-status.repository';
import { TableMaintenanceRepository } from './repositories/table-maintenance.repository';
import { TaskWriteRepository } from './repositories/task-write.repository';
import { TimeEntryWriteRepository } from './repositories/time-entry-write.repository';
import { SnapshotService } from './snapshot.service';
import { SyncController } from './sync.controller';
import { SyncRunnerService } from './sync-runner.service';
import { SyncSchedulerService } from './sync-scheduler.service';
import { SyncStatusService } from './sync-status.service';
import { HierarchySyncer } from './syncers/hierarchy.syncer';
import { TaskSyncer } from './syncers/task.syncer';
import { TimeEntrySyncer } from './syncers/time-entry.syncer';
import { AppStateRepository } from '../database/app-state.repository';
import { StatusCategoryRepository } from './repositories/status-category.repository';
import { StatusCategoryMaintenanceService } from './status-category-maintenance.service';
import { WebhookController } from './webhooks/webhook.controller';
import { WebhookProcessorService } from './webhooks/webhook-processor.service';
import { WebhookRegistrationService } from './webhooks/webhook-registration.service';
import { DataReadinessRepository } from './repositories/data-readiness.repository';
import { DataReadinessService } from './data-readiness.service';
import { DataReadinessInterceptor } from './data-readiness.interceptor';

/**
 * SyncModule: keeps the database equal to ClickUp — full, incremental and reconcile runs,
 * cursors, cross-process leases, the schedule, the daily snapshot and run bookkeeping.
 */
@Module({
  imports: [ScheduleModule.forRoot()],
  controllers: [SyncController, WebhookController],
  providers: [
    SyncRunRepository,
    SyncLeaseRepository,
    SyncCursorRepository,
    SyncStatusRepository,
    HierarchyReadRepository,
    HierarchyWriteRepository,
    TaskWriteRepository,
    TimeEntryWriteRepository,
    SnapshotRepository,
    TableMaintenanceRepository,
    HierarchySyncer,
    TaskSyncer,
    TimeEntrySyncer,
    SyncRunnerService,
    SnapshotService,
    SyncSchedulerService,
    SyncStatusService,
    AppStateRepository,
    WebhookProcessorService,
    WebhookRegistrationService,
    StatusCategoryRepository,
    StatusCategoryMaintenanceService,
    DataReadinessRepository,
    DataReadinessService,
    DataReadinessInterceptor,
  ],
  exports: [
    DataReadinessService,
    DataReadinessInterceptor,
    WebhookProcessorService,
    SyncRunRepository,
    SyncRunnerService,
    SyncStatusService,
    SnapshotService,
    TaskWriteRepository,
    TimeEntryWriteRepository,
  ],
})
export class SyncModule {}
