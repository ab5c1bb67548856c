import { StatusCategory } from '../../common/status-category';
import { Duration } from '../../common/time/duration';
import { PriorityName } from './task-inputs';
import { MatchedIn } from './task-search-terms';

/**
 * What the task services answer with: plain objects in the tools' output shape (snake_case,
 * ISO dates, durations as {ms, human}), so a tool adds only `data_as_of`/`demo` and a rendering.
 */
export interface Ref {
  id: string;
  name: string;
}

export interface PersonRef {
  id: number;
  name: string;
}

export interface ScopeView {
  kind: 'workspace' | 'space' | 'folder' | 'list';
  id: string;
  name: string;
}

/** A task in a list of tasks: compact, with its own (direct) time only. */
export interface TaskSummary {
  id: string;
  custom_id: string | null;
  name: string;
  status: string;
  category: StatusCategory;
  priority: PriorityName | null;
  list: Ref;
  parent_id: string | null;
  assignees: string[];
  due_date: string | null;
  date_updated: string;
  time_logged: Duration;
  timer_running: boolean;
  estimate: Duration | null;
}

export interface TaskPage {
  total: number;
  truncated: boolean;
  offset: number;
  hint: string | null;
  tasks: TaskSummary[];
}

export interface TaskNodeView {
  id: string;
  custom_id: string | null;
  name: string;
  status: string;
  category: StatusCategory;
  list: Ref;
  assignees: string[];
  time: { direct: Duration; rollup: Duration; running: boolean };
  estimate: { direct: Duration | null; rollup: Duration };
  subtask_count: number;
  descendant_count: number;
  subtasks_truncated: boolean;
  subtasks: TaskNodeView[];
}

export interface DependencyView {
  id: string;
  custom_id: string | null;
  name: string;
  status: string;
  category: StatusCategory;
}

export interface TaskDetailView {
  id: string;
  custom_id: string | null;
  name: string;
  url: string | null;
  status: string;
  category: StatusCategory;
  priority: PriorityName | null;
  archived: boolean;
  description: string | null;
  description_truncated: boolean;
  assignees: { id: number; name: string; email: string | null }[];
  watchers: PersonRef[];
  creator: PersonRef | null;
  tags: string[];
  dates: { created: string; updated: string; start: string | null; due: string | null; done: string | null; closed: string | null };
  estimate: { direct: Duration | null; rollup: Duration };
  time: { direct: Duration; rollup: Duration; running: boolean };
  location: { space: Ref; folder: Ref | null; list: Ref };
  extra_lists: Ref[];
  parent: Ref | null;
  subtask_total: number;
  subtasks_truncated: boolean;
  subtasks: TaskNodeView[];
  dependencies: { waiting_on: DependencyView[]; blocking: DependencyView[] };
}

export interface SearchHit extends TaskSummary {
  matched_in: MatchedIn;
}

export interface OverdueTask extends TaskSummary {
  days_overdue: number;
  overdue_by: Duration;
}

export interface StatusCount {
  status: string;
  category: StatusCategory;
  count: number;
}
