import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../common/time/clock';
import { lastDays } from '../../common/time/period';
import { duration } from '../../common/time/duration';
import { HierarchyService } from '../../mapping/hierarchy.service';
import { summarizeProgress } from './list-progress';
import { TaskQueryRepository } from './task-query.repository';
import { TaskFilter } from './task-query.types';
import { TaskWorkloadRepository } from './task-workload.repository';
import { TimeFactsRepository } from '../time/time-facts.repository';
import { ScopeArgs, TaskQueryService } from './task-query.service';
import { taskSummary } from './task-view.mapper';
import { mergeWorkload } from './workload';
import { DataReadinessService } from '../../sync/data-readiness.service';
import { pageOf } from '../../common/paging/page';

const THROUGHPUT_DAYS = 7;
const DAY_MS = 86_400_000;
/** Recently finished tasks listed by get_list_progress (the count is always complete). */
const RECENT_LIMIT = 10;

/** Aggregate answers about tasks: a list's progress, and workload per person. */
@Injectable()
export class TaskReportService {
  constructor(
    private readonly cfg: AppConfig,
    private readonly hierarchy: HierarchyService,
    private readonly repo: TaskQueryRepository,
    private readonly workloads: TaskWorkloadRepository,
    private readonly timeFacts: TimeFactsRepository,
    private readonly tasks: TaskQueryService,
    private readonly clock: Clock,
    private readonly readiness: DataReadinessService,
  ) {}

  /**
   * Completion of a list (all tasks, and top-level only), tasks per category and status, and
   * throughput: tasks finished in the last 7 × 24 h by their finish time (date_done, else
   * date_closed). Archived tasks are left out unless asked for, as ClickUp's list view does.
   */
  async listProgress(a: { list: string; space?: string; include_archived: boolean }) {
    await this.readiness.assertReportable();
    const ws = await this.hierarchy.workspaceId();
    const space = a.space ? await this.hierarchy.space(ws, a.space) : undefined;
    const l = await this.hierarchy.list(ws, a.list, { spaceId: space?.id });
    const now = this.clock.now();
    const since = now - THROUGHPUT_DAYS * DAY_MS;
    const f: TaskFilter = { workspaceId: ws, listIds: [l.id], includeClosed: true, includeSubtasks: true, includeArchived: a.include_archived };
    const [counts, recent] = await Promise.all([
      this.repo.statusCounts(f, since),
      this.repo.findTasks({ ...f, finishedFrom: since }, 'finished', RECENT_LIMIT, 0, now),
    ]);
    const s = summarizeProgress(counts);
    return {
      list: { id: l.id, name: l.name, space: l.spaceName, folder: l.folderName },
      total: s.total,
      finished: s.finished,
      completion_percent: s.completion_percent,
      top_level: s.top_level,
      by_category: s.by_category,
      by_status: s.by_status,
      finished_last_7_days: {
        count: s.finished_recently,
        from: new Date(since).toISOString(),
        to: new Date(now).toISOString(),
        truncated: recent.length < s.finished_recently,
        tasks: recent.map(taskSummary),
      },
    };
  }

  /**
   * Per person in a scope: open (unfinished, not archived) tasks with their estimate split
   * evenly among assignees, and time logged in the last `days` days (report time zone),
   * attributed to whoever logged it. People with the most open tasks first, `limit` of them;
   * the totals and the unassigned row always cover everyone.
   */
  async workload(a: ScopeArgs & { days: number; limit: number; offset: number }) {
    await this.readiness.assertReportable();
    const ws = await this.hierarchy.workspaceId();
    const { view, spaceId } = await this.tasks.resolveScope(ws, a);
    const now = this.clock.now();
    const timeZone = this.cfg.reports.timeZone;
    const window = lastDays(a.days, { now, timeZone });
    const f: TaskFilter = { ...(await this.tasks.filter(ws, view, {})), includeClosed: false, includeSubtasks: true, includeArchived: false };
    // Time is history (rule 2): entries on tasks whose home is in the scope, archived or not —
    // the same time facts every time report reads.
    const scope = view.kind === 'workspace' ? null : { kind: view.kind, id: view.id, spaceId: spaceId ?? undefined };
    const [open, facts] = await Promise.all([
      this.workloads.openWork(f),
      this.timeFacts.facts({
        workspaceId: ws,
        window: { from: window.from, to: window.to },
        now,
        timeZone,
        scope,
        groupBy: ['person'],
        taskNames: false,
      }),
    ]);
    const logged = facts.map((r) => ({ userId: r.userId!, name: r.userName, email: r.userEmail, loggedMs: r.ms, running: r.running }));
    const w = mergeWorkload(open.rows, logged);
    const loggedTotal = w.people.reduce((s, p) => s + p.loggedMs, 0);
    const page = pageOf(w.people, a.offset, a.limit, 'narrow with space/folder/list');
    return {
      scope: view,
      window: {
        days: a.days,
        from: new Date(window.from).toISOString(),
        to: new Date(window.to).toISOString(),
        first_day: window.firstDay,
        last_day: window.lastDay,
        time_zone: this.cfg.reports.timeZone,
      },
      people_total: page.total,
      truncated: page.truncated,
      offset: page.offset,
      hint: page.hint,
      people: page.items.map((p) => ({
        id: p.id,
        name: p.name,
        email: p.email,
        open_tasks: p.openTasks,
        open_estimate: duration(p.openEstimateMs),
        time_logged: duration(p.loggedMs),
        timer_running: p.timerRunning,
      })),
      unassigned: { open_tasks: w.unassigned.openTasks, open_estimate: duration(w.unassigned.openEstimateMs) },
      totals: { open_tasks: open.total.openTasks, open_estimate: duration(open.total.openEstimateMs), time_logged: duration(loggedTotal) },
    };
  }
}
