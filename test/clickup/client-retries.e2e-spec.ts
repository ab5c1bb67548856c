import { Logger } from '@nestjs/common';
import { ClickupClient } from '../../src/clickup/clickup.client';
import { ClickupRateLimitError, ClickupUnavailableError, ClickupWriteOutcomeUnknownError } from '../../src/clickup/clickup.errors';
import { rawTask, rawTeam } from '../../src/clickup/testing/clickup-fixtures';
import { FakeClickupServer, delayed, dropConnection, hang, json, partialBody } from './fake-clickup.server';

const TOKEN = 'pk_4242_RETRYTESTTOKEN';
const teams = json(200, { teams: [rawTeam()] });

describe('ClickupClient retries over real HTTP', () => {
  let server: FakeClickupServer;

  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(true));
  beforeEach(async () => {
    server = await FakeClickupServer.start();
  });
  afterEach(async () => {
    await server.close();
  });

  const client = (overrides: Partial<Parameters<typeof ClickupClient.create>[0]> = {}) =>
    ClickupClient.create({
      baseUrl: server.baseUrl,
      token: TOKEN,
      timeoutMs: 300,
      maxRetries: 3,
      retryBaseDelayMs: 20,
      retryMaxDelayMs: 100,
      ...overrides,
    });

  it('retries a GET through 5xx responses and succeeds', async () => {
    server.route('GET', '/team', json(502, 'Bad Gateway'), json(503, { err: 'down' }), teams);
    const c = client();
    const result = await c.getTeams();
    expect(result[0].name).toBe('Acme');
    expect(server.requestsTo('GET', '/team')).toHaveLength(3);
    expect(c.stats()).toMatchObject({ requests: 3, retries: 2, failures: 0, requestsByEndpoint: { 'GET /team': 3 } });
  });

  it('gives up after maxRetries with ClickupUnavailableError', async () => {
    server.route('GET', '/team', json(500, { err: 'Internal', ECODE: 'APP_500' }));
    const c = client({ maxRetries: 2 });
    const error = await c.getTeams().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClickupUnavailableError);
    expect(error).toMatchObject({ status: 500, ecode: 'APP_500', attempts: 3, reason: 'server_error' });
    expect((error as Error).message).toBe('ClickUp API 500 APP_500 on GET /team: Internal (after 3 attempts)');
    expect(server.requests).toHaveLength(3);
    expect(c.stats().failures).toBe(1);
  });

  it('retries after a timeout and succeeds', async () => {
    server.route('GET', '/team', delayed(1_000, teams), teams);
    const started = Date.now();
    await expect(client().getTeams()).resolves.toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(server.requests).toHaveLength(2);
  });

  it('retries after the connection is dropped (socket destroyed) and succeeds', async () => {
    server.route('GET', '/team', dropConnection(), dropConnection(), teams);
    const c = client();
    await expect(c.getTeams()).resolves.toHaveLength(1);
    expect(server.requests).toHaveLength(3);
    expect(c.stats().retries).toBe(2);
  });

  it('retries after the connection drops halfway through the response body', async () => {
    server.route('GET', '/team', partialBody(), teams);
    const c = client();
    await expect(c.getTeams()).resolves.toHaveLength(1);
    expect(server.requests).toHaveLength(2);
  });

  it('reports a read that keeps timing out as unavailable, with each attempt given the full timeout', async () => {
    server.route('GET', '/team', hang());
    const started = Date.now();
    const error = await client({ maxRetries: 1, timeoutMs: 200 })
      .getTeams()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClickupUnavailableError);
    expect(error).toMatchObject({ reason: 'timeout', attempts: 2, status: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * 200);
    expect(server.requests).toHaveLength(2);
  });

  it('honours X-RateLimit-Reset (epoch seconds) on a 429 before retrying', async () => {
    let resetAtMs = 0;
    server.route(
      'GET',
      '/team',
      (req, res) => {
        const resetSec = Math.floor(Date.now() / 1000) + 1;
        resetAtMs = resetSec * 1000;
        void json(
          429,
          { err: 'Rate limit reached', ECODE: 'APP_002' },
          {
            'x-ratelimit-limit': '100',
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(resetSec),
          },
        )(req, res, undefined as never);
      },
      teams,
    );
    const c = client();
    await expect(c.getTeams()).resolves.toHaveLength(1);
    const [first, second] = server.requests;
    expect(second.receivedAt).toBeGreaterThanOrEqual(resetAtMs);
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(resetAtMs - first.receivedAt);
    const stats = c.stats();
    expect(stats).toMatchObject({ rateLimited: 1, retries: 1, requests: 2 });
    expect(stats.waitMs).toBeGreaterThanOrEqual(resetAtMs - first.receivedAt);
  });

  it('honours Retry-After when that is all a 429 carries', async () => {
    server.route('GET', '/team', json(429, { err: 'slow down' }, { 'retry-after': '1' }), teams);
    await expect(client().getTeams()).resolves.toHaveLength(1);
    const [first, second] = server.requests;
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(1_000);
  });

  it('fails fast when a 429 asks for a longer wait than allowed', async () => {
    const farReset = String(Math.floor(Date.now() / 1000) + 3_600);
    server.route('GET', '/team', json(429, { err: 'Rate limit reached', ECODE: 'APP_002' }, { 'x-ratelimit-reset': farReset }));
    const error = await client({ maxRateLimitWaitMs: 5_000 })
      .getTeams()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClickupRateLimitError);
    expect((error as ClickupRateLimitError).retryAtMs).toBe(Number(farReset) * 1000);
    expect(server.requests).toHaveLength(1);
  });

  it('never retries a POST create after a timeout: one request, outcome-unknown error', async () => {
    server.route('POST', '/list/L1/task', hang());
    const c = client({ timeoutMs: 200 });
    const error = await c.createTask('L1', { name: 'Once only' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClickupWriteOutcomeUnknownError);
    expect((error as Error).message).toContain('POST /list/{list_id}/task timed out after 200 ms; not retried');
    // give a (wrong) retry time to arrive before asserting there was none
    await new Promise((r) => setTimeout(r, 150));
    expect(server.requestsTo('POST', '/list/L1/task')).toHaveLength(1);
    expect(c.stats().retries).toBe(0);
  });

  it('never retries a POST after a dropped connection or a 5xx', async () => {
    server.route('POST', '/list/L1/task', dropConnection());
    server.route('POST', '/team/T1/time_entries/start', json(500, { err: 'oops' }));
    const c = client();
    await expect(c.createTask('L1', { name: 'x' })).rejects.toBeInstanceOf(ClickupWriteOutcomeUnknownError);
    await expect(c.startTimer('T1', { taskId: 'abc' })).rejects.toBeInstanceOf(ClickupWriteOutcomeUnknownError);
    expect(server.requests).toHaveLength(2);
  });

  it('does retry a POST refused with 429: ClickUp did not process it', async () => {
    server.route('POST', '/list/L1/task', json(429, { err: 'Rate limit reached' }, { 'retry-after': '0' }), json(200, rawTask({ id: 'new1' })));
    const created = await client().createTask('L1', { name: 'x' });
    expect(created.id).toBe('new1');
    expect(server.requests).toHaveLength(2);
  });

  it('retries an idempotent PUT after a timeout', async () => {
    server.route('PUT', '/task/abc', delayed(1_000, json(200, rawTask())), json(200, rawTask({ name: 'Renamed' })));
    const updated = await client().updateTask('abc', { name: 'Renamed' });
    expect(updated.name).toBe('Renamed');
    expect(server.requests.map((r) => r.body)).toEqual([{ name: 'Renamed' }, { name: 'Renamed' }]);
  });

  it('treats a 404 on a retried DELETE as done (the lost first attempt deleted it)', async () => {
    server.route('DELETE', '/task/abc', dropConnection(), json(404, { err: 'Task not found', ECODE: 'ITEM_013' }));
    await expect(client().deleteTask('abc')).resolves.toBeUndefined();
    expect(server.requests).toHaveLength(2);
  });

  it('reports an unreachable host as unavailable after retrying', async () => {
    const closed = await FakeClickupServer.start();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const c = ClickupClient.create({ baseUrl, token: TOKEN, maxRetries: 2, retryBaseDelayMs: 10 });
    const error = await c.getTeams().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClickupUnavailableError);
    expect(error).toMatchObject({ reason: 'network', attempts: 3 });
    expect(c.stats().requests).toBe(3);
    // A refused connection means nothing was sent, so even a create is retried.
    const create = await c.createTask('L1', { name: 'x' }).catch((e: unknown) => e);
    expect(create).toBeInstanceOf(ClickupUnavailableError);
    expect(create).toMatchObject({ reason: 'network', attempts: 3 });
  });
});
