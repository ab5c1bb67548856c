import { Injectable } from '@nestjs/common';
import { percent } from '../analytics/reports/formulas/numbers';
import { ReportContextService, ReportFrame } from '../analytics/reports/report-context.service';
import { TimeFactsRepository } from '../analytics/time/time-facts.repository';
import { DomainError } from '../common/errors/domain-error';
import { Period } from '../common/time/period';
import { ProjectHealthService } from '../intelligence/project-health.service';
import { listIdsOf } from '../mapping/hierarchy-structure';
import { HierarchyService } from '../mapping/hierarchy.service';
import { ProjectRegistryService, RegistryEntryView } from '../mapping/project-registry.service';
import { ProjectKind } from '../mapping/project-target';
import { locationPath } from '../mapping/registry-check';
import { ResolvedScope } from '../mapping/scope-resolver.service';
import { CategoryCounts, ProjectActivityRepository } from './project-activity.repository';

export interface ProjectStatus {
  project: { alias: string | null; type: ProjectKind; id: string; name: string; location: string; archived: boolean };
  /** Finished ÷ all tasks (non-archived, subtasks included), one decimal; null without tasks. */
  progressPct: number | null;
  tasks: { total: number } & CategoryCounts;
  overdue: number;
  health: Awaited<ReturnType<ProjectHealthService['now']>>;
  /** Time logged on the project's tasks (Reporting rule 2), per week. */
  thisWeekMs: number;
  lastWeekMs: number;
  lastActivity: number | null;
}

export interface Weeks {
  thisWeek: Period;
  lastWeek: Period;
}

/** Projects whose status is computed at once (each is a handful of small queries). */
const DASHBOARD_PARALLEL = 4;

/** Time per home list in a period: every project's time is a sum over its lists. */
type TimeByList = Map<string, number>;

/**
 * The project dashboard: progress, tasks by category, overdue, the health grade (the one
 * formula, ProjectHealthService), time logged this week and last (the one time source,
 * TimeFactsRepository) and the last activity — for one project or every tracked one.
 */
@Injectable()
export class ProjectStatusService {
  constructor(
    private readonly ctx: ReportContextService,
    private readonly health: ProjectHealthService,
    private readonly facts: TimeFactsRepository,
    private readonly activity: ProjectActivityRepository,
    private readonly registry: ProjectRegistryService,
    private readonly hierarchy: HierarchyService,
  ) {}

  weeks(now: number): Weeks {
    return {
      thisWeek: this.ctx.period({ period: 'this_week' }, 'this_week', now),
      lastWeek: this.ctx.period({ period: 'last_week' }, 'last_week', now),
    };
  }

  /** One project: a registry alias, or any space, folder or list. */
  async status(project: string): Promise<{ status: ProjectStatus; weeks: Weeks }> {
    const frame = await this.ctx.frame({ project });
    const weeks = this.weeks(frame.now);
    const [thisWeek, lastWeek] = await Promise.all([
      this.timeByList(frame.ws, weeks.thisWeek, frame.now),
      this.timeByList(frame.ws, weeks.lastWeek, frame.now),
    ]);
    return { status: await this.statusOf(frame, thisWeek, lastWeek, null), weeks };
  }

  /** Every tracked project; entries whose target is gone are listed apart, with why. */
  async dashboard(): Promise<{ rows: ProjectStatus[]; unavailable: { alias: string; reason: string }[]; weeks: Weeks; total: number }> {
    const ws = await this.registry.workspaceId();
    const entries = await this.registry.list(ws);
    const now = this.ctx.now();
    const weeks = this.weeks(now);
    const [thisWeek, lastWeek, activity] = await Promise.all([
      this.timeByList(ws, weeks.thisWeek, now),
      this.timeByList(ws, weeks.lastWeek, now),
      this.activity.lastActivityByList(ws, now),
    ]);
    const rows: ProjectStatus[] = [];
    const unavailable: { alias: string; reason: string }[] = [];
    const one = async (e: RegistryEntryView): Promise<ProjectStatus | { alias: string; reason: string }> => {
      if (e.state === 'deleted')
        return {
          alias: e.alias,
          reason: `${e.type} ${e.name} (${e.id}) is no longer in ClickUp; remove_project '${e.alias}' or point it elsewhere.`,
        };
      try {
        return await this.statusOf(await this.ctx.frame({ project: e.alias }), thisWeek, lastWeek, activity);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        return { alias: e.alias, reason: err.message };
      }
    };
    // A few projects at a time: a PostgreSQL pool answers them in parallel, in registry order.
    for (let i = 0; i < entries.length; i += DASHBOARD_PARALLEL) {
      for (const r of await Promise.all(entries.slice(i, i + DASHBOARD_PARALLEL).map(one))) {
        if ('reason' in r) unavailable.push(r);
        else rows.push(r);
      }
    }
    return { rows, unavailable, weeks, total: entries.length };
  }

  /** Registry entries with the last activity of each live target. */
  async entries(): Promise<{ entry: RegistryEntryView; lastActivity: number | null }[]> {
    const ws = await this.registry.workspaceId();
    const [entries, activity, index] = await Promise.all([
      this.registry.list(ws),
      this.activity.lastActivityByList(ws, this.ctx.now()),
      this.hierarchy.nameIndex(ws),
    ]);
    return entries.map((entry) => ({
      entry,
      lastActivity: entry.state === 'deleted' ? null : latestOf(listIdsOf(entry.type, entry.id, index), activity),
    }));
  }

  /** `activity`: last activity per list when many projects are computed at once; null: one scoped query. */
  private async statusOf(
    frame: ReportFrame,
    thisWeek: TimeByList,
    lastWeek: TimeByList,
    activity: Map<string, number> | null,
  ): Promise<ProjectStatus> {
    const scope = frame.scope;
    if (scope.kind === 'workspace') throw new DomainError('Name a project: an alias, or a space, folder or list.');
    const [health, byCategory, scoped, index] = await Promise.all([
      this.health.now(frame),
      this.activity.categoryCounts(this.ctx.taskSet(frame)),
      activity ? Promise.resolve(null) : this.activity.lastActivity(frame.ws, { kind: scope.kind, id: scope.id }, frame.now),
      this.hierarchy.nameIndex(frame.ws),
    ]);
    const lists = listIdsOf(scope.kind, scope.id, index);
    const lastActivity = activity ? latestOf(lists, activity) : scoped;
    const sum = (m: TimeByList) => lists.reduce((n, id) => n + (m.get(id) ?? 0), 0);
    const i = health.inputs;
    return {
      project: { alias: scope.alias, type: scope.kind, id: scope.id, name: scope.name, location: locationOf(scope, index), archived: scope.archived },
      progressPct: percent(i.finished, i.all),
      tasks: { total: i.all, ...byCategory },
      overdue: i.overdueActive,
      health,
      thisWeekMs: sum(thisWeek),
      lastWeekMs: sum(lastWeek),
      lastActivity,
    };
  }

  /** Time logged per home list in the period (entries clipped to it, running timers up to now). */
  private async timeByList(ws: string, p: Period, now: number): Promise<TimeByList> {
    const rows = await this.facts.facts({
      workspaceId: ws,
      window: { from: p.from, to: p.to },
      now,
      timeZone: p.timeZone,
      scope: null,
      groupBy: ['list'],
    });
    return new Map(rows.filter((r) => r.listId !== null).map((r) => [r.listId as string, r.ms]));
  }
}

function latestOf(listIds: string[], byList: Map<string, number>): number | null {
  let latest: number | null = null;
  for (const id of listIds) {
    const at = byList.get(id);
    if (at !== undefined && (latest === null || at > latest)) latest = at;
  }
  return latest;
}

function locationOf(scope: ResolvedScope, index: Awaited<ReturnType<HierarchyService['nameIndex']>>): string {
  if (scope.kind === 'folder') return index.folders.find((f) => f.id === scope.id)?.spaceName ?? '';
  if (scope.kind === 'list') {
    const l = index.lists.find((x) => x.id === scope.id);
    return l ? locationPath('list', l) : '';
  }
  return '';
}
