import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { IntelligenceModule } from '../intelligence/intelligence.module';
import { MappingModule } from '../mapping/mapping.module';
import { ProjectActivityRepository } from './project-activity.repository';
import { ProjectStatusService } from './project-status.service';
import { ProjectsController } from './projects.controller';

/**
 * ProjectsModule: the dashboard over the project registry (MappingModule owns the registry
 * itself) — status per project from the health formula, the time facts and the task counts.
 */
@Module({
  imports: [MappingModule, AnalyticsModule, IntelligenceModule],
  controllers: [ProjectsController],
  providers: [ProjectActivityRepository, ProjectStatusService],
  exports: [ProjectStatusService],
})
export class ProjectsModule {}
