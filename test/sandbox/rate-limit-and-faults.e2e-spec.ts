import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SandboxClient, TEST_NOW } from './support/sandbox-client';

describe('sandbox: rate limit, faults and stats', () => {
  let server: SandboxServer;
  let api: SandboxClient;
  let teamTasks: string;

  beforeAll(async () => {
    server = await SandboxServer.start({ size: 'tiny', now: TEST_NOW });
    api = SandboxClient.api(server);
    teamTasks = `/team/${server.store.workspaceId}/task`;
  });
  afterAll(() => server.close());
  afterEach(() => {
    server.setFaults({});
    server.setRateLimit(100);
  });

  describe('rate limit', () => {
    it('sends X-RateLimit headers on every response, the reset in epoch seconds', async () => {
      const member = server.store.currentMembers().find((m) => m.role === 3 && m.status === 'active')!;
      const fresh = SandboxClient.api(server, server.tokenFor(member.id));
      const first = await fresh.get('/team');
      const second = await fresh.get('/team');
      expect(first.headers.get('x-ratelimit-limit')).toBe('100');
      expect(first.headers.get('x-ratelimit-remaining')).toBe('99');
      expect(second.headers.get('x-ratelimit-remaining')).toBe('98');
      const reset = Number(first.headers.get('x-ratelimit-reset'));
      const nowSeconds = Date.now() / 1000;
      expect(reset).toBeGreaterThan(nowSeconds);
      expect(reset).toBeLessThanOrEqual(Math.ceil(nowSeconds) + 60);
      const error = await fresh.get('/space/1');
      expect(error.status).toBe(404);
      expect(error.headers.get('x-ratelimit-remaining')).toBe('97');
    });

    it('answers 429 APP_002 once a token spends its budget, per token, and not on admin routes', async () => {
      server.setRateLimit(5);
      const admin = server.store.currentMembers().find((m) => m.role === 2)!;
      const client = SandboxClient.api(server, server.tokenFor(admin.id));
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 7; i++) {
        last = await client.get('/team');
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expect(last!.body).toEqual({ err: 'Rate limit reached', ECODE: 'APP_002' });
      expect(last!.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(last!.headers.get('x-ratelimit-reset')).toMatch(/^\d{10}$/);
      const guest = server.store.currentMembers().find((m) => m.role === 4)!;
      expect((await SandboxClient.api(server, server.tokenFor(guest.id)).get('/team')).status).toBe(200);
      const adminRoutes = SandboxClient.admin(server);
      for (let i = 0; i < 8; i++) expect((await adminRoutes.get('/stats')).status).toBe(200);
      expect(server.stats().rateLimited).toBeGreaterThanOrEqual(2);
    });

    it('can be switched off (0): no limit and no headers', async () => {
      server.setRateLimit(0);
      const res = await api.get('/team');
      expect(res.headers.get('x-ratelimit-limit')).toBeNull();
    });
  });

  describe('faults', () => {
    it('answers 5xx: JSON for 500, an HTML page for 502/503', async () => {
      server.setFaults({ errorRate5xx: 1 });
      const seen = new Set<number>();
      for (let i = 0; i < 12; i++) {
        const res = await api.get('/team');
        seen.add(res.status);
        if (res.status === 500) expect(res.body.err).toBeDefined();
        else expect(res.text).toContain('<html>');
      }
      expect([...seen].every((s) => [500, 502, 503].includes(s))).toBe(true);
      expect(seen.size).toBeGreaterThan(1);
    });

    it('is reproducible: the same seed gives the same fault pattern', async () => {
      const run = async () => {
        server.setFaults({ errorRate5xx: 0.5, seed: 7 });
        const out: number[] = [];
        for (let i = 0; i < 16; i++) out.push((await api.get('/team')).status);
        return out;
      };
      const a = await run();
      const b = await run();
      expect(a).toEqual(b);
      expect(new Set(a).size).toBeGreaterThan(1);
    });

    it('slows responses down', async () => {
      server.setFaults({ slowRate: 1, slowMs: 250 });
      const t0 = Date.now();
      expect((await api.get('/team')).status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(240);
    });

    it('never answers a timed-out request; the client has to give up', async () => {
      server.setFaults({ timeoutRate: 1 });
      await expect(api.withTimeout(300).get('/team')).rejects.toThrow();
      expect(server.stats().faults.timeout).toBeGreaterThan(0);
    });

    it('drops the connection in the middle of the body, after processing the request', async () => {
      const task = [...server.store.state.tasks.values()].find((t) => !t.archived)!;
      server.setFaults({ dropRate: 1 });
      await expect(api.put(`/task/${task.id}`, { name: 'Written before the drop' })).rejects.toThrow();
      expect(server.store.task(task.id)!.name).toBe('Written before the drop');
      await expect(api.delete(`/task/${task.id}`)).rejects.toThrow();
      expect(server.store.task(task.id)).toBeUndefined();
      expect(server.stats().faults.drop).toBe(2);
    });

    it('sends a 429 storm with proper headers for the next N requests', async () => {
      server.setFaults({ rateLimitStorm: { requests: 3 } });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await api.get('/team');
        statuses.push(res.status);
        if (res.status === 429) {
          expect(res.body.ECODE).toBe('APP_002');
          expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
          expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 - 1);
        }
      }
      expect(statuses).toEqual([429, 429, 429, 200]);
    });

    it('corrupts exactly one response of an endpoint with malformedOnce', async () => {
      server.setFaults({ malformedOnce: 'GET /team/{id}/task', seed: 1 });
      expect((await api.get('/team')).body.teams).toBeInstanceOf(Array);
      const bad = await api.get(teamTasks);
      const tasksIsArray = Array.isArray(bad.body.tasks);
      const firstUpdated = tasksIsArray ? bad.body.tasks[0].date_updated : undefined;
      expect(!tasksIsArray || typeof firstUpdated === 'object').toBe(true);
      const good = await api.get(teamTasks);
      expect(Array.isArray(good.body.tasks)).toBe(true);
      expect(typeof good.body.tasks[0].date_updated).toBe('string');
      expect(server.stats().faults.malformed).toBe(1);
    });

    it('corrupts bodies at malformedRate, only on the endpoints listed', async () => {
      server.setFaults({ malformedRate: 1, endpoints: ['GET /team/{id}/space'] });
      expect(Array.isArray((await api.get('/team')).body.teams)).toBe(true);
      const spaces = (await api.get(`/team/${server.store.workspaceId}/space`)).body.spaces;
      // Either the array became an object, or the first space's id (its first string field) became {}.
      expect(!Array.isArray(spaces) || typeof spaces[0].id === 'object').toBe(true);
    });

    it('never touches the /_sandbox admin routes', async () => {
      server.setFaults({ errorRate5xx: 1, timeoutRate: 1 });
      const admin = SandboxClient.admin(server);
      expect((await admin.get('/stats')).status).toBe(200);
      expect((await admin.get('/dump?time_entries=false')).status).toBe(200);
    });

    it('can be changed at runtime through the admin route', async () => {
      const admin = SandboxClient.admin(server);
      const set = await admin.put('/faults', { rateLimitStorm: { requests: 1 } });
      expect(set.body.rateLimitStorm).toEqual({ requests: 1 });
      expect((await api.get('/team')).status).toBe(429);
      expect((await admin.get('/faults')).body.rateLimitStorm).toEqual({ requests: 0 });
      expect((await admin.put('/faults', { errorRate5xx: 3 })).status).toBe(400);
    });
  });

  describe('stats', () => {
    it('counts requests per endpoint template, 429s and faults, and resets', async () => {
      server.resetStats();
      await api.get('/team');
      await api.get(teamTasks);
      await api.get(`${teamTasks}?page=1`);
      server.setFaults({ rateLimitStorm: { requests: 1 } });
      await api.get('/team');
      const stats = server.stats();
      expect(stats.requests).toBe(4);
      expect(stats.byEndpoint).toEqual({ 'GET /team': 2, 'GET /team/{id}/task': 2 });
      expect(stats.rateLimited).toBe(1);
      expect(stats.faults.rateLimitStorm).toBe(1);
      const viaAdmin = await SandboxClient.admin(server).post('/stats/reset');
      expect(viaAdmin.body.requests).toBe(0);
      expect(server.stats().byEndpoint).toEqual({});
    });
  });
});
