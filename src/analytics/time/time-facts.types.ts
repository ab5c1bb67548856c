import { StatusCategory } from '../../common/status-category';
import { TaskFilter } from '../tasks/task-query.types';

/** What time can be grouped by. `project` is the folder of the home list, or the folderless list itself. */
export const TIME_DIMENSIONS = ['person', 'day', 'task', 'list', 'folder', 'project', 'space', 'status', 'tag', 'billable'] as const;
export type TimeDimension = (typeof TIME_DIMENSIONS)[number];

export interface TimeFactsQuery {
  workspaceId: string;
  /** [from, to) in epoch ms; null = all history (lifetime totals: nothing clipped). */
  window: { from: number; to: number } | null;
  /** Running timers count up to this instant. */
  now: number;
  /** Day boundaries for the `day` dimension (local midnights). */
  timeZone: string;
  /** Entries on tasks whose home list is now in this container (Reporting rule 2); null = everything, no-task entries included. */
  scope?: { kind: 'space' | 'folder' | 'list'; id: string; spaceId?: string } | null;
  /** Only entries logged by these people. */
  userIds?: number[];
  /** Only entries on these tasks. */
  taskIds?: string[];
  /**
   * Only entries on tasks matching this filter (task-set reports, Reporting rule 5: the scope's
   * non-archived tasks). Entries without a task never match.
   */
  tasks?: TaskFilter;
  groupBy: TimeDimension[];
  /** false: leave task names out (a join per group) when the caller only needs task ids. Default true. */
  taskNames?: boolean;
  /** Count per group the distinct tasks with time and sum their own estimates (not with the task dimension). */
  countTasks?: boolean;
  /**
   * Several groupings in one scan (GROUPING SETS): each a list of dimensions out of groupBy; each
   * row says which set it belongs to. `top` then ranks within each set.
   */
  sets?: TimeDimension[][];
  /** The longest stopped entry (ms) when the caller already knows it: the scan's lower bound becomes a plain value. */
  longestMs?: number;
  /** Keep only the `limit` biggest groups within each partition of `by` (dimensions among groupBy). */
  top?: { by: TimeDimension[]; limit: number };
}

/** One group of clipped time. Fields of dimensions not grouped by are null. */
export interface TimeFactRow {
  userId: number | null;
  userName: string | null;
  userEmail: string | null;
  userRemoved: boolean;
  /** Local date (YYYY-MM-DD) in the query's zone. */
  day: string | null;
  taskId: string | null;
  taskName: string | null;
  taskCustomId: string | null;
  taskParentId: string | null;
  taskListId: string | null;
  taskStatus: string | null;
  /** The task's own estimate (ms), with task names. */
  taskEstimate: number | null;
  listId: string | null;
  listName: string | null;
  folderId: string | null;
  folderName: string | null;
  spaceId: string | null;
  spaceName: string | null;
  projectKind: 'folder' | 'list' | null;
  projectId: string | null;
  projectName: string | null;
  status: string | null;
  statusCategory: StatusCategory | null;
  /** A time-entry tag; null = untagged. */
  tag: string | null;
  billable: boolean | null;
  /** Clipped time in ms (a running timer up to `now`). */
  ms: number;
  billableMs: number;
  /** Entries contributing (an entry split over days counts in each day's group; with several tags, in each tag's). */
  entries: number;
  /** A running timer contributes. */
  running: boolean;
  /** With `top`: how many groups the row's partition has in all. */
  partitionGroups: number | null;
  /** With `sets`: the index of the grouping set of the row. */
  set: number | null;
  /** With `countTasks`: distinct tasks with time in the group, and the sum of their own estimates. */
  tasks: number | null;
  tasksEstimateMs: number | null;
}
