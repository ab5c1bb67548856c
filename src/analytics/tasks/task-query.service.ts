import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { Clock } from '../../common/time/clock';
import { STATUS_CATEGORIES, StatusCategory } from '../../common/status-category';
import { duration } from '../../common/time/duration';
import { ambiguousError, DomainError, truncate } from '../../common/errors/domain-error';
import { HierarchyService } from '../../mapping/hierarchy.service';
import { ResolvedScope, ScopeResolverService } from '../../mapping/scope-resolver.service';
import { summarizeProgress } from './list-progress';
import { daysOverdue } from '../reports/formulas/risk';
import { parseDateRange } from './task-inputs';
import { TaskQueryRepository } from './task-query.repository';
import { TaskFilter, TaskOrder, TaskRefRow, TaskScopeKind } from './task-query.types';
import { searchTerms } from './task-search-terms';
import { buildForest } from './task-tree';
import { taskDetail, taskNode, taskSummary } from './task-view.mapper';
import { OverdueTask, ScopeView, SearchHit, StatusCount, TaskDetailView, TaskNodeView, TaskSummary } from './task-views';
import { DataReadinessService } from '../../sync/data-readiness.service';

export interface ScopeArgs {
  space?: string;
  folder?: string;
  list?: string;
}

export interface InclusionArgs {
  include_closed: boolean;
  include_subtasks: boolean;
  include_archived: boolean;
}

export interface PageArgs {
  limit: number;
  offset: number;
}

export interface GetTasksArgs extends ScopeArgs, InclusionArgs, PageArgs {
  statuses?: string[];
  category?: StatusCategory;
  assignee?: string;
  due_from?: string;
  due_to?: string;
  updated_from?: string;
  updated_to?: string;
  order_by: Exclude<TaskOrder, 'relevance' | 'finished'>;
}

export interface PersonView {
  id: number;
  name: string;
  email: string | null;
}

/** Subtasks shown under get_task; deeper/wider trees are cut (and say so), roll-ups stay whole. */
const DETAIL_NODE_LIMIT = 200;
const CANDIDATES = 8;

/**
 * Read answers about tasks, from the synced database only (rule 1). Scope and person arguments
 * resolve through HierarchyService (names or ids, "did you mean" errors).
 */
@Injectable()
export class TaskQueryService {
  constructor(
    private readonly cfg: AppConfig,
    private readonly hierarchy: HierarchyService,
    private readonly repo: TaskQueryRepository,
    private readonly clock: Clock,
    private readonly scopes: ScopeResolverService,
    private readonly readiness: DataReadinessService,
  ) {}

  private get timeZone(): string {
    return this.cfg.reports.timeZone;
  }

  async resolveScope(ws: string, a: ScopeArgs): Promise<{ view: ScopeView; scope: { kind: TaskScopeKind; id: string } | null }> {
    const s = await this.scopes.scope(ws, a);
    return { view: { kind: s.kind, id: s.id, name: s.name }, scope: s.kind === 'workspace' ? null : { kind: s.kind, id: s.id } };
  }

  async resolvePerson(ws: string, given: string): Promise<PersonView> {
    const p = await this.scopes.person(ws, given);
    return { id: p.id, name: p.name, email: p.email };
  }

  /**
   * A task by id or custom id; failing that, by its exact name when only one task has it. Else
   * an error listing tasks whose names contain the text, so the caller can retry with an id.
   */
  async resolveTask(ws: string, given: string): Promise<TaskRefRow> {
    const ref = await this.repo.findTaskRef(ws, given);
    if (ref) return ref;
    const candidates = await this.repo.taskNameCandidates(ws, given, CANDIDATES);
    const label = (c: (typeof candidates)[number]) => ({ id: c.customId ?? c.id, name: `${c.name} [list ${c.listName}]` });
    const exact = candidates.filter((c) => c.exact);
    if (exact.length === 1) {
      const byName = await this.repo.findTaskRef(ws, exact[0].id);
      if (byName) return byName;
    }
    if (exact.length > 1) throw ambiguousError('task', given, exact.map(label));
    const hint = candidates.length
      ? ` Tasks with that in their name: ${candidates.map(label).map((c) => `${c.name} (${c.id})`).join(', ')}.`
      : ' search_tasks finds tasks by keyword.';
    throw new DomainError(`No task has the id or custom id '${truncate(given)}'.${hint}`);
  }

  private filter(ws: string, scope: TaskFilter['scope'], inc: Partial<InclusionArgs>): TaskFilter {
    return {
      workspaceId: ws, scope,
      includeClosed: inc.include_closed ?? false, includeSubtasks: inc.include_subtasks ?? true, includeArchived: inc.include_archived ?? false,
    };
  }

  private async page(f: TaskFilter, order: TaskOrder, limit: number, offset: number, now: number) {
    const [total, rows] = await Promise.all([this.repo.countTasks(f), this.repo.findTasks(f, order, limit, offset, now)]);
    return { total, rows, truncated: offset + rows.length < total };
  }

  async getTasks(a: GetTasksArgs) {
    const ws = await this.hierarchy.workspaceId();
    const { view, scope } = await this.resolveScope(ws, a);
    const person = a.assignee ? await this.resolvePerson(ws, a.assignee) : null;
    const due = parseDateRange(['due_from', 'due_to'], a.due_from, a.due_to, this.timeZone);
    const updated = parseDateRange(['updated_from', 'updated_to'], a.updated_from, a.updated_to, this.timeZone);
    const f: TaskFilter = {
      ...this.filter(ws, scope, a),
      // Asking for a status or a finished category by name is asking for those tasks, closed or not.
      includeClosed: a.include_closed || !!a.statuses?.length || a.category === 'done' || a.category === 'closed',
      statuses: a.statuses, categories: a.category ? [a.category] : undefined, assigneeId: person?.id,
      dueFrom: due.from, dueTo: due.to, updatedFrom: updated.from, updatedTo: updated.to,
    };
    const p = await this.page(f, a.order_by, a.limit, a.offset, this.clock.now());
    return { scope: view, assignee: person, total: p.total, truncated: p.truncated, offset: a.offset, tasks: p.rows.map(taskSummary) };
  }

  async getTask(given: string): Promise<TaskDetailView> {
    const ws = await this.hierarchy.workspaceId();
    const ref = await this.resolveTask(ws, given);
    return this.detail(ws, ref.id);
  }

  /** The stored task with subtree roll-ups and dependencies (also what the write tools return). */
  async detail(ws: string, id: string): Promise<TaskDetailView> {
    const now = this.clock.now();
    const [d, nodes, deps] = await Promise.all([this.repo.taskDetail(ws, id), this.repo.subtreeNodes(ws, [id], now), this.repo.dependencies(id)]);
    if (!d) throw new DomainError(`Task ${id} is not in the synced data (deleted, or not synced yet).`);
    return taskDetail(d, buildForest(nodes, [id], DETAIL_NODE_LIMIT + 1), deps);
  }

  async search(a: ScopeArgs & PageArgs & { query: string; include_closed: boolean; include_archived: boolean }) {
    const ws = await this.hierarchy.workspaceId();
    const { view, scope } = await this.resolveScope(ws, a);
    const f: TaskFilter = { ...this.filter(ws, scope, a), search: searchTerms(a.query) };
    const p = await this.page(f, 'relevance', a.limit, a.offset, this.clock.now());
    const results: SearchHit[] = p.rows.map((r) => ({ ...taskSummary(r), matched_in: r.matchedIn ?? 'name_and_description' }));
    return { scope: view, query: a.query, total: p.total, truncated: p.truncated, offset: a.offset, results };
  }

  /** A project: a registry alias, or a space, folder or list by id or name (the one scope resolver). */
  resolveProject(ws: string, given: string): Promise<ResolvedScope> {
    return this.scopes.project(ws, given);
  }

  async projectTasks(a: PageArgs & InclusionArgs & { project: string }) {
    const ws = await this.hierarchy.workspaceId();
    const target = await this.resolveProject(ws, a.project);
    if (target.kind === 'workspace') throw new DomainError('A project is a space, folder or list.');
    const f = this.filter(ws, { kind: target.kind, id: target.id }, a);
    const [p, counts] = await Promise.all([this.page(f, 'updated', a.limit, a.offset, this.clock.now()), this.repo.statusCounts(f)]);
    return {
      project: { kind: target.kind, id: target.id, name: target.name, label: target.label },
      by_category: summarizeProgress(counts).by_category,
      total: p.total, truncated: p.truncated, offset: a.offset, tasks: p.rows.map(taskSummary),
    };
  }

  /** The tree under one task, or every tree of a list, each node with direct/rollup time and estimate. */
  async hierarchyOf(a: { task?: string; list?: string; space?: string; include_archived: boolean; node_limit: number }) {
    if (!a.task && !a.list) throw new DomainError('Pass `task` (id, custom id or exact name) for one tree, or `list` (name or id) for all trees of a list.');
    // Rollups sum time over whole trees: a half-synced tree would give a confident wrong total.
    await this.readiness.assertReportable();
    const ws = await this.hierarchy.workspaceId();
    let root: { kind: 'task' | 'list'; id: string; name: string };
    let rootIds: string[];
    if (a.task) {
      const ref = await this.resolveTask(ws, a.task);
      root = { kind: 'task', id: ref.id, name: ref.name };
      rootIds = [ref.id];
    } else {
      const space = a.space ? await this.hierarchy.space(ws, a.space) : undefined;
      const l = await this.hierarchy.list(ws, a.list as string, { spaceId: space?.id });
      root = { kind: 'list', id: l.id, name: l.name };
      rootIds = await this.repo.listTreeRootIds(ws, l.id, a.include_archived);
    }
    const nodes = rootIds.length ? await this.repo.subtreeNodes(ws, rootIds, this.clock.now()) : [];
    const forest = buildForest(nodes, rootIds, a.node_limit);
    const trees: TaskNodeView[] = forest.roots.map(taskNode);
    return {
      root, total_nodes: forest.totalNodes, shown_nodes: forest.shownNodes, truncated: forest.truncated,
      total_time: duration(forest.totalDirectMs), total_estimate: duration(forest.totalEstimateMs), trees,
    };
  }

  async overdue(a: ScopeArgs & PageArgs & { assignee?: string; include_archived: boolean }) {
    const ws = await this.hierarchy.workspaceId();
    const { view, scope } = await this.resolveScope(ws, a);
    const person = a.assignee ? await this.resolvePerson(ws, a.assignee) : null;
    const now = this.clock.now();
    const f: TaskFilter = { ...this.filter(ws, scope, a), assigneeId: person?.id, overdueAt: now };
    const p = await this.page(f, 'due', a.limit, a.offset, now);
    const tasks: OverdueTask[] = p.rows.map((r) => ({
      ...taskSummary(r), days_overdue: daysOverdue(r.dueDate as number, now), overdue_by: duration(now - (r.dueDate as number)),
    }));
    return { scope: view, assignee: person, as_of: new Date(now).toISOString(), total: p.total, truncated: p.truncated, offset: a.offset, tasks };
  }

  async byAssignee(a: ScopeArgs & InclusionArgs & { assignee: string; limit: number }) {
    const ws = await this.hierarchy.workspaceId();
    const { view, scope } = await this.resolveScope(ws, a);
    const person = await this.resolvePerson(ws, a.assignee);
    const f: TaskFilter = { ...this.filter(ws, scope, a), assigneeId: person.id };
    const [rows, counts] = await Promise.all([this.repo.findTasksPerCategory(f, 'due', a.limit, this.clock.now()), this.repo.statusCounts(f)]);
    const byCategory = summarizeProgress(counts).by_category;
    const categories = STATUS_CATEGORIES.filter((c) => a.include_closed || (c !== 'done' && c !== 'closed'));
    const groups = categories.map((category) => {
      const tasks: TaskSummary[] = rows.filter((r) => r.category === category).map(taskSummary);
      return { category, count: byCategory[category], truncated: tasks.length < byCategory[category], tasks };
    });
    return { person, scope: view, total: groups.reduce((s, g) => s + g.count, 0), groups };
  }

  async byStatus(a: ScopeArgs & PageArgs & { status?: string; category?: StatusCategory; include_subtasks: boolean; include_archived: boolean }) {
    if (!a.status && !a.category) throw new DomainError('Pass `status` (a status name such as "in review") or `category` (not_started, active, done or closed).');
    const ws = await this.hierarchy.workspaceId();
    const { view, scope } = await this.resolveScope(ws, a);
    const base = this.filter(ws, scope, { ...a, include_closed: true });
    const statusCounts = this.countsPerStatus(await this.repo.statusCounts(base));
    if (a.status) {
      const wanted = a.status.trim().toLowerCase();
      if (!statusCounts.some((s) => s.status.toLowerCase() === wanted)) {
        const inUse = statusCounts.slice(0, 20).map((s) => `${s.status} (${s.count})`).join(', ');
        throw new DomainError(`No task in ${view.name} has the status '${truncate(a.status)}'.${inUse ? ` Statuses in use: ${inUse}.` : ' It has no tasks.'}`);
      }
    }
    const f: TaskFilter = { ...base, statuses: a.status ? [a.status] : undefined, categories: a.category ? [a.category] : undefined };
    const p = await this.page(f, 'updated', a.limit, a.offset, this.clock.now());
    return {
      scope: view, status: a.status ?? null, category: a.category ?? null, status_counts: statusCounts,
      total: p.total, truncated: p.truncated, offset: a.offset, tasks: p.rows.map(taskSummary),
    };
  }

  private countsPerStatus(rows: Awaited<ReturnType<TaskQueryRepository['statusCounts']>>): StatusCount[] {
    return summarizeProgress(rows).by_status;
  }
}
