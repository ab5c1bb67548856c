import type { ClickupTask } from '../clickup.types';
import { ClickupPayloadError } from '../clickup.errors';
import { TaskPage, paginateTasks } from './task-pages';

const tasks = (n: number, offset: number) => Array.from({ length: n }, (_, i) => ({ id: `t${offset + i}` }) as ClickupTask);

/** A page as the client builds it: every item parsed unless `skipped` of them were left out. */
function page(list: ClickupTask[], lastPage: boolean | null, skipped = 0): TaskPage {
  const all = [...list.map((t) => t.id), ...Array.from({ length: skipped }, (_, i) => `bad${i}`)];
  return { tasks: list, lastPage, itemCount: all.length, firstId: all[0] ?? null, lastId: all[all.length - 1] ?? null };
}

async function collect(pages: Record<number, TaskPage>, startPage = 0) {
  const requested: number[] = [];
  const yielded: number[] = [];
  const fetch = async (page: number) => {
    requested.push(page);
    const result = pages[page];
    if (!result) throw new Error(`unexpected request for page ${page}`);
    return result;
  };
  for await (const page of paginateTasks(fetch, 'GET /team/{team_id}/task', startPage)) yielded.push(page.length);
  return { requested, yielded };
}

describe('paginateTasks', () => {
  it('stops on a short page when last_page is not sent (team endpoint)', async () => {
    const result = await collect({
      0: page(tasks(100, 0), null),
      1: page(tasks(100, 100), null),
      2: page(tasks(7, 200), null),
    });
    expect(result).toEqual({ requested: [0, 1, 2], yielded: [100, 100, 7] });
  });

  it('stops on last_page === true even after a full page', async () => {
    const result = await collect({ 0: page(tasks(100, 0), false), 1: page(tasks(100, 100), true) });
    expect(result).toEqual({ requested: [0, 1], yielded: [100, 100] });
  });

  it('does not yield an empty trailing page', async () => {
    const result = await collect({ 0: page(tasks(100, 0), false), 1: page([], true) });
    expect(result).toEqual({ requested: [0, 1], yielded: [100] });
  });

  it('can resume from a later page', async () => {
    const result = await collect({ 4: page(tasks(3, 400), null) }, 4);
    expect(result).toEqual({ requested: [4], yielded: [3] });
  });

  it('a page with skipped (unparseable) items is not a short page: paging goes on', async () => {
    const result = await collect({ 0: page(tasks(99, 0), null, 1), 1: page(tasks(5, 100), null) });
    expect(result).toEqual({ requested: [0, 1], yielded: [99, 5] });
  });

  it('a page whose every item was skipped yields nothing but paging goes on', async () => {
    const result = await collect({ 0: page([], null, 100), 1: page(tasks(2, 100), null) });
    expect(result).toEqual({ requested: [0, 1], yielded: [2] });
  });

  it('fails loudly when the server ignores the page parameter', async () => {
    const same = page(tasks(100, 0), null);
    await expect(collect({ 0: same, 1: same })).rejects.toThrow(
      new ClickupPayloadError('GET /team/{team_id}/task', ['page 1 repeats page 0: the server ignored the page parameter']),
    );
  });
});
