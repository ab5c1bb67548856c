import { ClickupInvalidRequestError } from '../clickup.errors';
import { encodeQuery } from '../transport/query-string';
import { createTaskPayload, customTaskIdParams, listTasksParams, teamTasksParams, updateTaskPayload } from './task-params';
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
        },
        3,
      ),
    );
    expect(qs).toBe(
      // archived=false is the team endpoint's default and not in its spec: not sent.
      'page=3&include_closed=true&subtasks=true&order_by=updated&reverse=true' +
        '&statuses[]=to%20do&statuses[]=in%20progress&assignees[]=183&date_updated_gt=1700000000000' +
        '&space_ids[]=s1&space_ids[]=s2&project_ids[]=f1&list_ids[]=l1&parent=abc',
    );
  });

  it('sends archived=true on the team endpoint for the archived pass only', () => {
    expect(encodeQuery(teamTasksParams({ archived: true }, 0))).toBe('page=0&archived=true');
    expect(encodeQuery(teamTasksParams({ archived: false }, 0))).toBe('page=0');
    expect(encodeQuery(listTasksParams({ archived: false }, 0))).toBe('page=0&archived=false');
  });

  it('sends custom field filters as a JSON array and unset filters not at all', () => {
    const qs = encodeQuery(listTasksParams({ customFields: [{ fieldId: 'cf', operator: '=', value: 3 }], includeTiml: true, watchers: [1] }, 0));
    expect(qs).toBe(`page=0&custom_fields=${encodeURIComponent('[{"field_id":"cf","operator":"=","value":3}]')}&include_timl=true&watchers[]=1`);
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
    expect(createTimeEntryPayload({ start: 10, duration: -1, taskId: 't1', tags: [{ name: 'x', tagFg: '#fff', tagBg: '#000' }] })).toEqual({
      start: 10,
      duration: -1,
      tid: 't1',
      tags: [{ name: 'x', tag_fg: '#fff', tag_bg: '#000' }],
    });
    expect(() => updateTimeEntryPayload({ start: 1 }, 'PUT x')).toThrow('start and end must be sent together');
  });

  it('an update without tags adds none (the spec requires `tags`; replacing with [] would clear them)', () => {
    expect(updateTimeEntryPayload({ description: 'x' }, 'PUT x')).toEqual({ description: 'x', tags: [], tag_action: 'add' });
    expect(updateTimeEntryPayload({ tags: [{ name: 'a', tagFg: '#fff', tagBg: '#000' }], tagAction: 'replace' }, 'PUT x')).toEqual({
      tags: [{ name: 'a', tag_fg: '#fff', tag_bg: '#000' }],
      tag_action: 'replace',
    });
  });

  it('sends webhook location ids as integers (the spec types them so) and refuses non-numeric ones', () => {
    expect(createWebhookPayload({ endpoint: 'https://x', events: ['*'], spaceId: '90150000001', taskId: '86abc' }, 'POST w')).toEqual({
      endpoint: 'https://x',
      events: ['*'],
      space_id: 90150000001,
      task_id: '86abc',
    });
    expect(() => createWebhookPayload({ endpoint: 'https://x', events: ['*'], listId: 'abc' }, 'POST w')).toThrow(
      "listId must be a numeric id, got 'abc'",
    );
  });

  it('requires at least one webhook event', () => {
    expect(() => createWebhookPayload({ endpoint: 'https://x', events: [] }, 'POST /team/{team_id}/webhook')).toThrow(
      "events must not be empty (use ['*'] for all)",
    );
  });
});
