import { ClickupInvalidRequestError } from '../clickup.errors';
import { encodeQuery } from '../transport/query-string';
import {
  createTaskPayload,
  customTaskIdParams,
  listTasksParams,
  teamTasksParams,
  updateTaskPayload,
} from './task-params';
import { createTimeEntryPayload, timeEntriesParams, updateTimeEntryPayload } from './time-entry-params';
import { createWebhookPayload } from './webhook-params';

describe('task listing params', () => {
  it('encodes a sync query for the team endpoint on the wire', () => {
    const qs = encodeQuery(
      teamTasksParams(
        {
          subtasks: true,
          includeClosed: true,
          archived: false,
          orderBy: 'updated',
          reverse: true,
          dateUpdatedGt: 1_700_000_000_000,
          spaceIds: ['s1', 's2'],
          projectIds: ['f1'],
          listIds: ['l1'],
          statuses: ['to do', 'in progress'],
          assignees: [183],
          parent: 'abc',
          includeTiml: true,
        },
        3,
      ),
    );
    expect(qs).toBe(
      'page=3&archived=false&include_closed=true&subtasks=true&order_by=updated&reverse=true' +
        '&statuses[]=to%20do&statuses[]=in%20progress&assignees[]=183&date_updated_gt=1700000000000' +
        '&space_ids[]=s1&space_ids[]=s2&project_ids[]=f1&list_ids[]=l1&parent=abc&include_timl=true',
    );
  });

  it('sends custom field filters as a JSON array and unset filters not at all', () => {
    const qs = encodeQuery(
      listTasksParams({ customFields: [{ fieldId: 'cf', operator: '=', value: 3 }], includeTiml: true, watchers: [1] }, 0),
    );
    expect(qs).toBe(
      `page=0&custom_fields=${encodeURIComponent('[{"field_id":"cf","operator":"=","value":3}]')}&include_timl=true&watchers[]=1`,
    );
  });
});

describe('custom task ids', () => {
  it('adds custom_task_ids and team_id', () => {
    expect(customTaskIdParams({ customTaskIds: true, teamId: '901' }, 'GET /task/{task_id}')).toEqual({
      custom_task_ids: true,
      team_id: '901',
    });
    expect(customTaskIdParams(undefined, 'GET /task/{task_id}')).toEqual({});
  });

  it('refuses customTaskIds without teamId (ClickUp would answer a misleading 401)', () => {
    expect(() => customTaskIdParams({ customTaskIds: true }, 'GET /task/{task_id}')).toThrow(
      new ClickupInvalidRequestError('GET /task/{task_id}: customTaskIds requires teamId', 'GET /task/{task_id}'),
    );
  });
});

describe('task bodies', () => {
  it('maps create fields to ClickUp names, keeping null (clear) and dropping undefined', () => {
    expect(createTaskPayload({ name: 'New', assignees: [1], dueDate: null, priority: 2, markdownContent: '# hi', parent: undefined })).toEqual({
      name: 'New',
      markdown_content: '# hi',
      assignees: [1],
      priority: 2,
      due_date: null,
    });
  });

  it('sends assignee changes as add/rem sets', () => {
    expect(updateTaskPayload({ status: 'done', assignees: { add: [2] }, watchers: { rem: [3] } })).toEqual({
      status: 'done',
      assignees: { add: [2], rem: [] },
      watchers: { add: [], rem: [3] },
    });
  });
});

describe('time entry params', () => {
  const endpoint = 'GET /team/{team_id}/time_entries';

  it('joins assignees with commas (not brackets)', () => {
    expect(
      encodeQuery(
        timeEntriesParams(
          { startDate: 1, endDate: 2, assignees: [1, 2, 3], includeLocationNames: true, includeTaskTags: true, listId: 'l1' },
          endpoint,
        ),
      ),
    ).toBe('start_date=1&end_date=2&assignee=1%2C2%2C3&include_location_names=true&include_task_tags=true&list_id=l1');
  });

  it('refuses two location filters and an inverted range', () => {
    expect(() => timeEntriesParams({ spaceId: 's', listId: 'l' }, endpoint)).toThrow(ClickupInvalidRequestError);
    expect(() => timeEntriesParams({ startDate: 5, endDate: 1 }, endpoint)).toThrow('startDate is after endDate');
  });

  it('maps bodies (tid, tag colours) and requires start with end on update', () => {
    expect(createTimeEntryPayload({ start: 10, duration: -1, taskId: 't1', tags: [{ name: 'x', tagBg: '#000' }] })).toEqual({
      start: 10,
      duration: -1,
      tid: 't1',
      tags: [{ name: 'x', tag_bg: '#000' }],
    });
    expect(() => updateTimeEntryPayload({ start: 1 }, 'PUT x')).toThrow('start and end must be sent together');
  });

  it('requires at least one webhook event', () => {
    expect(() => createWebhookPayload({ endpoint: 'https://x', events: [] }, 'POST /team/{team_id}/webhook')).toThrow(
      "events must not be empty (use ['*'] for all)",
    );
  });
});
