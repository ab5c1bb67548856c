import { Injectable } from '@nestjs/common';
import { ReportContextService, ReportFrame } from '../analytics/reports/report-context.service';
import { computeHealth, Health, HealthInputs, STALE_DAYS } from './formulas/health';
import { ProjectFactsRepository } from './project-facts.repository';

export interface ProjectHealth extends Health {
  inputs: HealthInputs;
}

/**
 * The health score of a project (a resolved scope) now — the one place the formula meets the
 * data, shared by get_project_health_score and the project registry's dashboards.
 */
@Injectable()
export class ProjectHealthService {
  constructor(
    private readonly ctx: ReportContextService,
    private readonly facts: ProjectFactsRepository,
  ) {}

  async now(f: ReportFrame): Promise<ProjectHealth> {
    const inputs = await this.facts.healthInputs(this.ctx.taskSet(f), f.now, STALE_DAYS);
    return { ...computeHealth(inputs), inputs };
  }
}
