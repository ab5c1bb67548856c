import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/time/clock';
import { Period, PeriodArgs, resolvePeriod, weekdaysIn } from '../../common/time/period';
import { AppConfig } from '../../config/app-config';
import { ResolvedPerson, ResolvedScope, ScopeArgs, ScopeResolverService } from '../../mapping/scope-resolver.service';
import { DataReadinessService } from '../../sync/data-readiness.service';
import { TaskFilter } from '../tasks/task-query.types';
import { capacityMs } from './formulas/numbers';

/** What every report starts from: the workspace, "now", the period, the scope and the person. */
export interface ReportFrame {
  ws: string;
  now: number;
  timeZone: string;
  scope: ResolvedScope;
  /** The scope as a time-facts / task filter location (null for the whole workspace). */
  location: { kind: 'space' | 'folder' | 'list'; id: string; spaceId?: string } | null;
  person: ResolvedPerson | null;
}

/**
 * Resolves report arguments through the one scope resolver, the one period module and the one
 * clock, so every report reads "this week" and "Mobile" the same way — and refuses, with how far
 * the first sync is, while the data is still incomplete.
 */
@Injectable()
export class ReportContextService {
  constructor(
    private readonly cfg: AppConfig,
    private readonly clock: Clock,
    private readonly scopes: ScopeResolverService,
    private readonly readiness: DataReadinessService,
  ) {}

  get timeZone(): string {
    return this.cfg.reports.timeZone;
  }

  now(): number {
    return this.clock.now();
  }

  /** Every report starts here: it refuses while the first full sync is still filling the database (totals would be wrong). */
  async frame(a: ScopeArgs & { person?: string }): Promise<ReportFrame> {
    await this.readiness.assertReportable();
    const ws = await this.scopes.workspaceId();
    const [scope, person] = await Promise.all([this.scopes.scope(ws, a), a.person ? this.scopes.person(ws, a.person) : Promise.resolve(null)]);
    return {
      ws,
      now: this.clock.now(),
      timeZone: this.timeZone,
      scope,
      person,
      location: scope.kind === 'workspace' ? null : { kind: scope.kind, id: scope.id, spaceId: scope.spaceId ?? undefined },
    };
  }

  period(a: PeriodArgs, fallback: string, now: number): Period {
    return resolvePeriod(a, { now, timeZone: this.timeZone }, fallback);
  }

  /** One person's capacity over the period (REPORT_CAPACITY_HOURS_PER_WEEK × weekdays ÷ 5). */
  capacity(p: Period): number {
    return capacityMs(this.cfg.reports.capacityHoursPerWeek, weekdaysIn(p));
  }

  get capacityHoursPerWeek(): number {
    return this.cfg.reports.capacityHoursPerWeek;
  }

  /** The scope's non-archived tasks, subtasks included, finished or not (Reporting rule 5). */
  taskSet(f: ReportFrame, extra: Partial<TaskFilter> = {}): TaskFilter {
    return { workspaceId: f.ws, scope: f.location, includeClosed: true, includeSubtasks: true, includeArchived: false, ...extra };
  }

  /** Members a timesheet names even without time: current, active, not guests (or just the person asked for). */
  async rosterOf(f: ReportFrame): Promise<ResolvedPerson[]> {
    if (f.person) return [f.person];
    const people = await this.scopes.people(f.ws);
    return people
      .filter((p) => !p.removed && p.status === 'active' && p.roleKey !== 'guest')
      .map((p) => ({ id: p.id, name: p.username ?? p.email ?? `user ${p.id}`, email: p.email, removed: false }));
  }
}
