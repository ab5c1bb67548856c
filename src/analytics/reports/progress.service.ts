import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { localDate, startOfLocalDay } from '../../common/time/zoned-date';
import { parseDateBound } from '../tasks/task-inputs';
import { ScopeArgValues } from './report-args';
import { ReportContextService } from './report-context.service';
import { scopeView, taskLine } from './report-schemas';
import { fitReport, listAt } from './result-budget';
import { TaskSetRepository } from './task-set.repository';
import { ProgressSince } from './task-time.schemas';

const countBy = <T>(xs: T[], key: (x: T) => string): Record<string, number> =>
  xs.reduce<Record<string, number>>((acc, x) => ((acc[key(x)] = (acc[key(x)] ?? 0) + 1), acc), {});

/**
 * What moved since a point in time: tasks finished (by date_done, else date_closed), tasks
 * created, and status changes. Status changes come from the daily snapshots — the status now
 * against the last snapshot before `since` — and, when no snapshot is that old, from the tasks
 * updated since (and the answer says which).
 */
@Injectable()
export class ProgressService {
  constructor(
    private readonly ctx: ReportContextService,
    private readonly taskSets: TaskSetRepository,
  ) {}

  async since(a: ScopeArgValues & { since?: string; include_archived: boolean; limit: number }): Promise<ProgressSince> {
    const f = await this.ctx.frame(a);
    const tz = f.timeZone;
    const since =
      a.since === undefined
        ? startOfLocalDay(this.ctx.period({ period: 'this_week' }, 'this_week', f.now).firstDay, tz)
        : parseDateBound('since', a.since, 'from', tz);
    if (since > f.now)
      throw new DomainError(`since (${new Date(since).toISOString()}) is in the future; pass a past date (YYYY-MM-DD in ${tz}) or time.`);
    const set = { ...this.ctx.taskSet(f), includeArchived: a.include_archived };
    const snapshot = await this.taskSets.snapshotBefore(f.ws, localDate(since, tz));
    const [finished, created, changes] = await Promise.all([
      this.taskSets.tasks({ ...set, finishedFrom: since }),
      this.taskSets.tasks({ ...set, createdFrom: since }),
      snapshot
        ? this.taskSets.statusChanges(set, snapshot)
        : this.taskSets.tasks({ ...set, updatedFrom: since }).then((ts) => ts.map((t) => ({ ...t, was: null }))),
    ]);
    finished.sort((x, y) => (y.finishedAt ?? 0) - (x.finishedAt ?? 0) || x.id.localeCompare(y.id));
    const out: ProgressSince = {
      scope: scopeView(f.scope),
      since: new Date(since).toISOString(),
      as_of: new Date(f.now).toISOString(),
      finished: {
        total: finished.length,
        done: finished.filter((t) => t.category === 'done').length,
        closed: finished.filter((t) => t.category === 'closed').length,
        main_tasks: finished.filter((t) => !t.parentId).length,
        subtasks: finished.filter((t) => t.parentId).length,
        tasks: finished.slice(0, a.limit).map((t) => ({
          ...taskLine(t),
          finished_at: new Date(t.finishedAt as number).toISOString(),
          subtask: !!t.parentId,
        })),
      },
      created: {
        total: created.length,
        main_tasks: created.filter((t) => !t.parentId).length,
        subtasks: created.filter((t) => t.parentId).length,
        by_category: countBy(created, (t) => t.category),
      },
      status_changes: {
        basis: snapshot ? 'snapshot' : 'updated_since',
        snapshot_date: snapshot,
        total: changes.length,
        by_category: countBy(changes, (t) => t.category),
        changes: changes
          .slice(0, a.limit)
          .map((t) => ({ id: t.id, custom_id: t.customId, name: t.name, from: t.was, to: t.status, category: t.category })),
      },
      truncated: finished.length > a.limit || changes.length > a.limit,
      hint:
        finished.length > a.limit || changes.length > a.limit
          ? `Lists show ${a.limit} items; totals are complete. Raise limit or narrow the scope.`
          : null,
    };
    return fitReport(out, [() => [listAt(out.status_changes, 'changes', 3), listAt(out.finished, 'tasks', 3)]]);
  }
}
