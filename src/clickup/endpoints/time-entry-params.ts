import type { CreateTimeEntryBody, StartTimerBody, TimeEntriesQuery, TimeEntryTagInput, UpdateTimeEntryBody } from '../clickup.types';
import { ClickupInvalidRequestError } from '../clickup.errors';
import { QueryParams } from '../transport/query-string';
import { compact } from './task-params';

/**
 * GET /team/{team_id}/time_entries. `assignee` is comma-separated (not bracketed), and
 * ClickUp accepts only one of space_id/folder_id/list_id/task_id, so more is refused here.
 */
export function timeEntriesParams(q: TimeEntriesQuery, endpoint: string): QueryParams {
  const locations = [q.spaceId, q.folderId, q.listId, q.taskId].filter((v) => v !== undefined);
  if (locations.length > 1) {
    throw new ClickupInvalidRequestError(`${endpoint}: give at most one of spaceId, folderId, listId, taskId`, endpoint);
  }
  if (q.startDate !== undefined && q.endDate !== undefined && q.startDate > q.endDate) {
    throw new ClickupInvalidRequestError(`${endpoint}: startDate is after endDate`, endpoint);
  }
  return {
    start_date: q.startDate,
    end_date: q.endDate,
    assignee: q.assignees && q.assignees.length > 0 ? q.assignees.join(',') : undefined,
    include_location_names: q.includeLocationNames,
    include_task_tags: q.includeTaskTags,
    space_id: q.spaceId,
    folder_id: q.folderId,
    list_id: q.listId,
    task_id: q.taskId,
    custom_task_ids: q.customTaskIds,
    is_billable: q.isBillable,
  };
}

function tags(input: TimeEntryTagInput[] | undefined): Array<Record<string, unknown>> | undefined {
  return input?.map((t) => compact({ name: t.name, tag_fg: t.tagFg, tag_bg: t.tagBg }));
}

export function createTimeEntryPayload(body: CreateTimeEntryBody): Record<string, unknown> {
  return compact({
    start: body.start,
    // The spec requires `duration` (and ignores it when `end` is given): derive it from the end.
    duration: body.duration ?? (body.end !== undefined ? body.end - body.start : undefined),
    end: body.end,
    billable: body.billable,
    description: body.description,
    tags: tags(body.tags),
    assignee: body.assignee,
    tid: body.taskId,
  });
}

export function updateTimeEntryPayload(body: UpdateTimeEntryBody, endpoint: string): Record<string, unknown> {
  if ((body.start === undefined) !== (body.end === undefined)) {
    throw new ClickupInvalidRequestError(`${endpoint}: start and end must be sent together`, endpoint);
  }
  // The spec makes `tags` required on this PUT. With no tags to change, send an empty list to ADD:
  // valid for the spec and a no-op for ClickUp (an empty list to REPLACE would clear the tags).
  const noTags = body.tags === undefined;
  return compact({
    description: body.description,
    tags: noTags ? [] : tags(body.tags),
    tag_action: noTags ? 'add' : body.tagAction,
    start: body.start,
    end: body.end,
    tid: body.taskId,
    billable: body.billable,
    duration: body.duration,
  });
}

export function startTimerPayload(body: StartTimerBody): Record<string, unknown> {
  return compact({
    tid: body.taskId,
    description: body.description,
    tags: tags(body.tags),
    billable: body.billable,
  });
}
