import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { percent } from '../analytics/reports/formulas/numbers';
import { ReportContextService } from '../analytics/reports/report-context.service';
import { scopeView } from '../analytics/reports/report-schemas';
import { fitReport, listAt } from '../analytics/reports/result-budget';
import { TaskSetRepository } from '../analytics/reports/task-set.repository';
import { summarizeProgress } from '../analytics/tasks/list-progress';
import { TaskQueryRepository } from '../analytics/tasks/task-query.repository';
import { duration } from '../common/time/duration';
import { historyDays } from '../common/time/period';
import { HierarchyService } from '../mapping/hierarchy.service';
import { personName, ScopeResolverService } from '../mapping/scope-resolver.service';
import { STALE_DAYS } from './formulas/health';
import { velocity } from './formulas/velocity';
import { workloadAverage, workloadBand } from './formulas/workload';
import {
  CompletionRateReport,
  FolderlessListsReport,
  ListStatusesReport,
  ProjectStatusesReport,
  TeamWorkloadReport,
  VelocityReport,
} from './intelligence.schemas';
import { ProjectFactsRepository } from './project-facts.repository';
import { snapshotScopeOf, TrendArgs } from './project-health.service';

const isoWeek = (d: DateTime) => `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`;
const completion = (total: number, finished: number) => ({ total, finished, percent: percent(finished, total) });

/** Project numbers over time and structure: workload, completion, velocity, statuses, folderless lists. */
@Injectable()
export class ProjectMetricsService {
  constructor(
    private readonly ctx: ReportContextService,
    private readonly facts: ProjectFactsRepository,
    private readonly taskSets: TaskSetRepository,
    private readonly taskQueries: TaskQueryRepository,
    private readonly scopes: ScopeResolverService,
    private readonly hierarchy: HierarchyService,
  ) {}

  /** Open tasks and open estimate per person (estimates split evenly), with bands and an optional trend. */
  async teamWorkload(a: { project: string; limit: number } & TrendArgs): Promise<TeamWorkloadReport> {
    const f = await this.ctx.frame({ project: a.project });
    const days = historyDays({ now: f.now, timeZone: f.timeZone }, { days: a.trend_days, weeks: a.trend_weeks });
    const [rows, people, history, taken] = await Promise.all([
      this.taskSets.estimates(this.ctx.taskSet(f, { includeClosed: false }), 'assignee'),
      this.scopes.people(f.ws),
      this.facts.workloadHistory(
        f.ws,
        snapshotScopeOf(f),
        days.map((d) => d.date),
      ),
      this.facts.snapshotDays(
        f.ws,
        days.map((d) => d.date),
      ),
    ]);
    const nameOf = (id: number) => {
      const p = people.find((x) => x.id === id);
      return p ? personName(p) : `user ${id}`;
    };
    const assigned = rows.filter((r) => r.key !== null);
    const avg = workloadAverage(assigned.map((r) => r.tasks));
    const unassigned = rows.find((r) => r.key === null);
    const list = assigned
      .map((r) => ({
        id: Number(r.key),
        name: r.name ?? nameOf(Number(r.key)),
        open_tasks: r.tasks,
        open_estimate: duration(r.estimateMs),
        band: workloadBand(r.tasks, avg),
      }))
      .sort((x, y) => y.open_tasks - x.open_tasks || y.open_estimate.ms - x.open_estimate.ms || x.name.localeCompare(y.name));
    const over = list.filter((p) => p.band === 'overloaded');
    const spare = list.filter((p) => p.band === 'spare');
    const out: TeamWorkloadReport = {
      project: scopeView(f.scope),
      average_open_tasks: avg === null ? null : Math.round(avg * 10) / 10,
      people: list.slice(0, a.limit),
      unassigned: { open_tasks: unassigned?.tasks ?? 0, open_estimate: duration(unassigned?.estimateMs ?? 0) },
      recommendations: [
        ...over.map((p) => `${p.name} is overloaded: ${p.open_tasks} open tasks against an average of ${Math.round((avg ?? 0) * 10) / 10}.`),
        ...(spare.length ? [`Spare capacity: ${spare.map((p) => `${p.name} (${p.open_tasks})`).join(', ')}.`] : []),
        ...(unassigned?.tasks ? [`${unassigned.tasks} open tasks have no assignee.`] : []),
      ],
      trend: days.length
        ? days.map((d) => ({
            date: d.date,
            missing: !taken.has(d.date),
            people: history
              .filter((h) => h.date === d.date && h.userId !== null)
              .sort((x, y) => y.tasks - x.tasks)
              .map((h) => ({ id: h.userId as number, name: nameOf(h.userId as number), open_tasks: h.tasks, open_estimate: duration(h.estimateMs) })),
            unassigned_open_tasks: history.find((h) => h.date === d.date && h.userId === null)?.tasks ?? 0,
          }))
        : null,
      truncated: list.length > a.limit,
      hint: list.length > a.limit ? `Showing ${a.limit} of ${list.length} people; raise limit.` : null,
    };
    return fitReport(out, [() => (out.trend ?? []).map((t) => listAt(t, 'people', 3)), () => [listAt(out, 'people', 5)]]);
  }

  /** Finished ÷ total now and at the end of each of the last weeks (from dates), optionally from snapshots. */
  async completionRate(a: { project: string; weeks: number } & TrendArgs): Promise<CompletionRateReport> {
    const f = await this.ctx.frame({ project: a.project });
    const monday = DateTime.fromMillis(f.now, { zone: f.timeZone }).startOf('week');
    const ends = Array.from({ length: a.weeks }, (_, i) => monday.minus({ weeks: a.weeks - 1 - i }));
    const days = historyDays({ now: f.now, timeZone: f.timeZone }, { days: a.trend_days, weeks: a.trend_weeks });
    const [points, history, taken] = await Promise.all([
      this.facts.completionAt(this.ctx.taskSet(f), [...ends.map((e) => e.toMillis()), f.now]),
      this.facts.healthHistory(
        f.ws,
        snapshotScopeOf(f),
        days.map((d) => d.date),
        days.map((d) => d.end),
        STALE_DAYS,
      ),
      this.facts.snapshotDays(
        f.ws,
        days.map((d) => d.date),
      ),
    ]);
    const now = points[points.length - 1];
    return {
      project: scopeView(f.scope),
      now: { all: completion(now.total, now.finished), top_level: completion(now.topLevel, now.topLevelFinished) },
      weeks: ends.map((end, i) => ({
        week: isoWeek(end.minus({ days: 1 })),
        week_end: new Date(end.toMillis()).toISOString(),
        all: completion(points[i].total, points[i].finished),
        top_level: completion(points[i].topLevel, points[i].topLevelFinished),
      })),
      trend: days.length
        ? days.map((d) => {
            const h = history.find((x) => x.date === d.date);
            if (!h && !taken.has(d.date)) return { date: d.date, missing: true, all: null, top_level: null };
            return {
              date: d.date,
              missing: false,
              all: completion(h?.inputs.all ?? 0, h?.inputs.finished ?? 0),
              top_level: completion(h?.inputs.topLevel ?? 0, h?.topLevelFinished ?? 0),
            };
          })
        : null,
    };
  }

  /** Tasks and estimate finished per complete ISO week, the average and the trend; this week so far apart. */
  async velocity(a: { project: string; weeks: number }): Promise<VelocityReport> {
    const f = await this.ctx.frame({ project: a.project });
    const monday = DateTime.fromMillis(f.now, { zone: f.timeZone }).startOf('week');
    const first = monday.minus({ weeks: a.weeks });
    const rows = await this.facts.finishedPerWeek(this.ctx.taskSet(f), first.toMillis(), f.now + 1, f.timeZone);
    const at = (d: DateTime) => rows.find((r) => r.monday === d.toISODate()) ?? { tasks: 0, estimateMs: 0 };
    const weeks = Array.from({ length: a.weeks }, (_, i) => first.plus({ weeks: i })).map((d) => ({ d, ...at(d) }));
    const v = velocity(weeks.map((w) => ({ week: isoWeek(w.d), finishedTasks: w.tasks, finishedEstimateMs: w.estimateMs })));
    const current = at(monday);
    return {
      project: scopeView(f.scope),
      weeks: weeks.map((w) => ({
        week: isoWeek(w.d),
        first_day: w.d.toISODate() as string,
        finished_tasks: w.tasks,
        finished_estimate: duration(w.estimateMs),
      })),
      this_week: { week: isoWeek(monday), finished_tasks: current.tasks, finished_estimate: duration(current.estimateMs) },
      average_tasks: v.averageTasks,
      average_estimate: v.averageEstimateMs === null ? null : duration(v.averageEstimateMs),
      trend: v.trend,
      change_percent: v.changePercent,
    };
  }

  /** Statuses in use across the project, with task counts (non-archived tasks, subtasks included). */
  async projectStatuses(a: { project: string }): Promise<ProjectStatusesReport> {
    const f = await this.ctx.frame({ project: a.project });
    const s = summarizeProgress(await this.taskQueries.statusCounts(this.ctx.taskSet(f)));
    return {
      project: scopeView(f.scope),
      total_tasks: s.total,
      statuses: s.by_status
        .map((x) => ({ status: x.status, category: x.category, tasks: x.count }))
        .sort((x, y) => y.tasks - x.tasks || x.status.localeCompare(y.status)),
      by_category: s.by_category,
    };
  }

  /** Every list that sits directly in a space, with its space and task count. */
  async folderlessLists(a: { include_archived: boolean; limit: number }): Promise<FolderlessListsReport> {
    const { ws } = await this.ctx.frame({});
    // Reporting rule 4: without include_archived, lists of archived spaces are hidden too.
    const [all, spaces] = await Promise.all([this.hierarchy.lists(ws, { folderId: null }, a.include_archived), this.hierarchy.spaces(ws, true)]);
    const archivedSpace = new Set(spaces.filter((s) => s.archived).map((s) => s.id));
    const lists = a.include_archived ? all : all.filter((l) => !archivedSpace.has(l.spaceId));
    const out: FolderlessListsReport = {
      total: lists.length,
      lists: lists
        .slice(0, a.limit)
        .map((l) => ({ id: l.id, name: l.name, space: { id: l.spaceId, name: l.spaceName }, archived: l.archived, task_count: l.taskCount })),
      truncated: lists.length > a.limit,
      hint: lists.length > a.limit ? `Showing ${a.limit} of ${lists.length}; raise limit.` : null,
    };
    return fitReport(out, [() => [listAt(out, 'lists', 10)]]);
  }

  /** A list's effective statuses: its own, or inherited from its folder or space (and which). */
  async listStatuses(a: { list: string; space?: string }): Promise<ListStatusesReport> {
    const ws = await this.scopes.workspaceId();
    const space = a.space ? await this.hierarchy.space(ws, a.space) : undefined;
    const l = await this.hierarchy.list(ws, a.list, { spaceId: space?.id });
    return {
      list: { id: l.id, name: l.name, space: l.spaceName, folder: l.folderName },
      source: (['list', 'folder', 'space'].includes(l.statusesSource) ? l.statusesSource : 'space') as ListStatusesReport['source'],
      source_id: l.statusesSourceId,
      statuses: this.hierarchy.statuses(l.statuses).sort((x, y) => x.orderindex - y.orderindex),
    };
  }
}
