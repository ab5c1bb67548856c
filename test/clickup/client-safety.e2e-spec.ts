import { inspect } from 'node:util';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { ClickupClient } from '../../src/clickup/clickup.client';
import {
  ClickupAuthError,
  ClickupError,
  ClickupInvalidRequestError,
  ClickupNotFoundError,
  ClickupReadOnlyError,
} from '../../src/clickup/clickup.errors';
import { rawTeam } from '../../src/clickup/testing/clickup-fixtures';
import { FakeClickupServer, delayed, dropConnection, json } from './fake-clickup.server';

// Shaped like a personal token, but not matching real ones (pk_<digits>_<20+ upper-case>).
const TOKEN = 'pk_987654_fake-secret-token-value';

/** Captures everything the Nest logger would print, at every level. */
class CapturingLogger extends ConsoleLogger {
  readonly lines: string[] = [];
  override log(message: unknown) {
    this.lines.push(`log ${String(message)}`);
  }
  override debug(message: unknown) {
    this.lines.push(`debug ${String(message)}`);
  }
  override warn(message: unknown) {
    this.lines.push(`warn ${String(message)}`);
  }
  override error(message: unknown) {
    this.lines.push(`error ${String(message)}`);
  }
  override verbose(message: unknown) {
    this.lines.push(`verbose ${String(message)}`);
  }
}

describe('ClickupClient safety over real HTTP', () => {
  let server: FakeClickupServer;
  const logger = new CapturingLogger();

  beforeAll(() => Logger.overrideLogger(logger));
  afterAll(() => Logger.overrideLogger(true));
  beforeEach(async () => {
    server = await FakeClickupServer.start();
    logger.lines.length = 0;
  });
  afterEach(async () => {
    await server.close();
  });

  describe('read-only mode', () => {
    it('refuses every non-GET call before any network I/O', async () => {
      const client = ClickupClient.create({ baseUrl: server.baseUrl, token: TOKEN, readOnly: true });
      const writes: Array<[string, () => Promise<unknown>]> = [
        ['POST /list/{list_id}/task', () => client.createTask('L1', { name: 'x' })],
        ['PUT /task/{task_id}', () => client.updateTask('t1', { name: 'y' })],
        ['DELETE /task/{task_id}', () => client.deleteTask('t1')],
        ['POST /team/{team_id}/time_entries', () => client.createTimeEntry('T1', { start: 1, duration: 1 })],
        ['PUT /team/{team_id}/time_entries/{timer_id}', () => client.updateTimeEntry('T1', 'e1', { description: 'd' })],
        ['DELETE /team/{team_id}/time_entries/{timer_id}', () => client.deleteTimeEntry('T1', 'e1')],
        ['POST /team/{team_id}/time_entries/start', () => client.startTimer('T1')],
        ['POST /team/{team_id}/time_entries/stop', () => client.stopTimer('T1')],
        ['POST /team/{team_id}/webhook', () => client.createWebhook('T1', { endpoint: 'https://x', events: ['*'] })],
        ['DELETE /webhook/{webhook_id}', () => client.deleteWebhook('w1')],
      ];
      for (const [endpoint, call] of writes) {
        const error = await call().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ClickupReadOnlyError);
        expect((error as ClickupError).endpoint).toBe(endpoint);
        expect((error as Error).message).toBe(`ClickUp client is read-only: refused ${endpoint} (no request was sent)`);
      }
      expect(server.requests).toHaveLength(0);
      expect(client.stats().requests).toBe(0);
      expect(client.budgetSnapshot().usedInWindow).toBe(0);
    });

    it('still serves reads', async () => {
      server.route('GET', '/team', json(200, { teams: [rawTeam()] }));
      const client = ClickupClient.create({ baseUrl: server.baseUrl, token: TOKEN, readOnly: true });
      await expect(client.getTeams()).resolves.toHaveLength(1);
    });
  });

  describe('credentials', () => {
    it('sends a personal token bare and an OAuth token with its Bearer prefix', async () => {
      server.route('GET', '/team', json(200, { teams: [] }));
      await ClickupClient.create({ baseUrl: server.baseUrl, token: TOKEN }).getTeams();
      await ClickupClient.create({ baseUrl: server.baseUrl, token: 'Bearer oauth_abc123' }).getTeams();
      expect(server.requests.map((r) => r.headers.authorization)).toEqual([TOKEN, 'Bearer oauth_abc123']);
    });

    it('keeps the token out of error messages, JSON, inspect output and logs for every failure kind', async () => {
      server.route('GET', '/team', json(401, { err: `Token ${TOKEN} not authorized`, ECODE: 'OAUTH_027' }));
      server.route('GET', '/task/gone', json(404, { err: 'Task not found', ECODE: 'ITEM_013' }));
      server.route('GET', '/space/S1', delayed(1_000, json(200, {})));
      server.route('GET', '/folder/F1', dropConnection());
      server.route('GET', '/list/L1', json(200, { id: 5 }));
      const client = ClickupClient.create({
        baseUrl: server.baseUrl,
        token: TOKEN,
        timeoutMs: 500, // long enough for a loaded CI machine; the delayed route takes 1 s
        maxRetries: 1,
        retryBaseDelayMs: 10,
      });

      const errors = [
        await client.getTeams().catch((e: unknown) => e),
        await client.getTask('gone').catch((e: unknown) => e),
        await client.getSpace('S1').catch((e: unknown) => e),
        await client.getFolder('F1').catch((e: unknown) => e),
        await client.getList('L1').catch((e: unknown) => e),
        await client.getTask('x', { customTaskIds: true }).catch((e: unknown) => e),
        await client.getTask('').catch((e: unknown) => e),
      ];
      expect(errors[0]).toBeInstanceOf(ClickupAuthError);
      expect(errors[1]).toBeInstanceOf(ClickupNotFoundError);
      expect(errors[5]).toBeInstanceOf(ClickupInvalidRequestError);
      expect(errors[6]).toBeInstanceOf(ClickupInvalidRequestError);
      expect((errors[6] as Error).message).toBe('GET /task/{task_id}: missing path parameter "task_id" for /task/{task_id}');
      const secret = TOKEN.slice(TOKEN.indexOf('_', 3) + 1); // the part after pk_987654_
      for (const error of errors) {
        expect(error).toBeInstanceOf(ClickupError);
        const e = error as ClickupError;
        expect(e.message).not.toContain(secret);
        expect(JSON.stringify(e)).not.toContain(secret);
        expect(inspect(e, { depth: 20, showHidden: true })).not.toContain(secret);
        expect(e.stack ?? '').not.toContain(secret);
      }
      expect((errors[0] as Error).message).toBe('ClickUp API 401 OAUTH_027 on GET /team: Token [redacted] not authorized');
      expect(logger.lines.join('\n')).not.toContain(secret);
      // Logging does happen: method + template + status + duration, at debug level.
      expect(logger.lines.some((l) => /^debug GET \/team 401 \d+ms$/.test(l))).toBe(true);
    });
  });

  describe('stats', () => {
    it('counts attempts per endpoint template and resets', async () => {
      server.route('GET', '/team', json(200, { teams: [] }));
      server.route('GET', /^\/space\/S\d$/, json(500, {}), json(200, { id: 'S1', name: 'Space' }));
      const client = ClickupClient.create({ baseUrl: server.baseUrl, token: TOKEN, retryBaseDelayMs: 5 });
      await client.getTeams();
      await client.getSpace('S1');
      await client.getSpace('S2');
      expect(client.stats()).toMatchObject({
        requests: 4,
        retries: 1,
        rateLimited: 0,
        failures: 0,
        requestsByEndpoint: { 'GET /team': 1, 'GET /space/{space_id}': 3 },
      });
      client.resetStats();
      expect(client.stats()).toMatchObject({ requests: 0, retries: 0, requestsByEndpoint: {} });
    });
  });
});
