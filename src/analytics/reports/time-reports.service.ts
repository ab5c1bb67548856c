import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { duration } from '../../common/time/duration';
import { ScopeResolverService } from '../../mapping/scope-resolver.service';
import { TimeFactsRepository } from '../time/time-facts.repository';
import { TimeDimension, TimeFactRow, TimeFactsQuery } from '../time/time-facts.types';
import { byTimeDesc, factPersonName, grandTotal, rowsBy, totalsBy } from './fact-totals';
import { utilization } from './formulas/numbers';
import { PeriodArgValues, ScopeArgValues } from './report-args';
import { ReportContextService, ReportFrame } from './report-context.service';
import { periodView, scopeView, timeSplit } from './report-schemas';
import { fitReport, listAt } from './result-budget';
import { TaskSetRepository } from './task-set.repository';
import { EmployeeReport, FolderReport, SpaceProjectReport, YesterdayReport } from './time-reports.schemas';

export type FolderGrouping = 'list' | 'person' | 'status' | 'task';

/**
 * Time reports: where logged time went in a period, per project, list, person, status or task.
 * Every number is clipped time from TimeFactsRepository (rule 3), split billable / non-billable,
 * with utilization for people (rule 9).
 */
@Injectable()
export class TimeReportsService {
  constructor(
    private readonly ctx: ReportContextService,
    private readonly facts: TimeFactsRepository,
    private readonly taskSets: TaskSetRepository,
    private readonly scopes: ScopeResolverService,
  ) {}

  private window(f: ReportFrame, p: { from: number; to: number }, groupBy: TimeDimension[], extra: Partial<TimeFactsQuery> = {}) {
    return this.facts.facts({
      workspaceId: f.ws,
      window: { from: p.from, to: p.to },
      now: f.now,
      timeZone: f.timeZone,
      scope: f.location,
      userIds: f.person ? [f.person.id] : undefined,
      groupBy,
      ...extra,
    });
  }

  /** Each project of a space (folder, or folderless list) with time, estimate, tasks and people; inactive ones listed. */
  async spaceProjects(a: PeriodArgValues & { space: string }): Promise<SpaceProjectReport> {
    const f = await this.ctx.frame({ space: a.space });
    if (f.scope.kind !== 'space') {
      throw new DomainError(
        `'${a.space}' is a ${f.scope.kind}, not a space: get_space_project_time_report covers a space's projects; use get_folder_time_report or get_employee_time_report with ${f.scope.kind}.`,
      );
    }
    const period = this.ctx.period(a, 'this_month', f.now);
    const [perProject, perPerson, projects, counts] = await Promise.all([
      this.window(f, period, ['project'], { countTasks: true }),
      this.window(f, period, ['project', 'person']),
      this.scopes.projectsOf(f.ws, f.scope.id),
      this.taskSets.projectTaskCounts(this.ctx.taskSet(f)),
    ]);
    const capacity = this.ctx.capacity(period);
    const key = (kind: string | null, id: string | null) => `${kind}:${id}`;
    const count = new Map(counts.map((c) => [key(c.kind, c.id), c.tasks]));
    const known = new Map(projects.map((p) => [key(p.kind, p.id), p]));
    const active = perProject.map((r) => {
      const k = key(r.projectKind, r.projectId);
      const p = known.get(k);
      const people = perPerson
        .filter((x) => key(x.projectKind, x.projectId) === k)
        .map((x) => ({ id: x.userId as number, name: factPersonName(x), ms: x.ms }));
      return {
        kind: (r.projectKind ?? 'list') as 'folder' | 'list',
        id: r.projectId ?? '',
        name: p?.name ?? r.projectName ?? r.projectId ?? 'unknown',
        archived: p?.archived ?? false,
        ...timeSplit(r.ms, r.billableMs),
        estimate: duration(r.tasksEstimateMs ?? 0),
        tasks_with_time: r.tasks ?? 0,
        total_tasks: count.get(k) ?? 0,
        people: byTimeDesc(people).map((x) => ({ id: x.id, name: x.name, time: duration(x.ms) })),
        people_total: people.length,
        ms: r.ms,
      };
    });
    const inactive = projects
      .filter((p) => !p.archived && !perProject.some((r) => key(r.projectKind, r.projectId) === key(p.kind, p.id)))
      .map((p) => ({ kind: p.kind, id: p.id, name: p.name, total_tasks: count.get(key(p.kind, p.id)) ?? 0 }));
    const people = byTimeDesc([...totalsBy(perPerson, (r) => r.userId).values()].map((t) => ({ t, ms: t.ms, name: factPersonName(t.first) }))).map(
      ({ t }) => ({
        id: t.first.userId as number,
        name: factPersonName(t.first),
        removed: t.first.userRemoved,
        ...timeSplit(t.ms, t.billableMs),
        capacity: duration(capacity),
        utilization_percent: utilization(t.ms, capacity),
      }),
    );
    const total = grandTotal(perProject);
    const out: SpaceProjectReport = {
      space: scopeView(f.scope),
      period: periodView(period),
      ...timeSplit(total.ms, total.billableMs),
      tasks_with_time: perProject.reduce((n, r) => n + (r.tasks ?? 0), 0),
      projects_total: projects.length,
      projects: byTimeDesc(active).map(({ ms: _ms, ...x }) => x),
      inactive_projects: inactive.sort((x, y) => x.name.localeCompare(y.name)),
      people,
      people_total: people.length,
      truncated: false,
      hint: null,
    };
    return fitReport(out, [
      () => out.projects.map((p) => listAt(p, 'people', 3)),
      () => [listAt(out, 'inactive_projects', 3)],
      () => [listAt(out, 'people', 5)],
      () => [listAt(out, 'projects', 3)],
    ]);
  }

  /** A folder's time per list, person, status or task. */
  async folder(a: PeriodArgValues & { folder: string; space?: string; group_by: FolderGrouping }): Promise<FolderReport> {
    const f = await this.ctx.frame({ folder: a.folder, space: a.space });
    if (f.scope.kind !== 'folder')
      throw new DomainError(`'${a.folder}' is a ${f.scope.kind}, not a folder: use get_employee_time_report with ${f.scope.kind}.`);
    const period = this.ctx.period(a, 'this_month', f.now);
    const dim: TimeDimension = a.group_by === 'list' ? 'list' : a.group_by === 'person' ? 'person' : a.group_by === 'status' ? 'status' : 'task';
    const [rows, all] = await Promise.all([
      this.window(f, period, [dim], dim === 'task' ? {} : { countTasks: true }),
      dim === 'task' ? Promise.resolve(null) : this.window(f, period, [], { countTasks: true }),
    ]);
    const capacity = this.ctx.capacity(period);
    const idOf = (r: TimeFactRow): string | null =>
      dim === 'list' ? r.listId : dim === 'person' ? String(r.userId) : dim === 'status' ? r.status : r.taskId;
    const nameOf = (r: TimeFactRow): string =>
      dim === 'list'
        ? (r.listName ?? r.listId ?? 'unknown list')
        : dim === 'person'
          ? factPersonName(r)
          : dim === 'status'
            ? (r.status ?? 'no status')
            : (r.taskName ?? r.taskId ?? 'unknown task');
    const groups = byTimeDesc(rows.map((r) => ({ r, ms: r.ms, name: nameOf(r) }))).map(({ r, name }) => ({
      id: idOf(r),
      name,
      ...timeSplit(r.ms, r.billableMs),
      tasks_with_time: dim === 'task' ? 1 : (r.tasks ?? 0),
      entries: r.entries,
      ...(dim === 'person' ? { utilization_percent: utilization(r.ms, capacity) } : {}),
    }));
    const total = grandTotal(rows);
    const out: FolderReport = {
      folder: scopeView(f.scope),
      period: periodView(period),
      group_by: a.group_by,
      ...timeSplit(total.ms, total.billableMs),
      tasks_with_time: dim === 'task' ? rows.length : (all?.[0]?.tasks ?? 0),
      groups,
      groups_total: groups.length,
      truncated: false,
      hint: null,
    };
    return fitReport(out, [() => [listAt(out, 'groups', 5)]]);
  }

  /** Per person: total, billable split, utilization, projects and tasks; people without time named. */
  async employee(a: PeriodArgValues & ScopeArgValues & { person?: string }): Promise<EmployeeReport> {
    const f = await this.ctx.frame(a);
    const period = this.ctx.period(a, 'this_week', f.now);
    const detail = f.person ? 50 : 5;
    // One scan, three groupings: per person, each person's top projects and top tasks.
    const [rows, roster] = await Promise.all([
      this.window(f, period, ['person', 'project', 'task'], {
        sets: [['person'], ['person', 'project'], ['person', 'task']],
        top: { by: ['person'], limit: detail },
      }),
      this.ctx.rosterOf(f),
    ]);
    const perPerson = rows.filter((r) => r.set === 0);
    const projects = rows.filter((r) => r.set === 1);
    const tasks = rows.filter((r) => r.set === 2);
    const capacity = this.ctx.capacity(period);
    const projectsOf = rowsBy(projects, (x) => x.userId);
    const tasksOf = rowsBy(tasks, (x) => x.userId);
    const people = byTimeDesc(perPerson.map((r) => ({ r, ms: r.ms, name: factPersonName(r) }))).map(({ r }) => {
      const mineP = projectsOf.get(r.userId) ?? [];
      const mineT = tasksOf.get(r.userId) ?? [];
      return {
        id: r.userId as number,
        name: factPersonName(r),
        removed: r.userRemoved,
        ...timeSplit(r.ms, r.billableMs),
        capacity: duration(capacity),
        utilization_percent: utilization(r.ms, capacity),
        running_timer: r.running,
        projects: mineP.map((x) => ({ id: x.projectId, name: x.projectId ? (x.projectName ?? x.projectId) : 'no task', time: duration(x.ms) })),
        projects_total: mineP[0]?.partitionGroups ?? 0,
        tasks: mineT.map((x) => ({
          id: x.taskId,
          custom_id: x.taskCustomId,
          name: x.taskId ? (x.taskName ?? x.taskId) : 'no task',
          time: duration(x.ms),
        })),
        tasks_total: mineT[0]?.partitionGroups ?? 0,
      };
    });
    const logged = new Set(people.map((p) => p.id));
    const idle = roster
      .filter((p) => !logged.has(p.id))
      .map((p) => p.name)
      .sort((x, y) => x.localeCompare(y));
    const total = grandTotal(perPerson);
    const out: EmployeeReport = {
      scope: scopeView(f.scope),
      period: periodView(period),
      ...timeSplit(total.ms, total.billableMs),
      capacity_per_person: duration(capacity),
      people,
      people_total: people.length,
      no_time_logged: idle,
      no_time_logged_total: idle.length,
      truncated: false,
      hint: null,
    };
    return fitReport(out, [
      () => out.people.map((p) => listAt(p, 'tasks', 1)),
      () => out.people.map((p) => listAt(p, 'projects', 1)),
      () => [listAt(out, 'no_time_logged', 10)],
      () => [listAt(out, 'people', 3)],
    ]);
  }

  /** Yesterday (calendar day, report zone): time per person and task, and the tasks finished. */
  async yesterday(a: ScopeArgValues & { person?: string }): Promise<YesterdayReport> {
    const f = await this.ctx.frame(a);
    const period = this.ctx.period({ period: 'yesterday' }, 'yesterday', f.now);
    const [rows, finished, roster] = await Promise.all([
      this.window(f, period, ['person', 'task']),
      this.taskSets.tasks(this.ctx.taskSet(f, { finishedFrom: period.from, finishedTo: period.to, assigneeId: f.person?.id }), 'updated'),
      this.ctx.rosterOf(f),
    ]);
    const rowsOf = rowsBy(rows, (r) => r.userId);
    const people = byTimeDesc([...totalsBy(rows, (r) => r.userId).values()].map((t) => ({ t, ms: t.ms, name: factPersonName(t.first) }))).map(
      ({ t }) => {
        const tasks = byTimeDesc(
          [...totalsBy(rowsOf.get(t.first.userId) ?? [], (r) => r.taskId).values()].map((x) => ({
            id: x.first.taskId ?? '',
            custom_id: x.first.taskCustomId,
            name: x.first.taskId ? (x.first.taskName ?? x.first.taskId) : 'no task',
            ms: x.ms,
          })),
        );
        return {
          id: t.first.userId as number,
          name: factPersonName(t.first),
          removed: t.first.userRemoved,
          ...timeSplit(t.ms, t.billableMs),
          running_timer: t.running,
          tasks: tasks.map(({ ms, ...x }) => ({ ...x, time: duration(ms) })),
          tasks_total: tasks.length,
        };
      },
    );
    const logged = new Set(people.map((p) => p.id));
    const total = grandTotal(rows);
    const out: YesterdayReport = {
      scope: scopeView(f.scope),
      period: periodView(period),
      ...timeSplit(total.ms, total.billableMs),
      people,
      people_total: people.length,
      finished: finished
        .sort((x, y) => (x.finishedAt ?? 0) - (y.finishedAt ?? 0) || x.id.localeCompare(y.id))
        .map((t) => ({
          id: t.id,
          custom_id: t.customId,
          name: t.name,
          status: t.status,
          list: t.listName,
          assignees: t.assignees.map((x) => x.name),
          finished_at: new Date(t.finishedAt as number).toISOString(),
        })),
      finished_total: finished.length,
      no_time_logged: roster
        .filter((p) => !logged.has(p.id))
        .map((p) => p.name)
        .sort((x, y) => x.localeCompare(y)),
      truncated: false,
      hint: null,
    };
    return fitReport(out, [
      () => out.people.map((p) => listAt(p, 'tasks', 2)),
      () => [listAt(out, 'finished', 5), listAt(out, 'no_time_logged', 10)],
      () => [listAt(out, 'people', 3)],
    ]);
  }
}
