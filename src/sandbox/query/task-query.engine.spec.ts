import { SandboxStore } from '../sandbox-store';
import { parseTaskFilter } from './task-filter';
import { TaskQueryEngine } from './task-query.engine';

describe('TaskQueryEngine', () => {
  const store = SandboxStore.generate({ size: 'tiny', seed: 8, now: Date.UTC(2026, 2, 18) });
  const engine = new TaskQueryEngine(store);
  const filter = parseTaskFilter(new URLSearchParams('subtasks=true&include_closed=true&order_by=updated'), null);

  it('caches a filtered, sorted result per store version', () => {
    const first = engine.run(filter);
    expect(engine.run({ ...filter })).toBe(first);
    store.mutations.renameTask(first[0].id, 'Touched');
    const second = engine.run(filter);
    expect(second).not.toBe(first);
    expect(second[second.length - 1].id).toBe(first[0].id);
  });

  it('pages by 100 and flags the last page', () => {
    const all = engine.run(filter);
    expect(engine.page(filter, 0)).toEqual({ tasks: all.slice(0, 100), lastPage: all.length <= 100 });
    expect(engine.page(filter, 5)).toEqual({ tasks: [], lastPage: true });
  });

  it('parses both array forms and rejects bad values', () => {
    const f = parseTaskFilter(new URLSearchParams('statuses[]=QA&statuses=Done&assignees=1,2&archived=true'), 'L');
    expect(f).toMatchObject({ statuses: ['qa', 'done'], assignees: [1, 2], archived: true, listId: 'L', orderBy: 'created' });
    expect(() => parseTaskFilter(new URLSearchParams('date_updated_gt=yesterday'), null)).toThrow();
    expect(() => parseTaskFilter(new URLSearchParams('subtasks=maybe'), null)).toThrow();
  });
});
