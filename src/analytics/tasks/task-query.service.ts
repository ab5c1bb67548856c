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
import { TaskFilter, TaskOrder, TaskRefRow, TaskRow, TreeSkeletonRow } from './task-query.types';
import { moreHint } from '../../common/paging/page';
import { searchTerms } from './task-search-terms';
import { buildForest, Forest, TreeNode, withoutArchivedBranches } from './task-tree';
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

/**
 * Subtasks shown under get_task: two levels, at most this many (the answer stays small; the
 * counts say what is folded, get_task_hierarchy shows the rest). Roll-ups stay whole.
 */
const DETAIL_NODE_LIMIT = 8;
const DETAIL_DEPTH = 2;
const CANDIDATES = 8;

/** How each listing tells the caller to narrow a long answer. */
const NARROW = {
  tasks: 'narrow with space/folder/list, assignee, statuses, category or due/updated dates',
  search: 'add words, or limit it to a space/folder/list',
  project: 'name a folder or list instead, or pass include_subtasks=false',
  overdue: 'narrow with space/folder/list or assignee',
  status: 'narrow with space/folder/list or include_subtasks=false',
};

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

  /** The scope named by space/folder/list (aliases too), and the space it is in (null for the workspace). */
  async resolveScope(ws: string, a: ScopeArgs): Promise<{ view: ScopeView; spaceId: string | null }> {
    const s = await this.scopes.scope(ws, a);
    return { view: { kind: s.kind, id: s.id, name: s.name }, spaceId: s.spaceId };
  }

  /**
   * The home lists a scope's answer covers (rule 4): the scope's lists minus those archived
   * inside it unless `includeArchived`. The workspace is "everything but the archived lists",
   * so tasks of a list the hierarchy does not know yet are not lost.
   */
  async scopeLists(ws: string, scope: ScopeView, includeArchived: boolean): Promise<Pick<TaskFilter, 'listIds' | 'excludeListIds'>> {
    if (scope.kind !== 'workspace') return { listIds: await this.hierarchy.listIdsIn(ws, scope, includeArchived) };
    return includeArchived ? {} : { excludeListIds: await this.hierarchy.archivedListIds(ws) };
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
      ? ` Tasks with that in their name: ${candidates
          .map(label)
          .map((c) => `${c.name} (${c.id})`)
          .join(', ')}.`
      : ' search_tasks finds tasks by keyword.';
    throw new DomainError(`No task has the id or custom id '${truncate(given)}'.${hint}`);
  }

  async filter(ws: string, scope: ScopeView, inc: Partial<InclusionArgs>): Promise<TaskFilter> {
    const includeArchived = inc.include_archived ?? false;
    return {
      workspaceId: ws,
      ...(await this.scopeLists(ws, scope, includeArchived)),
      includeClosed: inc.include_closed ?? false,
      includeSubtasks: inc.include_subtasks ?? true,
      includeArchived,
    };
  }

  private async page(f: TaskFilter, order: TaskOrder, limit: number, offset: number, now: number, narrow: string) {
    const [total, rows] = await Promise.all([this.repo.countTasks(f), this.repo.findTasks(f, order, limit, offset, now)]);
    return paged(rows, total, offset, narrow);
  }

  async getTasks(a: GetTasksArgs) {
    const ws = await this.hierarchy.workspaceId();
    const { view } = await this.resolveScope(ws, a);
    const person = a.assignee ? await this.resolvePerson(ws, a.assignee) : null;
    const due = parseDateRange(['due_from', 'due_to'], a.due_from, a.due_to, this.timeZone);
    const updated = parseDateRange(['updated_from', 'updated_to'], a.updated_from, a.updated_to, this.timeZone);
    const f: TaskFilter = {
      ...(await this.filter(ws, view, a)),
      // Asking for a status or a finished category by name is asking for those tasks, closed or not.
      includeClosed: a.include_closed || !!a.statuses?.length || a.category === 'done' || a.category === 'closed',
      statuses: a.statuses,
      categories: a.category ? [a.category] : undefined,
      assigneeId: person?.id,
      dueFrom: due.from,
      dueTo: due.to,
      updatedFrom: updated.from,
      updatedTo: updated.to,
    };
    const p = await this.page(f, a.order_by, a.limit, a.offset, this.clock.now(), NARROW.tasks);
    return { scope: view, assignee: person, total: p.total, truncated: p.truncated, offset: a.offset, hint: p.hint, tasks: p.rows.map(taskSummary) };
  }

  async getTask(given: string): Promise<TaskDetailView> {
    const ws = await this.hierarchy.workspaceId();
    const ref = await this.resolveTask(ws, given);
    return this.detail(ws, ref.id);
  }

  /** The stored task with subtree roll-ups and dependencies (also what the write tools return). */
  async detail(ws: string, id: string): Promise<TaskDetailView> {
    const now = this.clock.now();
    const [d, forest, deps] = await Promise.all([
      this.repo.taskDetail(ws, id),
      this.forest(ws, { ids: [id] }, now, { nodeLimit: DETAIL_NODE_LIMIT + 1, depth: DETAIL_DEPTH, includeArchived: true }),
      this.repo.dependencies(id),
    ]);
    if (!d) throw new DomainError(`Task ${id} is not in the synced data (deleted, or not synced yet).`);
    return taskDetail(d, forest, deps);
  }

  /**
   * The forest under the roots: every live task below them at any depth (parent links, one
   * statement), with direct time for all of them (roll-ups and totals cover everything) but
   * full rows only for the nodes shown. Three round trips whatever the size.
   */
  private async forest(
    ws: string,
    anchor: { ids: string[] } | { listId: string; includeArchived: boolean },
    now: number,
    o: { nodeLimit: number; depth: number; includeArchived: boolean },
  ): Promise<Forest<TaskRow>> {
    const { rootIds, nodes: skeletons } = await this.repo.treeSkeleton(ws, anchor);
    const all = new Map(skeletons.map((n) => [n.id, n]));
    const times = all.size ? await this.repo.directTimes([...all.keys()], now) : new Map<string, { directMs: number; running: boolean }>();
    // Oldest first, as the statement ordered them.
    let nodes = [...all.values()].map((n) => ({ ...n, ...(times.get(n.id) ?? {}) }));
    // Rule 4: without include_archived an archived subtask is left out, and everything under it.
    if (!o.includeArchived) nodes = withoutArchivedBranches(nodes, rootIds);
    const skeleton = buildForest(nodes, rootIds, o.nodeLimit, o.depth);
    const shown: string[] = [];
    const collect = (n: TreeNode<TreeSkeletonRow>) => {
      shown.push(n.task.id);
      n.children.forEach(collect);
    };
    skeleton.roots.forEach(collect);
    const rows = new Map((shown.length ? await this.repo.taskNodes(ws, shown, now) : []).map((r) => [r.id, r]));
    // A task deleted between the two reads drops out of what is shown (the totals still count it).
    const full = (n: TreeNode<TreeSkeletonRow>): TreeNode<TaskRow> | null => {
      const task = rows.get(n.task.id);
      return task ? { ...n, task, children: n.children.map(full).filter((c): c is TreeNode<TaskRow> => c !== null) } : null;
    };
    return { ...skeleton, roots: skeleton.roots.map(full).filter((r): r is TreeNode<TaskRow> => r !== null) };
  }

  async search(a: ScopeArgs & PageArgs & { query: string; include_closed: boolean; include_archived: boolean }) {
    const ws = await this.hierarchy.workspaceId();
    const { view } = await this.resolveScope(ws, a);
    const f: TaskFilter = { ...(await this.filter(ws, view, a)), search: searchTerms(a.query) };
    // Ranking reads every match anyway: count them in the same pass.
    const found = await this.repo.findTasksWithTotal(f, 'relevance', a.limit, a.offset, this.clock.now());
    const p = paged(found.rows, found.total ?? (await this.repo.countTasks(f)), a.offset, NARROW.search);
    const results: SearchHit[] = p.rows.map((r) => ({ ...taskSummary(r), matched_in: r.matchedIn ?? 'name_and_description' }));
    return { scope: view, query: a.query, total: p.total, truncated: p.truncated, offset: a.offset, hint: p.hint, results };
  }

  /** A project: a registry alias, or a space, folder or list by id or name (the one scope resolver). */
  resolveProject(ws: string, given: string): Promise<ResolvedScope> {
    return this.scopes.project(ws, given);
  }

  async projectTasks(a: PageArgs & InclusionArgs & { project: string }) {
    const ws = await this.hierarchy.workspaceId();
    const target = await this.resolveProject(ws, a.project);
    if (target.kind === 'workspace') throw new DomainError('A project is a space, folder or list.');
    const f = await this.filter(ws, { kind: target.kind, id: target.id, name: target.name }, a);
    const [p, counts] = await Promise.all([this.page(f, 'updated', a.limit, a.offset, this.clock.now(), NARROW.project), this.repo.statusCounts(f)]);
    return {
      project: { kind: target.kind, id: target.id, name: target.name, label: target.label },
      by_category: summarizeProgress(counts).by_category,
      total: p.total,
      truncated: p.truncated,
      offset: a.offset,
      hint: p.hint,
      tasks: p.rows.map(taskSummary),
    };
  }

  /**
   * The tree under one task, or every tree of a list, each node with direct/rollup time and
   * estimate. Shows `depth` levels below the roots and at most `node_limit` nodes (breadth
   * first); what is folded is counted on its parent. Roll-ups and totals cover everything.
   */
  async hierarchyOf(a: { task?: string; list?: string; space?: string; include_archived: boolean; node_limit: number; depth: number }) {
    if (!a.task && !a.list)
      throw new DomainError('Pass `task` (id, custom id or exact name) for one tree, or `list` (name or id) for all trees of a list.');
    // Rollups sum time over whole trees: a half-synced tree would give a confident wrong total.
    await this.readiness.assertReportable();
    const ws = await this.hierarchy.workspaceId();
    let root: { kind: 'task' | 'list'; id: string; name: string };
    let anchor: { ids: string[] } | { listId: string; includeArchived: boolean };
    if (a.task) {
      const ref = await this.resolveTask(ws, a.task);
      root = { kind: 'task', id: ref.id, name: ref.name };
      anchor = { ids: [ref.id] };
    } else {
      const space = a.space ? await this.hierarchy.space(ws, a.space) : undefined;
      const l = await this.hierarchy.list(ws, a.list as string, { spaceId: space?.id });
      root = { kind: 'list', id: l.id, name: l.name };
      anchor = { listId: l.id, includeArchived: a.include_archived };
    }
    const forest = await this.forest(ws, anchor, this.clock.now(), { nodeLimit: a.node_limit, depth: a.depth, includeArchived: a.include_archived });
    const trees: TaskNodeView[] = forest.roots.map(taskNode);
    const hint = forest.truncated
      ? `Showing ${forest.shownNodes} of ${forest.totalNodes} tasks (${a.depth} levels, node_limit ${a.node_limit}): ` +
        (root.kind === 'list'
          ? 'pass `task` with one of the ids for its whole tree, or raise depth/node_limit.'
          : 'raise depth or node_limit, or pass a subtask id as `task`.')
      : null;
    return {
      root,
      total_nodes: forest.totalNodes,
      shown_nodes: forest.shownNodes,
      truncated: forest.truncated,
      hint,
      total_time: duration(forest.totalDirectMs),
      total_estimate: duration(forest.totalEstimateMs),
      trees,
    };
  }

  async overdue(a: ScopeArgs & PageArgs & { assignee?: string; include_archived: boolean }) {
    const ws = await this.hierarchy.workspaceId();
    const { view } = await this.resolveScope(ws, a);
    const person = a.assignee ? await this.resolvePerson(ws, a.assignee) : null;
    const now = this.clock.now();
    const f: TaskFilter = { ...(await this.filter(ws, view, a)), assigneeId: person?.id, overdueAt: now };
    const p = await this.page(f, 'due', a.limit, a.offset, now, NARROW.overdue);
    const tasks: OverdueTask[] = p.rows.map((r) => ({
      ...taskSummary(r),
      days_overdue: daysOverdue(r.dueDate as number, now),
      overdue_by: duration(now - (r.dueDate as number)),
    }));
    return {
      scope: view,
      assignee: person,
      as_of: new Date(now).toISOString(),
      total: p.total,
      truncated: p.truncated,
      offset: a.offset,
      hint: p.hint,
      tasks,
    };
  }

  /** A person's tasks per category; `limit` per category defaults to what keeps the answer small (8, or 4 for four categories). */
  async byAssignee(a: ScopeArgs & InclusionArgs & { assignee: string; limit?: number }) {
    const limit = a.limit ?? (a.include_closed ? 4 : 8);
    const ws = await this.hierarchy.workspaceId();
    const { view } = await this.resolveScope(ws, a);
    const person = await this.resolvePerson(ws, a.assignee);
    const f: TaskFilter = { ...(await this.filter(ws, view, a)), assigneeId: person.id };
    const [rows, counts] = await Promise.all([this.repo.findTasksPerCategory(f, 'due', limit, this.clock.now()), this.repo.statusCounts(f)]);
    const byCategory = summarizeProgress(counts).by_category;
    const categories = STATUS_CATEGORIES.filter((c) => a.include_closed || (c !== 'done' && c !== 'closed'));
    const groups = categories.map((category) => {
      const tasks: TaskSummary[] = rows.filter((r) => r.category === category).map(taskSummary);
      return { category, count: byCategory[category], truncated: tasks.length < byCategory[category], tasks };
    });
    const cut = groups.filter((g) => g.truncated).map((g) => g.category);
    const hint = cut.length
      ? `Showing the first ${limit} per category (${cut.join(', ')} have more): get_tasks with assignee and category pages through one category, or narrow with space/folder/list.`
      : null;
    return { person, scope: view, total: groups.reduce((s, g) => s + g.count, 0), hint, groups };
  }

  async byStatus(a: ScopeArgs & PageArgs & { status?: string; category?: StatusCategory; include_subtasks: boolean; include_archived: boolean }) {
    if (!a.status && !a.category)
      throw new DomainError('Pass `status` (a status name such as "in review") or `category` (not_started, active, done or closed).');
    const ws = await this.hierarchy.workspaceId();
    const { view } = await this.resolveScope(ws, a);
    const base = await this.filter(ws, view, { ...a, include_closed: true });
    const statusCounts = this.countsPerStatus(await this.repo.statusCounts(base));
    if (a.status) {
      const wanted = a.status.trim().toLowerCase();
      if (!statusCounts.some((s) => s.status.toLowerCase() === wanted)) {
        const inUse = statusCounts
          .slice(0, 20)
          .map((s) => `${s.status} (${s.count})`)
          .join(', ');
        throw new DomainError(
          `No task in ${view.name} has the status '${truncate(a.status)}'.${inUse ? ` Statuses in use: ${inUse}.` : ' It has no tasks.'}`,
        );
      }
    }
    const f: TaskFilter = { ...base, statuses: a.status ? [a.status] : undefined, categories: a.category ? [a.category] : undefined };
    const p = await this.page(f, 'updated', a.limit, a.offset, this.clock.now(), NARROW.status);
    return {
      scope: view,
      status: a.status ?? null,
      category: a.category ?? null,
      status_counts: statusCounts,
      total: p.total,
      truncated: p.truncated,
      offset: a.offset,
      hint: p.hint,
      tasks: p.rows.map(taskSummary),
    };
  }

  private countsPerStatus(rows: Awaited<ReturnType<TaskQueryRepository['statusCounts']>>): StatusCount[] {
    return summarizeProgress(rows).by_status;
  }
}

/** A page of rows with its exact total and, when more follow, how to get them or narrow. */
function paged<T>(rows: T[], total: number, offset: number, narrow: string) {
  const truncated = offset + rows.length < total;
  return { rows, total, truncated, hint: truncated ? moreHint(offset, rows.length, total, narrow) : null };
}
