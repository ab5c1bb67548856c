import { duration } from '../../common/time/duration';
import { priorityName } from './task-inputs';
import { DependencyRow, TaskDetailRow, TaskRow } from './task-query.types';
import { Forest, TreeNode } from './task-tree';
import { DependencyView, TaskDetailView, TaskNodeView, TaskSummary } from './task-views';

/** Repository rows → the tools' output shapes. Pure. */

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
/** Enough for a real description; keeps get_task's answer near 8,000 characters at worst. */
const DESCRIPTION_MAX = 3000;

export function taskSummary(r: TaskRow): TaskSummary {
  return {
    id: r.id,
    custom_id: r.customId,
    name: r.name,
    status: r.status,
    category: r.category,
    priority: priorityName(r.priority),
    list: { id: r.listId, name: r.listName },
    parent_id: r.parentId,
    assignees: r.assignees.map((a) => a.name),
    due_date: iso(r.dueDate),
    date_updated: iso(r.dateUpdated) as string,
    time_logged: duration(r.directMs),
    timer_running: r.running,
    estimate: r.timeEstimate === null ? null : duration(r.timeEstimate),
  };
}

export function taskNode(n: TreeNode<TaskRow>): TaskNodeView {
  const t = n.task;
  return {
    id: t.id,
    custom_id: t.customId,
    name: t.name,
    status: t.status,
    category: t.category,
    list: { id: t.listId, name: t.listName },
    assignees: t.assignees.map((a) => a.name),
    time: { direct: duration(t.directMs), rollup: duration(n.rollupMs), running: n.runningInTree },
    estimate: { direct: t.timeEstimate === null ? null : duration(t.timeEstimate), rollup: duration(n.estimateRollupMs) },
    subtask_count: n.childCount,
    descendant_count: n.descendantCount,
    subtasks_truncated: n.childrenTruncated,
    subtasks: n.children.map(taskNode),
  };
}

function dependency(d: DependencyRow): DependencyView {
  return { id: d.id, custom_id: d.customId, name: d.name, status: d.status, category: d.category };
}

/** One task with its subtree (`forest` built from the task alone) and its dependencies. */
export function taskDetail(d: TaskDetailRow, forest: Forest<TaskRow>, deps: DependencyRow[]): TaskDetailView {
  const root = forest.roots[0];
  const description = d.description ?? null;
  return {
    id: d.id,
    custom_id: d.customId,
    name: d.name,
    url: d.url,
    status: d.status,
    category: d.category,
    priority: priorityName(d.priority),
    archived: d.archived,
    description: description && description.length > DESCRIPTION_MAX ? description.slice(0, DESCRIPTION_MAX) : description,
    description_truncated: (description?.length ?? 0) > DESCRIPTION_MAX,
    assignees: d.assignees,
    watchers: d.watchers,
    creator: d.creator,
    tags: d.tags,
    dates: {
      created: iso(d.dateCreated) as string,
      updated: iso(d.dateUpdated) as string,
      start: iso(d.startDate),
      due: iso(d.dueDate),
      done: iso(d.dateDone),
      closed: iso(d.dateClosed),
    },
    estimate: { direct: d.timeEstimate === null ? null : duration(d.timeEstimate), rollup: duration(root?.estimateRollupMs ?? d.timeEstimate ?? 0) },
    time: { direct: duration(root?.task.directMs ?? 0), rollup: duration(root?.rollupMs ?? 0), running: root?.runningInTree ?? false },
    location: { space: d.space, folder: d.folder, list: d.list },
    extra_lists: d.extraLists,
    parent: d.parent,
    subtask_total: root?.descendantCount ?? 0,
    subtasks_truncated: forest.truncated,
    subtasks: (root?.children ?? []).map(taskNode),
    dependencies: {
      waiting_on: deps.filter((x) => x.direction === 'waiting_on').map(dependency),
      blocking: deps.filter((x) => x.direction === 'blocking').map(dependency),
    },
  };
}
