import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { MappingModule } from '../mapping/mapping.module';
import { IntelligenceReports } from './intelligence-reports';
import { ProjectFactsRepository } from './project-facts.repository';
import { ProjectHealthService } from './project-health.service';
import { ProjectMetricsService } from './project-metrics.service';
import { ProjectPulseService } from './project-pulse.service';

/**
 * IntelligenceModule: project insights — health, standup, digest, blockers, risk, workload,
 * completion, velocity — from pure formulas over the synced data and the daily snapshots. Its
 * reports join the report catalog (MCP intelligence toolset, REST /api/reports, the CLI).
 */
@Module({
  imports: [AnalyticsModule, MappingModule],
  providers: [ProjectFactsRepository, ProjectHealthService, ProjectPulseService, ProjectMetricsService, IntelligenceReports],
  exports: [ProjectHealthService, ProjectFactsRepository],
})
export class IntelligenceModule {}
