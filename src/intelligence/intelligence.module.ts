import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { MappingModule } from '../mapping/mapping.module';
import { ProjectFactsRepository } from './project-facts.repository';
import { ProjectHealthService } from './project-health.service';

/** IntelligenceModule: project insights (health, standup, velocity …) built on pure formulas. */
@Module({
  imports: [AnalyticsModule, MappingModule],
  providers: [ProjectFactsRepository, ProjectHealthService],
  exports: [ProjectHealthService, ProjectFactsRepository],
})
export class IntelligenceModule {}
