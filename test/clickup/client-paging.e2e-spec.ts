import { Logger } from '@nestjs/common';
import { ClickupClient } from '../../src/clickup/clickup.client';
import { ClickupPayloadError } from '../../src/clickup/clickup.errors';
import type { ClickupTask, SkippedItem } from '../../src/clickup/clickup.types';
import { rawTaskPage } from '../../src/clickup/testing/clickup-fixtures';
import { FakeClickupServer, FakeHandler, json } from './fake-clickup.server';

/** Serves `sizes[page]` tasks for each page; ids continue across pages. */
function pages(sizes: number[], lastPageFlags?: Array<boolean | undefined>): FakeHandler {
  return (req, res, raw) => {
    const page = Number(req.query.get('page'));
    const size = sizes[page] ?? 0;
    const offset = sizes.slice(0, page).reduce((a, b) => a + b, 0);
    const flag = lastPageFlags?.[page];
    void json(200, rawTaskPage(size, offset, flag === undefined ? {} : { last_page: flag }))(req, res, raw);
  };
}

async function drain(iterator: AsyncIterable<ClickupTask[]>): Promise<number[]> {
  const sizes: number[] = [];
  for await (const page of iterator) sizes.push(page.length);
  return sizes;
}

describe('ClickupClient paging over real HTTP', () => {
  let server: FakeClickupServer;
  let client: ClickupClient;

  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(true));
  beforeEach(async () => {
    server = await FakeClickupServer.start();
    client = ClickupClient.create({ baseUrl: server.baseUrl, token: 'pk_1_PAGING', retryBaseDelayMs: 10 });
  });
  afterEach(async () => {
    await server.close();
  });

  it('team tasks: pages from 0 and stops on a short page (no last_page sent)', async () => {
    server.route('GET', '/team/T1/task', pages([100, 100, 37]));
    const sizes = await drain(client.iterateTeamTasks('T1', { subtasks: true, includeClosed: true, orderBy: 'updated', reverse: true }));
    expect(sizes).toEqual([100, 100, 37]);
    const seen = server.requestsTo('GET', '/team/T1/task');
    expect(seen.map((r) => r.query.get('page'))).toEqual(['0', '1', '2']);
    expect(seen[0].query.get('subtasks')).toBe('true');
    expect(seen[0].query.get('include_closed')).toBe('true');
    expect(seen[0].query.get('order_by')).toBe('updated');
  });

  it('team tasks: an exactly-full last page costs one extra (empty) request and yields nothing more', async () => {
    server.route('GET', '/team/T1/task', pages([100, 0]));
    expect(await drain(client.iterateTeamTasks('T1'))).toEqual([100]);
    expect(server.requests).toHaveLength(2);
  });

  it('list tasks: stops on last_page === true even when the page is full', async () => {
    server.route('GET', '/list/L1/task', pages([100, 100, 100], [false, true, false]));
    expect(await drain(client.iterateListTasks('L1', { includeTiml: true, archived: true }))).toEqual([100, 100]);
    const seen = server.requestsTo('GET', '/list/L1/task');
    expect(seen.map((r) => r.query.get('page'))).toEqual(['0', '1']);
    expect(seen[0].query.get('include_timl')).toBe('true');
    expect(seen[0].query.get('archived')).toBe('true');
  });

  it('sends array filters in bracket form', async () => {
    server.route('GET', '/team/T1/task', pages([1]));
    await drain(client.iterateTeamTasks('T1', { statuses: ['to do', 'done'], listIds: ['a', 'b'], dateUpdatedGt: 1_700_000_000_000 }));
    const [req] = server.requests;
    expect(req.rawQuery).toContain('statuses[]=to%20do&statuses[]=done');
    expect(req.rawQuery).toContain('list_ids[]=a&list_ids[]=b');
    expect(req.query.getAll('statuses[]')).toEqual(['to do', 'done']);
    expect(req.query.get('date_updated_gt')).toBe('1700000000000');
  });

  it('a malformed task is skipped and reported (id, field, reason); its page is not re-requested and paging goes on', async () => {
    server.route(
      'GET',
      '/team/T1/task',
      pages([100]),
      (req, res, raw) => {
        const page = rawTaskPage(100, 100);
        (page.tasks as Array<Record<string, unknown>>)[3].date_updated = 'soon';
        void json(200, page)(req, res, raw);
      },
      pages([100, 100, 5]),
    );
    const skipped: SkippedItem[] = [];
    const sizes = await drain(client.iterateTeamTasks('T1', {}, { onSkipped: (s) => skipped.push(s) }));
    expect(sizes).toEqual([100, 99, 5]);
    expect(skipped).toEqual([
      { endpoint: 'GET /team/{team_id}/task', index: 3, id: expect.any(String), field: 'date_updated', reason: 'expected ms timestamp' },
    ]);
    expect(server.requestsTo('GET', '/team/T1/task').map((r) => r.query.get('page'))).toEqual(['0', '1', '2']);
  });

  it('a page whose envelope is not {tasks: [...]} still fails with endpoint and field', async () => {
    server.route('GET', '/team/T1/task', json(200, { tasks: { 0: {} } }));
    await expect(drain(client.iterateTeamTasks('T1'))).rejects.toThrow(
      new ClickupPayloadError('GET /team/{team_id}/task', ['tasks: expected array, received object']),
    );
  });
});
