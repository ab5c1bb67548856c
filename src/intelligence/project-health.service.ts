import { Injectable } from '@nestjs/common';
import { ReportContextService, ReportFrame } from '../analytics/reports/report-context.service';
import { scopeView } from '../analytics/reports/report-schemas';
import { historyDays } from '../common/time/period';
import { computeHealth, Health, HealthInputs, STALE_DAYS } from './formulas/health';
import { HealthReport } from './intelligence.schemas';
import { ProjectFactsRepository, SnapshotScope } from './project-facts.repository';

export interface ProjectHealth extends Health {
  inputs: HealthInputs;
}

export interface TrendArgs {
  trend_days?: number;
  trend_weeks?: number;
}

export const snapshotScopeOf = (f: ReportFrame): SnapshotScope =>
  f.location ? { kind: f.location.kind, id: f.location.id } : { kind: 'workspace', id: f.ws };

/**
 * The health score of a project (a resolved scope) — the one place the formula meets the data,
 * shared by get_project_health_score and the project registry's dashboards — and its history
 * from the daily snapshots.
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

  /** get_project_health_score: score, grade, components, recommendations, and an optional trend. */
  async report(a: { project: string } & TrendArgs): Promise<HealthReport> {
    const f = await this.ctx.frame({ project: a.project });
    const days = historyDays({ now: f.now, timeZone: f.timeZone }, { days: a.trend_days, weeks: a.trend_weeks });
    const dates = days.map((d) => d.date);
    const [h, history, taken] = await Promise.all([
      this.now(f),
      this.facts.healthHistory(
        f.ws,
        snapshotScopeOf(f),
        dates,
        days.map((d) => d.end),
        STALE_DAYS,
      ),
      this.facts.snapshotDays(f.ws, dates),
    ]);
    const byDate = new Map(history.map((x) => [x.date, x.inputs]));
    const empty: HealthInputs = {
      all: 0,
      finished: 0,
      active: 0,
      overdueActive: 0,
      staleActive: 0,
      assignedActive: 0,
      topLevel: 0,
      topLevelEstimated: 0,
    };
    const i = h.inputs;
    return {
      project: scopeView(f.scope),
      as_of: new Date(f.now).toISOString(),
      score: h.score,
      grade: h.grade,
      components: h.components,
      metrics: {
        tasks: i.all,
        finished: i.finished,
        open: i.active,
        overdue_open: i.overdueActive,
        stale_open: i.staleActive,
        assigned_open: i.assignedActive,
        top_level: i.topLevel,
        top_level_estimated: i.topLevelEstimated,
      },
      recommendations: h.recommendations,
      trend: days.length
        ? days.map((d) => {
            // A snapshot day without rows here: the project had no tasks then (not a missing day).
            const inputs = byDate.get(d.date) ?? (taken.has(d.date) ? empty : undefined);
            if (!inputs) return { date: d.date, missing: true, score: null, grade: null, components: null };
            const past = computeHealth(inputs);
            return { date: d.date, missing: false, score: past.score, grade: past.grade, components: past.components };
          })
        : null,
    };
  }
}
