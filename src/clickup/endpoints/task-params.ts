import type {
  AddRemove,
  CreateTaskBody,
  CustomTaskIdOptions,
  ListTasksQuery,
  TaskListingFilters,
  TeamTasksQuery,
  UpdateTaskBody,
} from '../clickup.types';
import { ClickupInvalidRequestError } from '../clickup.errors';
import { QueryParams } from '../transport/query-string';

/** Drops undefined keys (null stays: it means "clear" in ClickUp bodies). */
export function compact(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

/** Filters shared by GET /team/{team_id}/task and GET /list/{list_id}/task, in wire names. */
function listingParams(q: TaskListingFilters, page: number): QueryParams {
  return {
    page,
    archived: q.archived,
    include_closed: q.includeClosed,
    subtasks: q.subtasks,
    order_by: q.orderBy,
    reverse: q.reverse,
    'statuses[]': q.statuses,
    'assignees[]': q.assignees,
    'tags[]': q.tags,
    due_date_gt: q.dueDateGt,
    due_date_lt: q.dueDateLt,
    date_created_gt: q.dateCreatedGt,
    date_created_lt: q.dateCreatedLt,
    date_updated_gt: q.dateUpdatedGt,
    date_updated_lt: q.dateUpdatedLt,
    date_done_gt: q.dateDoneGt,
    date_done_lt: q.dateDoneLt,
    custom_fields:
      q.customFields && q.customFields.length > 0
        ? JSON.stringify(q.customFields.map((f) => compact({ field_id: f.fieldId, operator: f.operator, value: f.value })))
        : undefined,
    'custom_items[]': q.customItems,
    include_markdown_description: q.includeMarkdownDescription,
  };
}

export function teamTasksParams(q: TeamTasksQuery, page: number): QueryParams {
  return {
    ...listingParams(q, page),
    // `archived` is not in the spec for this endpoint, but ClickUp honours it (it is the only way to
    // list archived tasks): sent for the archived pass only; the default already excludes them.
    archived: q.archived === true ? true : undefined,
    'space_ids[]': q.spaceIds,
    'project_ids[]': q.projectIds,
    'list_ids[]': q.listIds,
    parent: q.parent,
  };
}

export function listTasksParams(q: ListTasksQuery, page: number): QueryParams {
  return {
    ...listingParams(q, page),
    include_timl: q.includeTiml,
    'watchers[]': q.watchers,
  };
}

/**
 * `custom_task_ids=true&team_id=…` for task-scoped calls. Without team_id ClickUp answers
 * with a misleading 401 "Team not authorized", so we refuse before sending.
 */
export function customTaskIdParams(opts: CustomTaskIdOptions | undefined, endpoint: string): QueryParams {
  if (!opts?.customTaskIds) return {};
  if (!opts.teamId) {
    throw new ClickupInvalidRequestError(`${endpoint}: customTaskIds requires teamId`, endpoint);
  }
  return { custom_task_ids: true, team_id: opts.teamId };
}

export function createTaskPayload(body: CreateTaskBody): Record<string, unknown> {
  return compact({
    name: body.name,
    description: body.description,
    markdown_content: body.markdownContent,
    assignees: body.assignees,
    group_assignees: body.groupAssignees,
    tags: body.tags,
    status: body.status,
    priority: body.priority,
    due_date: body.dueDate,
    due_date_time: body.dueDateTime,
    time_estimate: body.timeEstimate,
    start_date: body.startDate,
    start_date_time: body.startDateTime,
    points: body.points,
    notify_all: body.notifyAll,
    parent: body.parent,
    links_to: body.linksTo,
    check_required_custom_fields: body.checkRequiredCustomFields,
    custom_fields: body.customFields,
    custom_item_id: body.customItemId,
  });
}

function addRemove<T>(value: AddRemove<T> | undefined): Record<string, T[]> | undefined {
  if (!value) return undefined;
  return { add: value.add ?? [], rem: value.rem ?? [] };
}

export function updateTaskPayload(body: UpdateTaskBody): Record<string, unknown> {
  return compact({
    name: body.name,
    description: body.description,
    markdown_content: body.markdownContent,
    status: body.status,
    priority: body.priority,
    due_date: body.dueDate,
    due_date_time: body.dueDateTime,
    parent: body.parent,
    time_estimate: body.timeEstimate,
    start_date: body.startDate,
    start_date_time: body.startDateTime,
    points: body.points,
    archived: body.archived,
    custom_item_id: body.customItemId,
    assignees: addRemove(body.assignees),
    group_assignees: addRemove(body.groupAssignees),
    watchers: addRemove(body.watchers),
  });
}
