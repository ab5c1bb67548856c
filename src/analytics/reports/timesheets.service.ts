import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { duration } from '../../common/time/duration';
import { Period, periodDays } from '../../common/time/period';
import { TimeFactsRepository } from '../time/time-facts.repository';
import { byTimeDesc, factPersonName, grandTotal, rowsBy, totalsBy } from './fact-totals';
import { utilization } from './formulas/numbers';
import { PeriodArgValues, ScopeArgValues } from './report-args';
import { ReportContextService } from './report-context.service';
import { periodView, scopeView, timeSplit } from './report-schemas';
import { fitReport, listAt } from './result-budget';
import { Timesheet } from './timesheets.schemas';

/** A grid wider than this is no longer a timesheet a person reads. */
export const MAX_TIMESHEET_DAYS = 92;

export type TimesheetArgs = ScopeArgValues & { person?: string };

/**
 * Timesheets: person × day grids with day and person totals, days worked and daily averages
 * (rule 3: entries split at the zone's midnights; running timers up to now and flagged). Members
 * without time are named, because a manager wants to see who is missing.
 */
@Injectable()
export class TimesheetsService {
  constructor(
    private readonly ctx: ReportContextService,
    private readonly facts: TimeFactsRepository,
  ) {}

  async weekly(a: TimesheetArgs & { week?: string }): Promise<Timesheet> {
    return this.grid(a, (now) => this.ctx.period({ week: a.week }, 'this_week', now));
  }

  async monthly(a: TimesheetArgs & { month?: string }): Promise<Timesheet> {
    return this.grid(a, (now) => this.ctx.period({ month: a.month }, 'this_month', now));
  }

  async any(a: TimesheetArgs & PeriodArgValues): Promise<Timesheet> {
    return this.grid(a, (now) => this.ctx.period(a, 'this_week', now));
  }

  private async grid(a: TimesheetArgs, periodOf: (now: number) => Period): Promise<Timesheet> {
    const f = await this.ctx.frame(a);
    const period = periodOf(f.now);
    const days = periodDays(period);
    if (days.length > MAX_TIMESHEET_DAYS) {
      throw new DomainError(
        `${period.label} has ${days.length} days; a timesheet grid covers at most ${MAX_TIMESHEET_DAYS}. Use get_employee_time_report for longer periods.`,
      );
    }
    const [rows, roster] = await Promise.all([
      this.facts.facts({
        workspaceId: f.ws,
        window: { from: period.from, to: period.to },
        now: f.now,
        timeZone: f.timeZone,
        scope: f.location,
        userIds: f.person ? [f.person.id] : undefined,
        groupBy: ['person', 'day'],
      }),
      this.ctx.rosterOf(f),
    ]);
    const column = new Map(days.map((d, i) => [d, i]));
    const capacity = this.ctx.capacity(period);
    const rowsOf = rowsBy(rows, (r) => r.userId);
    const sheet = byTimeDesc([...totalsBy(rows, (r) => r.userId).values()].map((t) => ({ t, ms: t.ms, name: factPersonName(t.first) }))).map(
      ({ t }) => {
        const perDay = new Array<number>(days.length).fill(0);
        for (const r of rowsOf.get(t.first.userId) ?? []) perDay[column.get(r.day as string) as number] += r.ms;
        const worked = perDay.filter((ms) => ms > 0).length;
        return {
          id: t.first.userId as number,
          name: factPersonName(t.first),
          removed: t.first.userRemoved,
          seconds: perDay.map((ms) => Math.round(ms / 1000)),
          ...timeSplit(t.ms, t.billableMs),
          days_worked: worked,
          daily_average: duration(worked ? t.ms / worked : 0),
          utilization_percent: utilization(t.ms, capacity),
          running_timer: t.running,
        };
      },
    );
    const dayTotals = new Array<number>(days.length).fill(0);
    for (const r of rows) dayTotals[column.get(r.day as string) as number] += r.ms;
    const logged = new Set(sheet.map((p) => p.id));
    const idle = roster
      .filter((p) => !logged.has(p.id))
      .map((p) => p.name)
      .sort((x, y) => x.localeCompare(y));
    const total = grandTotal(rows);
    const out: Timesheet = {
      scope: scopeView(f.scope),
      period: periodView(period),
      days,
      ...timeSplit(total.ms, total.billableMs),
      capacity_per_person: duration(capacity),
      rows: sheet,
      rows_total: sheet.length,
      day_totals: dayTotals.map((ms) => Math.round(ms / 1000)),
      no_time_logged: idle,
      no_time_logged_total: idle.length,
      truncated: false,
      hint: null,
    };
    return fitReport(out, [() => [listAt(out, 'no_time_logged', 10)], () => [listAt(out, 'rows', 3)]]);
  }
}
