import { Module } from '@nestjs/common';
import { MappingModule } from '../mapping/mapping.module';
import { SyncModule } from '../sync/sync.module';
import { AnalyticsReports } from './reports/analytics-reports';
import { ProgressService } from './reports/progress.service';
import { ReportCatalog } from './reports/report-catalog';
import { ReportContextService } from './reports/report-context.service';
import { ReportExportService } from './reports/report-export.service';
import { ReportsController } from './reports/reports.controller';
import { TaskRankRepository } from './reports/task-rank.repository';
import { TaskSetRepository } from './reports/task-set.repository';
import { TaskTimeService } from './reports/task-time.service';
import { TimeReportsService } from './reports/time-reports.service';
import { TimesheetsService } from './reports/timesheets.service';
import { TaskQueryRepository } from './tasks/task-query.repository';
import { TaskQueryService } from './tasks/task-query.service';
import { TaskReportService } from './tasks/task-report.service';
import { TaskWorkloadRepository } from './tasks/task-workload.repository';
import { TasksController } from './tasks/tasks.controller';
import { TimeFactsRepository } from './time/time-facts.repository';

/**
 * AnalyticsModule: task queries, time reports and timesheets. Every time number comes from
 * TimeFactsRepository; every report query lives in a repository; the report catalog declares
 * each report once for MCP, REST, CSV and the CLI.
 */
@Module({
  imports: [MappingModule, SyncModule],
  controllers: [TasksController, ReportsController],
  providers: [
    TaskQueryRepository,
    TaskWorkloadRepository,
    TaskQueryService,
    TaskReportService,
    TimeFactsRepository,
    TaskSetRepository,
    TaskRankRepository,
    ReportContextService,
    TimeReportsService,
    TimesheetsService,
    TaskTimeService,
    ProgressService,
    ReportExportService,
    ReportCatalog,
    AnalyticsReports,
  ],
  exports: [
    TaskQueryService,
    TaskReportService,
    ReportCatalog,
    TimeFactsRepository,
    TaskSetRepository,
    ReportContextService,
    TaskTimeService,
    ReportExportService,
    TaskQueryRepository,
  ],
})
export class AnalyticsModule {}
