import { addEvent, emptyWork } from './webhook-event';

describe('addEvent', () => {
  it('collects task refreshes, deletions, time tracking and hierarchy changes', () => {
    const w = emptyWork();
    expect(addEvent(w, { event: 'taskCreated', task_id: 'a' })).toBe(true);
    expect(addEvent(w, { event: 'taskStatusUpdated', task_id: 'a' })).toBe(true);
    expect(addEvent(w, { event: 'taskTimeTrackedUpdated', task_id: 'b' })).toBe(true);
    expect(addEvent(w, { event: 'taskDeleted', task_id: 'c' })).toBe(true);
    expect(addEvent(w, { event: 'taskUpdated', task_id: 'c' })).toBe(true);
    expect(addEvent(w, { event: 'listUpdated', list_id: '9' })).toBe(true);
    expect(addEvent(w, { event: 'goalCreated' })).toBe(false);
    expect([...w.tasks].sort()).toEqual(['a', 'b']);
    expect([...w.deletedTasks]).toEqual(['c']);
    expect([...w.timeTracked]).toEqual(['b']);
    expect(w.hierarchy).toBe(true);
  });

  it('a deletion wins over an earlier update of the same task', () => {
    const w = emptyWork();
    addEvent(w, { event: 'taskUpdated', task_id: 'x' });
    addEvent(w, { event: 'taskDeleted', task_id: 'x' });
    expect([...w.tasks]).toEqual([]);
    expect([...w.deletedTasks]).toEqual(['x']);
  });
});
