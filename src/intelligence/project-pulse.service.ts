import { Injectable } from '@nestjs/common';
import { ReportContextService, ReportFrame } from '../analytics/reports/report-context.service';
import { periodView, scopeView, taskLine } from '../analytics/reports/report-schemas';
import { fitReport, listAt } from '../analytics/reports/result-budget';
import { TaskSetRepository } from '../analytics/reports/task-set.repository';
import { TimeFactsRepository } from '../analytics/time/time-facts.repository';
import { daysOverdue } from '../analytics/reports/formulas/risk';
import { duration } from '../common/time/duration';
import { lastDays } from '../common/time/period';
import { localDate } from '../common/time/zoned-date';
import { StuckReason, stuckReasons } from './formulas/blocked';
import { STALE_DAYS } from './formulas/health';
import { BlockersReport, DigestReport, ProjectAtRiskReport, StandupReport } from './intelligence.schemas';
import { ProjectFactsRepository, StuckRow } from './project-facts.repository';

const DAY_MS = 86_400_000;
const SHOW = 10;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * What a lead reads every morning about a project: the standup, the weekly digest, what is
 * stuck and what is at risk. Every list is short; totals are exact.
 */
@Injectable()
export class ProjectPulseService {
  constructor(
    private readonly ctx: ReportContextService,
    private readonly taskSets: TaskSetRepository,
    private readonly facts: ProjectFactsRepository,
    private readonly time: TimeFactsRepository,
  ) {}

  /** Finished yesterday (calendar day), in progress, blocked, due today, and time logged yesterday per person. */
  async standup(a: { project: string }): Promise<StandupReport> {
    const f = await this.ctx.frame({ project: a.project });
    const yesterday = this.ctx.period({ period: 'yesterday' }, 'yesterday', f.now);
    const today = this.ctx.period({ period: 'today' }, 'today', f.now);
    const activeSet = this.ctx.taskSet(f, { categories: ['active'] });
    const [finished, active, activeTotal, blocked, due, time] = await Promise.all([
      this.taskSets.tasks(this.ctx.taskSet(f, { finishedFrom: yesterday.from, finishedTo: yesterday.to })),
      this.taskSets.tasks(activeSet, 'updated', SHOW),
      this.taskSets.count(activeSet),
      this.stuck(f, STALE_DAYS, (r) => r.filter((x) => x !== 'stale'), SHOW),
      this.taskSets.tasks(this.ctx.taskSet(f, { includeClosed: false, dueFrom: today.from, dueTo: today.to }), 'due'),
      this.time.facts({
        workspaceId: f.ws,
        window: { from: yesterday.from, to: yesterday.to },
        now: f.now,
        timeZone: f.timeZone,
        scope: f.location,
        groupBy: ['person'],
      }),
    ]);
    const out: StandupReport = {
      project: scopeView(f.scope),
      today: today.firstDay,
      yesterday: periodView(yesterday),
      finished_yesterday: finished.slice(0, SHOW).map(taskLine),
      finished_yesterday_total: finished.length,
      in_progress: active.map(taskLine),
      in_progress_total: activeTotal,
      blocked: blocked.shown.map((x) => ({ ...taskLine(x.t), reasons: x.reasons })),
      blocked_total: blocked.total,
      due_today: due.slice(0, SHOW).map((t) => ({ ...taskLine(t), due_date: iso(t.dueDate as number) })),
      due_today_total: due.length,
      // Rows come biggest first: a big team's standup names the top people and counts the rest.
      time_yesterday: time.slice(0, SHOW).map((r) => ({
        id: r.userId as number,
        name: r.userName ?? r.userEmail ?? `user ${r.userId}`,
        time: duration(r.ms),
        running_timer: r.running,
      })),
      time_yesterday_total: duration(time.reduce((s, r) => s + r.ms, 0)),
      time_yesterday_people: time.length,
      truncated: finished.length > SHOW || activeTotal > SHOW || blocked.total > SHOW || due.length > SHOW || time.length > SHOW,
      hint: null,
    };
    if (out.truncated)
      out.hint = `Lists show ${SHOW} tasks (and people) each; the totals are complete. get_tasks_by_status, get_project_blockers and get_employee_time_report list more.`;
    return fitReport(out, [
      () => [
        listAt(out, 'in_progress', 3),
        listAt(out, 'finished_yesterday', 3),
        listAt(out, 'blocked', 3),
        listAt(out, 'due_today', 3),
        listAt(out, 'time_yesterday', 5),
      ],
    ]);
  }

  /** The last 7 days: finished, started, overdue, time per person, top contributors, highlights. */
  async digest(a: { project: string }): Promise<DigestReport> {
    const f = await this.ctx.frame({ project: a.project });
    const week = lastDays(7, { now: f.now, timeZone: f.timeZone });
    const snapshot = await this.taskSets.snapshotBefore(f.ws, week.firstDay);
    const overdueSet = this.ctx.taskSet(f, { overdueAt: f.now });
    const [finished, started, overdue, overdueTotal, time] = await Promise.all([
      this.taskSets.tasks(this.ctx.taskSet(f, { finishedFrom: week.from, finishedTo: week.to })),
      snapshot
        ? this.facts.startedSince(this.ctx.taskSet(f), snapshot).then((ids) => (ids.length ? this.taskSets.tasks(this.ctx.taskSet(f, { ids })) : []))
        : this.taskSets.tasks(this.ctx.taskSet(f, { createdFrom: week.from })),
      this.taskSets.tasks(overdueSet, 'due', 5),
      this.taskSets.count(overdueSet),
      this.time.facts({
        workspaceId: f.ws,
        window: { from: week.from, to: week.to },
        now: f.now,
        timeZone: f.timeZone,
        scope: f.location,
        groupBy: ['person'],
      }),
    ]);
    const finishedBy = new Map<number, number>();
    for (const t of finished) for (const p of t.assignees) finishedBy.set(p.id, (finishedBy.get(p.id) ?? 0) + 1);
    const names = new Map<number, string>([
      ...finished.flatMap((t) => t.assignees.map((p) => [p.id, p.name] as const)),
      ...time.map((r) => [r.userId as number, r.userName ?? r.userEmail ?? `user ${r.userId}`] as const),
    ]);
    const ids = new Set([...finishedBy.keys(), ...time.map((r) => r.userId as number)]);
    const people = [...ids]
      .map((id) => ({ id, name: names.get(id) ?? `user ${id}`, ms: time.find((r) => r.userId === id)?.ms ?? 0, finished: finishedBy.get(id) ?? 0 }))
      .sort((x, y) => y.finished - x.finished || y.ms - x.ms || x.name.localeCompare(y.name));
    const highlights = [...finished]
      .sort((x, y) => (y.timeEstimate ?? 0) - (x.timeEstimate ?? 0) || (y.finishedAt ?? 0) - (x.finishedAt ?? 0))
      .slice(0, 5);
    const out: DigestReport = {
      project: scopeView(f.scope),
      period: periodView(week),
      finished: {
        total: finished.length,
        highlights: highlights.map((t) => ({
          ...taskLine(t),
          estimate: t.timeEstimate ? duration(t.timeEstimate) : null,
          finished_at: iso(t.finishedAt as number),
        })),
      },
      started: { total: started.length, basis: snapshot ? 'snapshot' : 'created', tasks: started.slice(0, 10).map(taskLine) },
      overdue: { total: overdueTotal, tasks: overdue.map((t) => ({ ...taskLine(t), days_overdue: daysOverdue(t.dueDate as number, f.now) })) },
      time: duration(time.reduce((s, r) => s + r.ms, 0)),
      people: people.map((p) => ({ id: p.id, name: p.name, time: duration(p.ms), finished: p.finished })),
      top_contributors: people
        .slice(0, 3)
        .filter((p) => p.finished > 0 || p.ms > 0)
        .map((p) => p.name),
      truncated: false,
      hint: null,
    };
    return fitReport(out, [() => [listAt(out.started, 'tasks', 3), listAt(out, 'people', 5)]]);
  }

  /** Unfinished tasks that are blocked, waiting on an unfinished dependency, waiting, or stale. */
  async blockers(a: { project: string; stale_days: number; limit: number }): Promise<BlockersReport> {
    const f = await this.ctx.frame({ project: a.project });
    const s = await this.stuck(f, a.stale_days, (r) => r, a.limit);
    const counts = {
      blocked: s.count((r) => r.includes('blocked') || r.includes('waiting_on_dependency')),
      waiting: s.count((r) => r.includes('waiting')),
      stale: s.count((r) => r.includes('stale')),
      total: s.total,
    };
    const recommendations = [
      ...(counts.blocked ? [`${counts.blocked} tasks are blocked or wait on unfinished work: clear the blocker, or re-plan around it.`] : []),
      ...(counts.waiting ? [`${counts.waiting} tasks are waiting: ask who they wait for and by when.`] : []),
      ...(counts.stale ? [`${counts.stale} open tasks have not been updated for over ${a.stale_days} days: confirm they are still alive.`] : []),
    ];
    const out: BlockersReport = {
      project: scopeView(f.scope),
      as_of: iso(f.now),
      stale_days: a.stale_days,
      counts,
      tasks: s.shown.map(({ t, reasons }) => ({
        ...taskLine(t),
        reasons,
        waiting_on: t.waitingOn,
        days_since_update: Math.floor((f.now - t.dateUpdated) / DAY_MS),
      })),
      recommendations: recommendations.length ? recommendations : ['Nothing is blocked, waiting or stale.'],
      truncated: s.total > a.limit,
      hint: s.total > a.limit ? `Showing ${a.limit} of ${s.total}; raise limit or narrow the project.` : null,
    };
    return fitReport(out, [() => [listAt(out, 'tasks', 5)]]);
  }

  /**
   * Judges every open task of the project with the stuck rule (formulas/blocked), keeps the
   * reasons `keep` returns, ranks them (blocked, waiting on a dependency, waiting, stale; oldest
   * update first) and loads details for the first `limit` only.
   */
  private async stuck(f: ReportFrame, staleDays: number, keep: (r: StuckReason[]) => StuckReason[], limit: number) {
    const judge = (c: { status: string; waitingOnUnfinished: boolean; dateUpdated: number }) =>
      keep(stuckReasons({ status: c.status, waitingOnUnfinished: c.waitingOnUnfinished, updatedMs: c.dateUpdated }, f.now, staleDays));
    // Stale as isStale has it: not updated for more than staleDays × 24 h.
    const { groups, candidates } = await this.facts.stuckGroups(this.ctx.taskSet(f), f.now - staleDays * DAY_MS, limit);
    const counted = groups.map((g) => ({ tasks: g.tasks, reasons: judge(g) })).filter((g) => g.reasons.length > 0);
    const judged = candidates.map((c) => ({ c, reasons: judge(c) })).filter((x) => x.reasons.length > 0);
    const rank = (r: StuckReason[]) => (r.includes('blocked') ? 0 : r.includes('waiting_on_dependency') ? 1 : r.includes('waiting') ? 2 : 3);
    judged.sort((x, y) => rank(x.reasons) - rank(y.reasons) || x.c.dateUpdated - y.c.dateUpdated || x.c.id.localeCompare(y.c.id));
    const top = judged.slice(0, limit);
    const details = new Map((await this.facts.stuckDetails(top.map((x) => x.c.id))).map((t) => [t.id, t]));
    const count = (pred: (r: StuckReason[]) => boolean) => counted.reduce((n, g) => n + (pred(g.reasons) ? g.tasks : 0), 0);
    return {
      total: count(() => true),
      count,
      shown: top.filter((x) => details.has(x.c.id)).map((x) => ({ t: details.get(x.c.id) as StuckRow, reasons: x.reasons })),
    };
  }

  /** Overdue and due-soon unfinished tasks with the reason; overdue ones show how long past due. */
  async atRisk(a: { project: string; risk_days: number; limit: number }): Promise<ProjectAtRiskReport> {
    const f = await this.ctx.frame({ project: a.project });
    const overdueSet = this.ctx.taskSet(f, { overdueAt: f.now });
    const soonSet = this.ctx.taskSet(f, { includeClosed: false, dueFrom: f.now, dueTo: f.now + a.risk_days * DAY_MS + 1 });
    // Most overdue first, then soonest due: the first `limit` of each is all that can be shown.
    const [overdue, overdueTotal, soon, soonTotal] = await Promise.all([
      this.taskSets.tasks(overdueSet, 'due', a.limit),
      this.taskSets.count(overdueSet),
      this.taskSets.tasks(soonSet, 'due', a.limit),
      this.taskSets.count(soonSet),
    ]);
    const all = [...overdue, ...soon];
    const total = overdueTotal + soonTotal;
    const out: ProjectAtRiskReport = {
      project: scopeView(f.scope),
      as_of: iso(f.now),
      risk_days: a.risk_days,
      counts: { overdue: overdueTotal, due_soon: soonTotal },
      tasks: all.slice(0, a.limit).map((t) => {
        const late = (t.dueDate as number) < f.now;
        return {
          ...taskLine(t),
          reason: late ? ('overdue' as const) : ('due_soon' as const),
          due_date: iso(t.dueDate as number),
          overdue_by: late ? duration(f.now - (t.dueDate as number)) : null,
          due_in: late ? null : duration((t.dueDate as number) - f.now),
        };
      }),
      recommendations: [
        ...(overdueTotal
          ? [
              `${overdueTotal} tasks are overdue (the oldest since ${localDate(overdue[0].dueDate as number, f.timeZone)}): re-plan their dates or close them.`,
            ]
          : []),
        ...(soonTotal ? [`${soonTotal} tasks are due within ${a.risk_days} days: check their owners have room.`] : []),
        ...(!total ? ['Nothing is overdue or due soon.'] : []),
      ],
      truncated: total > a.limit,
      hint: total > a.limit ? `Showing ${a.limit} of ${total}; raise limit or narrow the project.` : null,
    };
    return fitReport(out, [() => [listAt(out, 'tasks', 5)]]);
  }
}
