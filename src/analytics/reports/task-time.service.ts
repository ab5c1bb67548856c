import { Injectable } from '@nestjs/common';
import { duration } from '../../common/time/duration';
import { Period } from '../../common/time/period';
import { TaskQueryService } from '../tasks/task-query.service';
import { TimeFactsRepository } from '../time/time-facts.repository';
import { TimeDimension, TimeFactRow } from '../time/time-facts.types';
import { byTimeDesc, factPersonName, totalsBy } from './fact-totals';
import { accuracyRatio, classifyAccuracy, efficiency } from './formulas/estimates';
import { percent } from './formulas/numbers';
import { daysOverdue, riskReasons } from './formulas/risk';
import { PeriodArgValues, ScopeArgValues } from './report-args';
import { ReportContextService, ReportFrame } from './report-context.service';
import { periodView, scopeView, taskLine } from './report-schemas';
import { fitReport, listAt } from './result-budget';
import { TaskRankRepository } from './task-rank.repository';
import { TaskSetRepository, TaskSetRow } from './task-set.repository';
import { AtRiskReport, EstimationAccuracy, TaskBreakdown, TimeTrackingReport, UntrackedReport } from './task-time.schemas';

export type TrackingGrouping = 'assignee' | 'status' | 'list' | 'task';
export type UntrackedStatus = 'active' | 'open' | 'all';

const DAY_MS = 86_400_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const hasPeriod = (a: PeriodArgValues) => a.period !== undefined || a.start !== undefined || a.end !== undefined || a.days !== undefined;

/**
 * Task-set reports (Reporting rule 5): the scope's non-archived tasks, subtasks included, each
 * with its direct time (from TimeFactsRepository) and its own estimate — nothing counted twice.
 */
@Injectable()
export class TaskTimeService {
  constructor(
    private readonly ctx: ReportContextService,
    private readonly facts: TimeFactsRepository,
    private readonly taskSets: TaskSetRepository,
    private readonly ranks: TaskRankRepository,
    private readonly tasks: TaskQueryService,
  ) {}

  /** Direct time per task of the set (lifetime, or clipped to a period). */
  private timeOfSet(
    f: ReportFrame,
    period: Period | null,
    groupBy: TimeDimension[],
    extra: Parameters<ReportContextService['taskSet']>[1] = {},
    taskNames = false,
  ): Promise<TimeFactRow[]> {
    return this.facts.facts({
      workspaceId: f.ws,
      window: period ? { from: period.from, to: period.to } : null,
      now: f.now,
      timeZone: f.timeZone,
      scope: f.location,
      tasks: this.ctx.taskSet(f, extra),
      groupBy,
      taskNames,
    });
  }

  /** Tracked vs estimated, grouped by assignee (time by who logged it, estimates split evenly), status, list or task. */
  async timeTracking(a: ScopeArgValues & PeriodArgValues & { group_by: TrackingGrouping; limit: number }): Promise<TimeTrackingReport> {
    const f = await this.ctx.frame(a);
    const period = hasPeriod(a) ? this.ctx.period(a, 'this_month', f.now) : null;
    const set = this.ctx.taskSet(f);
    type Group = { id: string | null; name: string; tasks: number; ms: number; estimateMs: number };
    const groups = new Map<string, Group>();
    const group = (id: string | null, name: string): Group => {
      const k = String(id);
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { id, name, tasks: 0, ms: 0, estimateMs: 0 }));
      return g;
    };
    const fill = async (): Promise<void> => {
      if (a.group_by === 'task') {
        const [rows, estimated] = await Promise.all([
          this.timeOfSet(f, period, ['task'], {}, true),
          this.taskSets.tasks({ ...set, hasEstimate: true }),
        ]);
        for (const r of rows) Object.assign(group(r.taskId, r.taskName ?? (r.taskId as string)), { tasks: 1, ms: r.ms });
        for (const t of estimated) Object.assign(group(t.id, t.name), { tasks: 1, estimateMs: t.timeEstimate ?? 0 });
      } else {
        const dim: TimeDimension = a.group_by === 'assignee' ? 'person' : a.group_by;
        const [rows, estimates] = await Promise.all([this.timeOfSet(f, period, [dim]), this.taskSets.estimates(set, a.group_by)]);
        for (const e of estimates)
          Object.assign(group(e.key, e.key === null ? 'Unassigned' : (e.name ?? e.key)), { tasks: e.tasks, estimateMs: e.estimateMs });
        for (const r of rows) {
          const id = a.group_by === 'assignee' ? String(r.userId) : a.group_by === 'status' ? r.status : r.listId;
          const name =
            a.group_by === 'assignee' ? factPersonName(r) : a.group_by === 'status' ? (r.status as string) : (r.listName ?? (r.listId as string));
          group(id, name).ms += r.ms;
        }
      }
    };
    // The set's size is counted alongside the groups' own queries, not after them.
    const [tasks] = await Promise.all([this.taskSets.count(set), fill()]);
    const all = [...groups.values()].sort((x, y) => y.ms - x.ms || y.estimateMs - x.estimateMs || x.name.localeCompare(y.name));
    const ms = all.reduce((s, g) => s + g.ms, 0);
    const estimateMs = all.reduce((s, g) => s + g.estimateMs, 0);
    const out: TimeTrackingReport = {
      scope: scopeView(f.scope),
      period: period ? periodView(period) : null,
      group_by: a.group_by,
      tasks,
      time: duration(ms),
      estimate: duration(estimateMs),
      efficiency_percent: efficiency(ms, estimateMs),
      groups: all.slice(0, a.limit).map((g) => ({
        id: g.id,
        name: g.name,
        tasks: g.tasks,
        time: duration(g.ms),
        estimate: duration(g.estimateMs),
        efficiency_percent: efficiency(g.ms, g.estimateMs),
      })),
      groups_total: all.length,
      truncated: all.length > a.limit,
      hint: all.length > a.limit ? `Showing ${a.limit} of ${all.length} groups; raise limit or narrow the scope.` : null,
    };
    return fitReport(out, [() => [listAt(out, 'groups', 5)]]);
  }

  /** One task's tree: direct and rollup time and estimate per node, and who logged the time. */
  async taskBreakdown(a: PeriodArgValues & { task: string }): Promise<TaskBreakdown> {
    const ws = await this.ctx.frame({}).then((f) => f.ws);
    const ref = await this.tasks.resolveTask(ws, a.task);
    const now = this.ctx.now();
    const period = hasPeriod(a) ? this.ctx.period(a, 'this_month', now) : null;
    const nodes = await this.taskSets.subtree(ws, ref.id);
    const rows = await this.facts.facts({
      workspaceId: ws,
      window: period ? { from: period.from, to: period.to } : null,
      now,
      timeZone: this.ctx.timeZone,
      taskIds: nodes.map((n) => n.id),
      groupBy: ['task', 'person'],
    });
    const direct = totalsBy(rows, (r) => r.taskId);
    const children = new Map<string, string[]>();
    for (const n of nodes) if (n.parentId) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n.id]);
    const memo = new Map<string, { ms: number; est: number; running: boolean }>();
    const rollup = (id: string, seen = new Set<string>()): { ms: number; est: number; running: boolean } => {
      const hit = memo.get(id);
      if (hit) return hit;
      seen.add(id);
      const own = direct.get(id);
      const node = nodes.find((n) => n.id === id);
      const r = { ms: own?.ms ?? 0, est: node?.timeEstimate ?? 0, running: own?.running ?? false };
      for (const c of children.get(id) ?? []) {
        if (seen.has(c)) continue;
        const x = rollup(c, seen);
        r.ms += x.ms;
        r.est += x.est;
        r.running ||= x.running;
      }
      memo.set(id, r);
      return r;
    };
    const root = rollup(ref.id);
    const people = byTimeDesc([...totalsBy(rows, (r) => r.userId).values()].map((t) => ({ t, ms: t.ms, name: factPersonName(t.first) })));
    const out: TaskBreakdown = {
      task: { id: ref.id, custom_id: ref.customId, name: ref.name },
      period: period ? periodView(period) : null,
      time: duration(root.ms),
      estimate: duration(root.est),
      efficiency_percent: efficiency(root.ms, root.est),
      nodes: nodes.map((n) => {
        const r = rollup(n.id);
        return {
          id: n.id,
          custom_id: n.customId,
          name: n.name,
          depth: n.depth,
          parent_id: n.id === ref.id ? null : n.parentId,
          status: n.status,
          list: n.listName,
          archived: n.archived,
          direct: duration(direct.get(n.id)?.ms ?? 0),
          rollup: duration(r.ms),
          estimate: n.timeEstimate ? duration(n.timeEstimate) : null,
          estimate_rollup: duration(r.est),
          running_timer: r.running,
        };
      }),
      nodes_total: nodes.length,
      people: people.map(({ t }) => ({
        id: t.first.userId as number,
        name: factPersonName(t.first),
        removed: t.first.userRemoved,
        time: duration(t.ms),
        entries: t.entries,
        tasks: t.tasks.size,
      })),
      truncated: false,
      hint: null,
    };
    return fitReport(out, [() => [listAt(out, 'people', 3)], () => [listAt(out, 'nodes', 10)]], 'Ask for a subtask to see deeper parts of the tree.');
  }

  /** Per task tracked ÷ own estimate: accurate, under- and over-estimated, accuracy %, unplanned time, worst offenders. */
  async estimationAccuracy(a: ScopeArgValues & { finished_only: boolean; limit: number }): Promise<EstimationAccuracy> {
    const f = await this.ctx.frame(a);
    const finished = a.finished_only ? { categories: ['done' as const, 'closed' as const] } : {};
    // Every task is classified and counted in SQL; only the candidates for the two lists come back.
    const { totals: s, candidates } = await this.ranks.accuracy(this.ctx.taskSet(f, finished), f.now, a.limit);
    const judged = candidates.map((x) => ({
      x,
      id: x.id,
      ms: x.trackedMs,
      est: x.estimateMs,
      diff: x.trackedMs - x.estimateMs,
      c: classifyAccuracy(x.trackedMs, x.estimateMs),
    }));
    const under = judged
      .filter((x) => x.c === 'under_estimated')
      .sort((x, y) => y.diff - x.diff || x.id.localeCompare(y.id))
      .slice(0, a.limit);
    const over = judged
      .filter((x) => x.c === 'over_estimated')
      .sort((x, y) => x.diff - y.diff || x.id.localeCompare(y.id))
      .slice(0, a.limit);
    const line = ({ x, ms, est, diff }: (typeof judged)[number]) => ({
      id: x.id,
      custom_id: x.customId,
      name: x.name,
      list: x.listName,
      time: duration(ms),
      estimate: duration(est),
      ratio: accuracyRatio(ms, est),
      difference: duration(diff),
    });
    const out: EstimationAccuracy = {
      scope: scopeView(f.scope),
      finished_only: a.finished_only,
      estimated_tasks: s.estimatedTasks,
      accurate: s.accurate,
      under_estimated: s.underEstimated,
      over_estimated: s.overEstimated,
      accuracy_percent: percent(s.accurate, s.estimatedTasks),
      estimate: duration(s.estimateMs),
      time_on_estimated: duration(s.trackedOnEstimatedMs),
      unplanned_time: duration(s.unplannedMs),
      tasks_without_estimate: s.tasksWithoutEstimate,
      worst_overruns: under.map(line),
      most_unused: over.map(line),
      truncated: false,
      hint: null,
    };
    return fitReport(out, [() => [listAt(out, 'most_unused', 1), listAt(out, 'worst_overruns', 1)]]);
  }

  /** Unfinished tasks overdue, due within risk_days, or over their estimate, with the reasons. */
  async atRisk(a: ScopeArgValues & { person?: string; risk_days: number; limit: number }): Promise<AtRiskReport> {
    const f = await this.ctx.frame(a);
    const open = this.ctx.taskSet(f, { includeClosed: false, assigneeId: f.person?.id });
    // Every open task is judged and counted in SQL; only the candidates for the first `limit` come back.
    const { counts, candidates } = await this.ranks.atRisk(open, f.now, f.now + a.risk_days * DAY_MS, a.limit);
    const lines = candidates
      .map((t) => ({
        t,
        ms: t.trackedMs,
        reasons: riskReasons({ finished: false, dueMs: t.dueDate, estimateMs: t.timeEstimate, trackedMs: t.trackedMs }, f.now, a.risk_days),
      }))
      .filter((x) => x.reasons.length > 0);
    const rank = (x: (typeof lines)[number]) => (x.reasons[0] === 'overdue' ? 0 : x.reasons[0] === 'due_soon' ? 1 : 2);
    lines.sort(
      (x, y) =>
        rank(x) - rank(y) ||
        (x.t.dueDate ?? 0) - (y.t.dueDate ?? 0) ||
        y.ms - (y.t.timeEstimate ?? 0) - (x.ms - (x.t.timeEstimate ?? 0)) ||
        x.t.id.localeCompare(y.t.id),
    );
    const shown = lines.slice(0, a.limit);
    const details = new Map(
      (
        await this.taskSets.byIds(
          open,
          shown.map((x) => x.t.id),
        )
      ).map((t) => [t.id, t]),
    );
    const out: AtRiskReport = {
      scope: scopeView(f.scope),
      as_of: new Date(f.now).toISOString(),
      risk_days: a.risk_days,
      counts: { total: counts.total, overdue: counts.overdue, due_soon: counts.dueSoon, over_estimate: counts.overEstimate },
      tasks: shown
        .filter((x) => details.has(x.t.id))
        .map(({ t: b, ms, reasons }) => {
          const t = details.get(b.id) as TaskSetRow;
          return {
            ...taskLine(t),
            reasons,
            due_date: iso(t.dueDate),
            days_overdue: t.dueDate !== null && t.dueDate < f.now ? daysOverdue(t.dueDate, f.now) : null,
            time: duration(ms),
            estimate: t.timeEstimate ? duration(t.timeEstimate) : null,
          };
        }),
      truncated: counts.total > a.limit,
      hint: counts.total > a.limit ? `Showing ${a.limit} of ${counts.total}; raise limit, or pass person or a smaller scope.` : null,
    };
    return fitReport(out, [() => [listAt(out, 'tasks', 5)]]);
  }

  /** Tasks with assignees and no time logged at all (active by default). */
  async untracked(a: ScopeArgValues & { person?: string; status: UntrackedStatus; limit: number }): Promise<UntrackedReport> {
    const f = await this.ctx.frame(a);
    const which = a.status === 'active' ? { categories: ['active' as const] } : a.status === 'open' ? { includeClosed: false } : {};
    const filter = { ...which, hasAssignee: true, assigneeId: f.person?.id };
    const set = this.ctx.taskSet(f, filter);
    // Counted and ordered in SQL: only the ids of the first `limit` come back.
    const untracked = await this.ranks.untracked(set, f.now, a.limit);
    const shown = await this.taskSets.byIds(set, untracked.ids);
    const out: UntrackedReport = {
      scope: scopeView(f.scope),
      status: a.status,
      total: untracked.total,
      tasks: shown.map((t) => ({
        ...taskLine(t),
        due_date: iso(t.dueDate),
        date_updated: iso(t.dateUpdated) as string,
      })),
      truncated: untracked.total > a.limit,
      hint: untracked.total > a.limit ? `Showing ${a.limit} of ${untracked.total}; raise limit, or pass person or a smaller scope.` : null,
    };
    return fitReport(out, [() => [listAt(out, 'tasks', 5)]]);
  }
}
