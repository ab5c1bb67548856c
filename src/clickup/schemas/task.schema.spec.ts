import { ClickupPayloadError } from '../clickup.errors';
import { rawTask, rawTaskPage } from '../testing/clickup-fixtures';
import { parseListingItems, parsePayload } from './parse-payload';
import { taskPageSchema, taskSchema } from './task.schema';

const TEAM_TASKS = 'GET /team/{team_id}/task';

describe('task schema', () => {
  it('parses a real-shaped task into camelCase with ms numbers and keeps the raw payload', () => {
    const raw = rawTask();
    const task = parsePayload(taskSchema, raw, 'GET /task/{task_id}');
    expect(task).toMatchObject({
      id: '86eexqt32',
      name: 'Write the sync engine',
      status: { status: 'in progress', type: 'custom', orderindex: 1 },
      dateCreated: 1567780450202,
      dateUpdated: 1567780450999,
      dateClosed: null,
      dueDate: 1568036964079,
      priority: { id: 2, name: 'high', color: '#ffcc00' },
      timeEstimate: 3600000,
      timeSpent: 1800000,
      points: 3,
      assignees: [{ id: 184, username: 'Sam' }],
      tags: [{ name: 'backend', tagFg: '#fff', tagBg: '#000', creator: 183 }],
      list: { id: '901500000100', name: 'Backlog' },
      folder: { id: '90150000010', hidden: false },
      space: { id: '90150000001', name: null },
      subtasks: [],
    });
    expect(task.raw).toBe(raw);
    expect(task.raw.sharing).toBeDefined(); // unknown fields survive in raw
  });

  it('distinguishes an unset custom field (no value key) from a set one', () => {
    const task = parsePayload(taskSchema, rawTask(), 'GET /task/{task_id}');
    expect(task.customFields).toEqual([
      expect.objectContaining({ id: 'cf-1', hasValue: true, value: 1 }),
      expect.objectContaining({ id: 'cf-2', hasValue: false, value: null }),
    ]);
  });

  it('treats absent optional fields as null/empty (time_spent only comes with tracked time)', () => {
    const raw = rawTask();
    for (const key of ['time_spent', 'points', 'tags', 'watchers', 'custom_fields', 'priority', 'creator', 'folder']) {
      delete raw[key];
    }
    const task = parsePayload(taskSchema, raw, 'GET /task/{task_id}');
    expect(task).toMatchObject({
      timeSpent: null,
      points: null,
      tags: [],
      watchers: [],
      customFields: [],
      priority: null,
      creator: null,
      folder: null,
    });
  });

  it.each([
    ['numeric ids and timestamps', { date_updated: 1567780450999, team_id: 9015000001 }, { dateUpdated: 1567780450999, teamId: '9015000001' }],
    ['string time estimate', { time_estimate: '7200000' }, { timeEstimate: 7200000 }],
    ['priority as a bare integer (spec)', { priority: 1 }, { priority: { id: 1, name: 'urgent', color: null } }],
    ['priority without id', { priority: { priority: 'low', color: '#ccc' } }, { priority: { id: 4, name: 'low', color: '#ccc' } }],
    ['tags as strings (spec)', { tags: ['a'] }, { tags: [{ name: 'a', tagFg: null, tagBg: null, creator: null }] }],
    ['decimal points as string', { points: '2.5' }, { points: 2.5 }],
    // The spec types time_estimate/time_spent `number`: fractions are rounded to whole ms (halves up).
    ['fractional time estimate (spec: number), rounded', { time_estimate: 1.2 }, { timeEstimate: 1 }],
    ['fractional time estimate, half rounds up', { time_estimate: 3600000.5 }, { timeEstimate: 3600001 }],
    ['fractional time spent as a string', { time_spent: '1800000.4' }, { timeSpent: 1800000 }],
    ['null time estimate and time spent (spec: number|null)', { time_estimate: null, time_spent: null }, { timeEstimate: null, timeSpent: null }],
    [
      'custom fields without type_config (spec shape)',
      { custom_fields: [{ id: 'cf-9', name: 'Location', type: 'location', required: false }] },
      { customFields: [{ id: 'cf-9', name: 'Location', type: 'location', typeConfig: null, required: false, hasValue: false, value: null }] },
    ],
  ])('tolerates drift: %s', (_label, overrides, expected) => {
    expect(parsePayload(taskSchema, rawTask(overrides), 'GET /task/{task_id}')).toMatchObject(expected);
  });

  it('parses flattened subtasks recursively', () => {
    const raw = rawTask({ subtasks: [rawTask({ id: 'child', parent: '86eexqt32', top_level_parent: '86eexqt32' })] });
    const task = parsePayload(taskSchema, raw, 'GET /task/{task_id}');
    expect(task.subtasks).toHaveLength(1);
    expect(task.subtasks[0]).toMatchObject({ id: 'child', parent: '86eexqt32', topLevelParent: '86eexqt32' });
  });

  it('names the endpoint template and the exact field path of a bad timestamp', () => {
    const task = rawTask({ date_updated: 'yesterday' });
    expect(() => parsePayload(taskSchema, task, 'GET /task/{task_id}')).toThrow(
      new ClickupPayloadError('GET /task/{task_id}', ['date_updated: expected ms timestamp']),
    );
    expect(() => parsePayload(taskSchema, task, 'GET /task/{task_id}')).toThrow(
      'GET /task/{task_id} returned an unexpected payload: date_updated: expected ms timestamp',
    );
  });

  it('reports a missing required field and counts further issues', () => {
    const task = rawTask();
    delete task.id;
    delete task.status;
    try {
      parsePayload(taskSchema, task, 'GET /task/{task_id}');
      throw new Error('expected a payload error');
    } catch (error) {
      expect(error).toBeInstanceOf(ClickupPayloadError);
      const e = error as ClickupPayloadError;
      expect(e.issues).toEqual(['id: expected id', 'status: expected object, received undefined']);
      expect(e.message).toBe('GET /task/{task_id} returned an unexpected payload: id: expected id (and 1 more)');
      expect(e.endpoint).toBe('GET /task/{task_id}');
    }
  });

  it('parses a page task by task: bad tasks are skipped with id, field and reason, the good ones kept', () => {
    const page = rawTaskPage(5);
    const tasks = page.tasks as Array<Record<string, unknown>>;
    tasks[1].time_estimate = { ms: 1 };
    tasks[3].date_updated = 'yesterday';
    delete tasks[4].id;
    const envelope = parsePayload(taskPageSchema, page, TEAM_TASKS);
    const { items, skipped } = parseListingItems(taskSchema, envelope.tasks, TEAM_TASKS);
    expect(items.map((t) => t.id)).toEqual([tasks[0].id, tasks[2].id]);
    expect(skipped).toEqual([
      { endpoint: TEAM_TASKS, index: 1, id: tasks[1].id, field: 'time_estimate', reason: 'expected ms duration or null' },
      { endpoint: TEAM_TASKS, index: 3, id: tasks[3].id, field: 'date_updated', reason: 'expected ms timestamp' },
      { endpoint: TEAM_TASKS, index: 4, id: null, field: 'id', reason: 'expected id' },
    ]);
  });

  it('rejects a non-object body', () => {
    expect(() => parsePayload(taskPageSchema, '<html>', TEAM_TASKS)).toThrow(
      'GET /team/{team_id}/task returned an unexpected payload: (root): expected object, received string',
    );
  });

  it('reads last_page when sent and null otherwise', () => {
    expect(parsePayload(taskPageSchema, rawTaskPage(1, 0, { last_page: true }), TEAM_TASKS).last_page).toBe(true);
    expect(parsePayload(taskPageSchema, rawTaskPage(1), TEAM_TASKS).last_page).toBeNull();
  });
});
