import { StatusCategory } from '../../common/status-category';
import { MatchedIn, SearchTerms } from './task-search-terms';

/** The filter and row shapes of the task repositories (database terms: epoch ms, camelCase). */
export type TaskScopeKind = 'space' | 'folder' | 'list';

export interface TaskFilter {
  workspaceId: string;
  /**
   * Only tasks whose home is in this space, folder or list, rule 4 applied in SQL (the reports'
   * task sets). The tasks tools pass `listIds`/`excludeListIds` instead; give one or the other.
   */
  scope?: { kind: TaskScopeKind; id: string } | null;
  /**
   * Only tasks whose home list is one of these: the lists of the scope, rule 4 already applied
   * (HierarchyService.listIdsIn). Undefined: every list.
   */
  listIds?: string[];
  /** Leave out tasks of these lists (the workspace scope: lists archived in the workspace). */
  excludeListIds?: string[];
  /** Status names, matched case-insensitively. */
  statuses?: string[];
  categories?: StatusCategory[];
  assigneeId?: number;
  /** Epoch ms; `to` bounds are exclusive. */
  dueFrom?: number;
  dueTo?: number;
  updatedFrom?: number;
  updatedTo?: number;
  /** Finished (done/closed) at or after this instant. */
  finishedFrom?: number;
  /** Finished (done/closed) before this instant. */
  finishedTo?: number;
  /** Created at or after this instant. */
  createdFrom?: number;
  /** Unfinished with a due date before this instant. */
  overdueAt?: number;
  search?: SearchTerms;
  /** Only these tasks. */
  ids?: string[];
  /** true: only tasks with an own estimate > 0; false: only tasks without one. */
  hasEstimate?: boolean;
  /** true: only tasks with at least one assignee; false: only unassigned tasks. */
  hasAssignee?: boolean;
  /** false: leave out finished tasks (done and closed categories). */
  includeClosed: boolean;
  includeSubtasks: boolean;
  /** false: leave out archived tasks, and tasks in archived containers below the scope (through `scope` or the list ids). */
  includeArchived: boolean;
}

export type TaskOrder = 'updated' | 'created' | 'due' | 'priority' | 'finished' | 'relevance';

export interface TaskRow {
  id: string;
  customId: string | null;
  name: string;
  status: string;
  category: StatusCategory;
  priority: number | null;
  listId: string;
  listName: string;
  parentId: string | null;
  assignees: { id: number; name: string }[];
  dueDate: number | null;
  dateCreated: number;
  dateUpdated: number;
  dateDone: number | null;
  dateClosed: number | null;
  timeEstimate: number | null;
  archived: boolean;
  /** Σ of the task's own time entries; a running timer counts up to `now`. */
  directMs: number;
  running: boolean;
  /** Only for searches. */
  matchedIn: MatchedIn | null;
}

export interface TaskDetailRow {
  id: string;
  customId: string | null;
  name: string;
  url: string | null;
  status: string;
  category: StatusCategory;
  priority: number | null;
  archived: boolean;
  description: string | null;
  tags: string[];
  dateCreated: number;
  dateUpdated: number;
  startDate: number | null;
  dueDate: number | null;
  dateDone: number | null;
  dateClosed: number | null;
  timeEstimate: number | null;
  list: { id: string; name: string };
  folder: { id: string; name: string } | null;
  space: { id: string; name: string };
  parent: { id: string; name: string } | null;
  creator: { id: number; name: string } | null;
  assignees: { id: number; name: string; email: string | null }[];
  watchers: { id: number; name: string }[];
  extraLists: { id: string; name: string }[];
}

export interface TaskRefRow {
  id: string;
  customId: string | null;
  name: string;
  listId: string;
}

export interface TaskCandidateRow {
  id: string;
  customId: string | null;
  name: string;
  listName: string;
  exact: boolean;
}

export interface DependencyRow {
  direction: 'waiting_on' | 'blocking';
  id: string;
  customId: string | null;
  name: string;
  status: string;
  category: StatusCategory;
}

/** What a tree needs of every task in it (roll-ups, order, rule 4); full rows only for the shown ones. */
export interface TreeSkeletonRow {
  id: string;
  parentId: string | null;
  timeEstimate: number | null;
  archived: boolean;
  dateCreated: number;
  /** Filled in by the direct-time read. */
  directMs: number;
  running: boolean;
}
