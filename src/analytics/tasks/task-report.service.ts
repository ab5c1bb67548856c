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
import { ScopeArgs, TaskQueryService } from './task-query.service';
import { taskSummary } from './task-view.mapper';
import { mergeWorkload } from './workload';
import { DataReadinessService } from '../../sync/data-readiness.service';

const THROUGHPUT_DAYS = 7;
const DAY_MS = 86_400_000;
/** Recently finished tasks listed by get_list_progress (the count is always complete). */
const RECENT_LIMIT = 20;

/** Aggregate answers about tasks: a list's progress, and workload per person. */
@Injectable()
export class TaskReportService {
  constructor(
    private readonly cfg: AppConfig,
    private readonly hierarchy: HierarchyService,
    private readonly repo: TaskQueryRepository,
    private readonly workloads: TaskWorkloadRepository,
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
    const f: TaskFilter = { workspaceId: ws, scope: { kind: 'list', id: l.id }, includeClosed: true, includeSubtasks: true, includeArchived: a.include_archived };
    const [counts, recent] = await Promise.all([
      this.repo.statusCounts(f, since),
      this.repo.findTasks({ ...f, finishedFrom: since }, 'finished', RECENT_LIMIT, 0, now),
    ]);
    const s = summarizeProgress(counts);
    return {
      list: { id: l.id, name: l.name, space: l.spaceName, folder: l.folderName },
      total: s.total, finished: s.finished, completion_percent: s.completion_percent, top_level: s.top_level,
      by_category: s.by_category, by_status: s.by_status,
      finished_last_7_days: {
        count: s.finished_recently, from: new Date(since).toISOString(), to: new Date(now).toISOString(),
        truncated: recent.length < s.finished_recently, tasks: recent.map(taskSummary),
      },
    };
  }

  /**
   * Per person in a scope: open (unfinished, not archived) tasks with their estimate split
   * evenly among assignees, and time logged in the last `days` days (report time zone),
   * attributed to whoever logged it.
   */
  async workload(a: ScopeArgs & { days: number }) {
    await this.readiness.assertReportable();
    const ws = await this.hierarchy.workspaceId();
    const { view, scope } = await this.tasks.resolveScope(ws, a);
    const now = this.clock.now();
    const window = lastDays(a.days, { now, timeZone: this.cfg.reports.timeZone });
    const f: TaskFilter = { workspaceId: ws, scope, includeClosed: false, includeSubtasks: true, includeArchived: false };
    const [open, logged] = await Promise.all([this.workloads.openWork(f), this.workloads.loggedTime(ws, scope, window.from, window.to, now)]);
    const w = mergeWorkload(open.rows, logged);
    const loggedTotal = w.people.reduce((s, p) => s + p.loggedMs, 0);
    return {
      scope: view,
      window: {
        days: a.days, from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString(),
        first_day: window.firstDay, last_day: window.lastDay, time_zone: this.cfg.reports.timeZone,
      },
      people: w.people.map((p) => ({
        id: p.id, name: p.name, email: p.email, open_tasks: p.openTasks, open_estimate: duration(p.openEstimateMs),
        time_logged: duration(p.loggedMs), timer_running: p.timerRunning,
      })),
      unassigned: { open_tasks: w.unassigned.openTasks, open_estimate: duration(w.unassigned.openEstimateMs) },
      totals: { open_tasks: open.total.openTasks, open_estimate: duration(open.total.openEstimateMs), time_logged: duration(loggedTotal) },
    };
  }
}
