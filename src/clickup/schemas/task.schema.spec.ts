import { ClickupPayloadError } from '../clickup.errors';
import { rawTask, rawTaskPage } from '../testing/clickup-fixtures';
import { parsePayload } from './parse-payload';
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
    expect(task).toMatchObject({ timeSpent: null, points: null, tags: [], watchers: [], customFields: [], priority: null, creator: null, folder: null });
  });

  it.each([
    ['numeric ids and timestamps', { date_updated: 1567780450999, team_id: 9015000001 }, { dateUpdated: 1567780450999, teamId: '9015000001' }],
    ['string time estimate', { time_estimate: '7200000' }, { timeEstimate: 7200000 }],
    ['priority as a bare integer (spec)', { priority: 1 }, { priority: { id: 1, name: 'urgent', color: null } }],
    ['priority without id', { priority: { priority: 'low', color: '#ccc' } }, { priority: { id: 4, name: 'low', color: '#ccc' } }],
    ['tags as strings (spec)', { tags: ['a'] }, { tags: [{ name: 'a', tagFg: null, tagBg: null, creator: null }] }],
    ['decimal points as string', { points: '2.5' }, { points: 2.5 }],
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
    const page = rawTaskPage(5);
    (page.tasks as Array<Record<string, unknown>>)[3].date_updated = 'yesterday';
    expect(() => parsePayload(taskPageSchema, page, TEAM_TASKS)).toThrow(
      new ClickupPayloadError(TEAM_TASKS, ['tasks[3].date_updated: expected ms timestamp']),
    );
    expect(() => parsePayload(taskPageSchema, page, TEAM_TASKS)).toThrow(
      'GET /team/{team_id}/task returned an unexpected payload: tasks[3].date_updated: expected ms timestamp',
    );
  });

  it('reports a missing required field and counts further issues', () => {
    const page = rawTaskPage(3);
    const tasks = page.tasks as Array<Record<string, unknown>>;
    delete tasks[0].id;
    delete tasks[2].status;
    try {
      parsePayload(taskPageSchema, page, TEAM_TASKS);
      throw new Error('expected a payload error');
    } catch (error) {
      expect(error).toBeInstanceOf(ClickupPayloadError);
      const e = error as ClickupPayloadError;
      expect(e.issues).toEqual(['tasks[0].id: expected id', 'tasks[2].status: expected object, received undefined']);
      expect(e.message).toBe(
        'GET /team/{team_id}/task returned an unexpected payload: tasks[0].id: expected id (and 1 more)',
      );
      expect(e.endpoint).toBe(TEAM_TASKS);
    }
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
