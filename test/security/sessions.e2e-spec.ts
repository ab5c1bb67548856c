import { McpStreamableHttpService } from '@rekog/mcp-nest';
import { McpSessionRegistry } from '../../src/mcp/sessions/mcp-session-registry.service';
import { startTestApp, TestApp } from '../support/test-app';
import { MCP_HEADERS, openSession, READ, report, send, sessionHeaders, TOKENS, WRITE } from './security-support';

const W = { authorization: `Bearer ${WRITE}` };
const R = { authorization: `Bearer ${READ}` };
const IDLE_MINUTES = 5;

/**
 * Sessions are bounded: idle ones are closed, each token+address holds a few at most (the least
 * recently used goes first), the server holds a bounded number in all, and shutdown closes them.
 * Before, 3,000 initialize calls were all kept, forever (RSS 484 → 697 MB, still held 25 minutes later).
 */
describe('MCP session limits', () => {
  let t: TestApp;
  let registry: McpSessionRegistry;
  const figures = { cases: 0, passed: 0 };
  const ping = (id: string, auth = W) =>
    send(`${t.url}/mcp`, { method: 'POST', headers: sessionHeaders(id, auth), body: JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'ping' }) });
  /** Sessions mcp-nest itself still holds (what actually costs memory). */
  const held = () => Object.keys((t.app.get(McpStreamableHttpService) as unknown as { transports: object }).transports).length;

  beforeAll(async () => {
    t = await startTestApp('pglite', {
      MCP_TOKENS: TOKENS,
      MCP_SESSION_IDLE_MINUTES: String(IDLE_MINUTES),
      MCP_MAX_SESSIONS_PER_CLIENT: '4',
      MCP_MAX_SESSIONS: '6',
    });
    registry = t.app.get(McpSessionRegistry);
  });
  afterAll(async () => {
    report('sessions', figures);
    await t?.close();
  });

  const check = async (fn: () => Promise<void>) => {
    figures.cases++;
    await fn();
    figures.passed++;
  };

  it('closes sessions idle for longer than MCP_SESSION_IDLE_MINUTES, but not one with an open stream', async () => {
    await check(async () => {
      const idle = await openSession(t.url, W);
      const streaming = await openSession(t.url, W);
      const stream = new AbortController();
      const res = await fetch(`${t.url}/mcp`, { headers: { ...sessionHeaders(streaming, W), accept: 'text/event-stream' }, signal: stream.signal });
      expect(res.status).toBe(200);
      const closed = await registry.sweep(Date.now() + IDLE_MINUTES * 60_000 + 1);
      expect(closed).toBeGreaterThanOrEqual(1);
      expect((await ping(idle)).status).toBe(404);
      expect((await ping(streaming)).status).toBe(200);
      stream.abort();
      // Once its stream is closed it is idle like any other (and out of the way of the next test).
      const until = Date.now() + 5000;
      while ((await ping(streaming)).status !== 404 && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
        await registry.sweep(Number.MAX_SAFE_INTEGER);
      }
      expect((await ping(streaming)).status).toBe(404);
    });
  });

  it('keeps at most MCP_MAX_SESSIONS_PER_CLIENT per token and address, closing the least recently used', async () => {
    await check(async () => {
      await registry.sweep(Number.MAX_SAFE_INTEGER);
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push(await openSession(t.url, W));
      await ping(ids[2]); // used recently: survives
      const more = await openSession(t.url, W);
      const alive = await Promise.all([...ids, more].map(async (id) => (await ping(id)).status === 200));
      expect(alive.filter(Boolean)).toHaveLength(4);
      expect(alive[2]).toBe(true);
      expect(alive[6]).toBe(true);
      expect(alive[0]).toBe(false);
    });
  });

  it('the server holds at most MCP_MAX_SESSIONS in all, whoever opens them', async () => {
    await check(async () => {
      await registry.sweep(Number.MAX_SAFE_INTEGER);
      const readSession = await openSession(t.url, R);
      for (let i = 0; i < 40; i++) await openSession(t.url, W);
      const { http } = registry.count();
      expect(http).toBeLessThanOrEqual(6);
      expect(held()).toBeLessThanOrEqual(6);
      // The read token's session is the least recently used: the global cap may have closed it (a clean 404 then).
      expect([200, 404]).toContain((await ping(readSession, R)).status);
    });
  });

  it('300 initialize calls leave at most the cap behind (memory stays bounded)', async () => {
    await check(async () => {
      for (let i = 0; i < 300; i++) {
        const r = await send(`${t.url}/mcp`, {
          method: 'POST',
          headers: { ...MCP_HEADERS, ...W },
          body: JSON.stringify({
            jsonrpc: '2.0',
            id: 1,
            method: 'initialize',
            params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'flood', version: '1' } },
          }),
        });
        expect(r.status).toBe(200);
      }
      expect(registry.count().http).toBeLessThanOrEqual(6);
      expect(held()).toBeLessThanOrEqual(6);
    });
  });

  it('an SSE session belongs to its token too: another token cannot post into it', async () => {
    await check(async () => {
      const ctrl = new AbortController();
      const res = await fetch(`${t.url}/sse`, { headers: { ...W, accept: 'text/event-stream' }, signal: ctrl.signal });
      const reader = res.body!.getReader();
      let buf = '';
      while (!/sessionId=([0-9a-f-]{36})/.test(buf)) buf += new TextDecoder().decode((await reader.read()).value);
      const sessionId = /sessionId=([0-9a-f-]{36})/.exec(buf)![1];
      const post = (auth: Record<string, string>) =>
        send(`${t.url}/messages?sessionId=${sessionId}`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
        });
      expect((await post(R)).status).toBe(403);
      expect((await post(W)).status).toBe(202);
      expect(registry.count().sse).toBe(1);
      ctrl.abort();
      await new Promise((r) => setTimeout(r, 100));
      expect(registry.count().sse).toBe(0);
    });
  });

  it('shutdown closes every session', async () => {
    await check(async () => {
      await openSession(t.url, W);
      expect(held()).toBeGreaterThan(0);
      await registry.onModuleDestroy();
      expect(registry.count()).toEqual({ http: 0, sse: 0 });
      expect(held()).toBe(0);
    });
  });
});
