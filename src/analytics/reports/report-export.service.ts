import { Injectable } from '@nestjs/common';
import { PeriodArgs, weekdayName } from '../../common/time/period';
import { TimeFactsRepository } from '../time/time-facts.repository';
import { factPersonName } from './fact-totals';
import { ScopeArgValues } from './report-args';
import { ReportContextService } from './report-context.service';

export type ExportShape = 'person_day' | 'person_project_task';

export interface ExportSpec {
  scope: ScopeArgValues;
  person?: string;
  period: PeriodArgs;
  /** The report's default period. */
  fallback: string;
  shape: ExportShape;
}

export interface ExportTable {
  header: string[];
  rows: (string | number | boolean | null)[][];
}

const hours = (ms: number) => Math.round(ms / 36_000) / 100;

/**
 * The complete rows behind a time report or timesheet, for CSV and terminal tables: never capped
 * (payroll needs every line), one row per person × day or per person × project × task, from the
 * same time facts as the report.
 */
@Injectable()
export class ReportExportService {
  constructor(
    private readonly ctx: ReportContextService,
    private readonly facts: TimeFactsRepository,
  ) {}

  async rows(spec: ExportSpec): Promise<ExportTable> {
    const f = await this.ctx.frame({ ...spec.scope, person: spec.person });
    const period = this.ctx.period(spec.period, spec.fallback, f.now);
    const byDay = spec.shape === 'person_day';
    const facts = await this.facts.facts({
      workspaceId: f.ws,
      window: { from: period.from, to: period.to },
      now: f.now,
      timeZone: f.timeZone,
      scope: f.location,
      userIds: f.person ? [f.person.id] : undefined,
      groupBy: byDay ? ['person', 'day'] : ['person', 'project', 'task'],
    });
    const sorted = facts.sort(
      (a, b) =>
        factPersonName(a).localeCompare(factPersonName(b)) ||
        (a.userId ?? 0) - (b.userId ?? 0) ||
        (byDay ? (a.day ?? '').localeCompare(b.day ?? '') : b.ms - a.ms),
    );
    if (byDay) {
      return {
        header: ['person_id', 'person', 'date', 'weekday', 'hours', 'ms', 'billable_ms', 'timer_running'],
        rows: sorted.map((r) => [r.userId, factPersonName(r), r.day, weekdayName(r.day as string), hours(r.ms), r.ms, r.billableMs, r.running]),
      };
    }
    return {
      header: [
        'person_id',
        'person',
        'project_type',
        'project_id',
        'project',
        'task_id',
        'task_custom_id',
        'task',
        'hours',
        'ms',
        'billable_ms',
        'entries',
        'timer_running',
      ],
      rows: sorted.map((r) => [
        r.userId,
        factPersonName(r),
        r.projectKind,
        r.projectId,
        r.projectId ? (r.projectName ?? r.projectId) : 'no task',
        r.taskId,
        r.taskCustomId,
        r.taskId ? (r.taskName ?? r.taskId) : 'no task',
        hours(r.ms),
        r.ms,
        r.billableMs,
        r.entries,
        r.running,
      ]),
    };
  }
}

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula (=, +, -, @) are prefixed with ' . */
export function toCsv(t: ExportTable): string {
  const cell = (v: string | number | boolean | null): string => {
    if (v === null) return '';
    let s = String(v);
    if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [t.header, ...t.rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** Aligned columns a person reads in a terminal (numbers right-aligned). */
export function toTable(t: ExportTable): string {
  const text = [t.header, ...t.rows].map((r) => r.map((v) => (v === null ? '' : String(v))));
  const widths = t.header.map((_, i) => Math.max(...text.map((r) => r[i].length)));
  const numeric = t.header.map((_, i) => t.rows.length > 0 && t.rows.every((r) => typeof r[i] === 'number' || r[i] === null));
  const line = (r: string[]) =>
    r
      .map((v, i) => (numeric[i] ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(text[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...text.slice(1).map(line)].join('\n') + '\n';
}
