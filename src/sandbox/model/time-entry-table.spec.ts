import { TimeEntryTable, TimeEntryTableBuilder, timeEntryIdForSeq } from './time-entry-table';

const HOUR = 3_600_000;

function table(): TimeEntryTable {
  const b = new TimeEntryTableBuilder(5);
  const row = (start: number, end: number | null, userId: number, taskIndex: number) =>
    b.add({ start, end, at: end ?? start, userId, taskIndex, billable: false, description: 'd', tags: ['x'], source: 'clickup' });
  row(1 * HOUR, 2 * HOUR, 1, 0);
  row(3 * HOUR, 4 * HOUR, 2, 1);
  row(5 * HOUR, 6 * HOUR, 1, -1);
  row(7 * HOUR, null, 2, 0);
  row(9 * HOUR, 10 * HOUR, 1, 1);
  return b.build((i) => ['ta', 'tb'][i]);
}

function ids(t: TimeEntryTable, q: Parameters<TimeEntryTable['scan']>[0]): string[] {
  const out: string[] = [];
  t.scan(q, (e) => out.push(e.id));
  return out;
}

describe('TimeEntryTable', () => {
  it('refuses rows out of start order', () => {
    const b = new TimeEntryTableBuilder(2);
    const base = { end: 1, at: 1, userId: 1, taskIndex: -1, billable: false, description: '', tags: [], source: 'clickup' };
    b.add({ ...base, start: 10 });
    expect(() => b.add({ ...base, start: 5 })).toThrow();
  });

  it('scans a start window with a binary search, by user and by task', () => {
    const t = table();
    expect(ids(t, { from: 3 * HOUR, to: 7 * HOUR })).toEqual([1, 2, 3].map(timeEntryIdForSeq));
    expect(ids(t, { from: 0, to: 100 * HOUR, userIds: new Set([1]) })).toEqual([0, 2, 4].map(timeEntryIdForSeq));
    expect(ids(t, { from: 0, to: 100 * HOUR, taskIds: new Set(['ta']) })).toEqual([0, 3].map(timeEntryIdForSeq));
  });

  it('materializes records with null end for running timers and null task for task-less entries', () => {
    const t = table();
    expect(t.get(timeEntryIdForSeq(3))).toMatchObject({ end: null, taskId: 'ta', userId: 2 });
    expect(t.get(timeEntryIdForSeq(2))).toMatchObject({ taskId: null, tags: ['x'] });
    expect(t.runningIdFor(2)).toBe(timeEntryIdForSeq(3));
    expect(t.runningIdFor(1)).toBeUndefined();
  });

  it('keeps edits, deletes and new entries in an overlay that scans see', () => {
    const t = table();
    const edited = { ...t.get(timeEntryIdForSeq(0))!, start: 8 * HOUR, end: 8.5 * HOUR };
    t.replace(edited);
    t.remove(timeEntryIdForSeq(1));
    const fresh = { userId: 3, taskId: 'tb', start: 2 * HOUR, end: null, billable: true, description: '', tags: [], source: 'api', at: 2 * HOUR };
    const added = t.insert(fresh);
    expect(t.size).toBe(5);
    expect(ids(t, { from: 0, to: 4 * HOUR })).toEqual([added.id]);
    expect(ids(t, { from: 7.5 * HOUR, to: 8.6 * HOUR })).toEqual([edited.id]);
    expect(t.get(timeEntryIdForSeq(1))).toBeUndefined();
    expect(t.has(timeEntryIdForSeq(1))).toBe(false);
    expect(t.runningIdFor(3)).toBe(added.id);
    expect(t.idsForTask('tb', 1).sort()).toEqual([timeEntryIdForSeq(4), added.id].sort());
  });

  it('tracks the running timer through edits and deletes', () => {
    const t = table();
    const running = t.get(timeEntryIdForSeq(3))!;
    t.replace({ ...running, end: 8 * HOUR });
    expect(t.runningIdFor(2)).toBeUndefined();
    const again = t.insert({ ...running, start: 11 * HOUR, end: null });
    expect(t.runningIdFor(2)).toBe(again.id);
    t.remove(again.id);
    expect(t.runningIdFor(2)).toBeUndefined();
  });

  it('picks only live entries', () => {
    const t = table();
    for (let i = 0; i < 4; i++) t.remove(timeEntryIdForSeq(i));
    let n = 0;
    const random = () => (n++ % 10) / 10;
    for (let i = 0; i < 20; i++) expect(t.pickLive(random)).toBe(timeEntryIdForSeq(4));
    t.remove(timeEntryIdForSeq(4));
    expect(t.pickLive(random)).toBeUndefined();
  });
});
