import { TaskDetailRow, TaskRow } from './task-query.types';
import { buildForest } from './task-tree';
import { taskDetail, taskSummary } from './task-view.mapper';

const H = 3_600_000;
const T0 = Date.parse('2026-03-01T10:00:00Z');

const row = (id: string, parentId: string | null, directH: number, estimateH: number | null, over: Partial<TaskRow> = {}): TaskRow => ({
  id,
  customId: null,
  name: `Task ${id}`,
  status: 'in progress',
  category: 'active',
  priority: null,
  listId: 'L1',
  listName: 'Sprint',
  parentId,
  assignees: [],
  dueDate: null,
  dateCreated: T0,
  dateUpdated: T0,
  dateDone: null,
  dateClosed: null,
  timeEstimate: estimateH === null ? null : estimateH * H,
  archived: false,
  directMs: directH * H,
  running: false,
  matchedIn: null,
  ...over,
});

const detailRow = (over: Partial<TaskDetailRow> = {}): TaskDetailRow => ({
  id: 'A',
  customId: 'MOB-1',
  name: 'Task A',
  url: null,
  status: 'in progress',
  category: 'active',
  priority: 2,
  archived: false,
  description: 'Short.',
  tags: ['ios'],
  dateCreated: T0,
  dateUpdated: T0,
  startDate: null,
  dueDate: T0 + 24 * H,
  dateDone: null,
  dateClosed: null,
  timeEstimate: 2 * H,
  list: { id: 'L1', name: 'Sprint' },
  folder: null,
  space: { id: 'S1', name: 'Mobile' },
  parent: null,
  creator: null,
  assignees: [{ id: 1, name: 'Ana', email: 'ana@x.test' }],
  watchers: [],
  extraLists: [],
  ...over,
});

describe('taskSummary', () => {
  it.each<[Partial<TaskRow>, Record<string, unknown>]>([
    [{}, { priority: null, due_date: null, estimate: null, time_logged: { ms: 0, human: '0m' } }],
    [
      { priority: 1, dueDate: T0, timeEstimate: 90 * 60_000, directMs: 45 * 60_000 },
      {
        priority: 'urgent',
        due_date: '2026-03-01T10:00:00.000Z',
        estimate: { ms: 5_400_000, human: '1h 30m' },
        time_logged: { ms: 2_700_000, human: '45m' },
      },
    ],
    [
      {
        priority: 4,
        assignees: [
          { id: 2, name: 'Ben' },
          { id: 1, name: 'Ana' },
        ],
        running: true,
      },
      { priority: 'low', assignees: ['Ben', 'Ana'], timer_running: true },
    ],
  ])('%p', (over, expected) => {
    expect(taskSummary(row('A', null, 0, null, over))).toEqual(expect.objectContaining(expected));
  });
});

describe('taskDetail', () => {
  const nodes = [row('A', null, 1, 2), row('B', 'A', 2, 1, { listId: 'L2', listName: 'Other list', running: true }), row('C', 'B', 0.5, null)];

  it('carries direct and rollup time and estimate, the running flag and the nested subtasks', () => {
    const v = taskDetail(detailRow(), buildForest(nodes, ['A']), []);
    expect([v.time.direct.ms, v.time.rollup.ms, v.time.running]).toEqual([1 * H, 3.5 * H, true]);
    expect([v.estimate.direct?.ms, v.estimate.rollup.ms]).toEqual([2 * H, 3 * H]);
    expect(v.subtask_total).toBe(2);
    expect(v.subtasks.map((s) => [s.id, s.list.name, s.time.rollup.ms, s.subtasks.map((c) => c.id)])).toEqual([['B', 'Other list', 2.5 * H, ['C']]]);
    expect([v.priority, v.dates.due, v.description_truncated]).toEqual(['high', '2026-03-02T10:00:00.000Z', false]);
  });

  it('splits dependencies by direction', () => {
    const dep = (direction: 'waiting_on' | 'blocking', id: string) => ({
      direction,
      id,
      customId: null,
      name: id,
      status: 'open',
      category: 'not_started' as const,
    });
    const v = taskDetail(detailRow(), buildForest(nodes, ['A']), [dep('waiting_on', 'X'), dep('blocking', 'Y'), dep('blocking', 'Z')]);
    expect([v.dependencies.waiting_on.map((d) => d.id), v.dependencies.blocking.map((d) => d.id)]).toEqual([['X'], ['Y', 'Z']]);
  });

  it('cuts a very long description and says so', () => {
    const v = taskDetail(detailRow({ description: 'x'.repeat(5000) }), buildForest(nodes, ['A']), []);
    expect([v.description?.length, v.description_truncated]).toEqual([3000, true]);
  });

  it('a task without time, estimate or subtasks has zero rollups, not nulls', () => {
    const v = taskDetail(detailRow({ timeEstimate: null }), buildForest([row('A', null, 0, null)], ['A']), []);
    expect([v.time.rollup, v.estimate]).toEqual([
      { ms: 0, human: '0m' },
      { direct: null, rollup: { ms: 0, human: '0m' } },
    ]);
    expect(v.subtasks).toEqual([]);
  });
});
