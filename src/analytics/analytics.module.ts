import { Module } from '@nestjs/common';
import { MappingModule } from '../mapping/mapping.module';
import { SyncModule } from '../sync/sync.module';
import { TaskQueryRepository } from './tasks/task-query.repository';
import { TaskQueryService } from './tasks/task-query.service';
import { TaskReportService } from './tasks/task-report.service';
import { TaskWorkloadRepository } from './tasks/task-workload.repository';
import { TasksController } from './tasks/tasks.controller';

/** AnalyticsModule: task queries, time reports and timesheets; every report query lives in its repositories. */
@Module({
  imports: [MappingModule, SyncModule],
  controllers: [TasksController],
  providers: [TaskQueryRepository, TaskWorkloadRepository, TaskQueryService, TaskReportService],
  exports: [TaskQueryService, TaskReportService],
})
export class AnalyticsModule {}
