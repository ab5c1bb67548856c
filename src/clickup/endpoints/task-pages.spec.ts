import type { ClickupTask } from '../clickup.types';
import { ClickupPayloadError } from '../clickup.errors';
import { TaskPage, paginateTasks } from './task-pages';

const tasks = (n: number, offset: number) => Array.from({ length: n }, (_, i) => ({ id: `t${offset + i}` }) as ClickupTask);

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
      0: { tasks: tasks(100, 0), lastPage: null },
      1: { tasks: tasks(100, 100), lastPage: null },
      2: { tasks: tasks(7, 200), lastPage: null },
    });
    expect(result).toEqual({ requested: [0, 1, 2], yielded: [100, 100, 7] });
  });

  it('stops on last_page === true even after a full page', async () => {
    const result = await collect({ 0: { tasks: tasks(100, 0), lastPage: false }, 1: { tasks: tasks(100, 100), lastPage: true } });
    expect(result).toEqual({ requested: [0, 1], yielded: [100, 100] });
  });

  it('does not yield an empty trailing page', async () => {
    const result = await collect({ 0: { tasks: tasks(100, 0), lastPage: false }, 1: { tasks: [], lastPage: true } });
    expect(result).toEqual({ requested: [0, 1], yielded: [100] });
  });

  it('can resume from a later page', async () => {
    const result = await collect({ 4: { tasks: tasks(3, 400), lastPage: null } }, 4);
    expect(result).toEqual({ requested: [4], yielded: [3] });
  });

  it('fails loudly when the server ignores the page parameter', async () => {
    const same = { tasks: tasks(100, 0), lastPage: null };
    await expect(collect({ 0: same, 1: same })).rejects.toThrow(
      new ClickupPayloadError('GET /team/{team_id}/task', ['page 1 repeats page 0: the server ignored the page parameter']),
    );
  });
});
