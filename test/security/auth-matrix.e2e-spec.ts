import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { startTestApp, TestApp } from '../support/test-app';
import {
  ALLOWED_HOST,
  EXPIRED,
  INITIALIZE,
  LEAK,
  MCP_HEADERS,
  openSession,
  READ,
  report,
  rpcMessages,
  send,
  sessionHeaders,
  TOKENS,
  WEBHOOK_SECRET,
  WRITE,
} from './security-support';

type Access = 'open' | 'signed' | 'read' | 'write' | 'mcp';
interface Route {
  method: string;
  path: string;
  access: Access;
  body?: string;
  headers?: Record<string, string>;
}
interface Credential {
  name: string;
  authorization?: string;
  /** What the credential proves, per the contract: nothing, read, or write. */
  grants: 'none' | 'read' | 'write';
}
interface Place {
  name: string;
  host: string | null;
  origin?: string;
  /** The contract: refused before anything else (DNS rebinding, foreign browser page). */
  refused: boolean;
}

const CREDENTIALS: Credential[] = [
  { name: 'no token', grants: 'none' },
  { name: 'Basic scheme', authorization: `Basic ${WRITE}`, grants: 'none' },
  { name: 'wrong token', authorization: 'Bearer not-a-real-token-0123456789', grants: 'none' },
  { name: 'expired token', authorization: `Bearer ${EXPIRED}`, grants: 'none' },
  { name: 'read token', authorization: `Bearer ${READ}`, grants: 'read' },
  { name: 'write token', authorization: `Bearer ${WRITE}`, grants: 'write' },
];

/**
 * The expected status class of one request, from the contract alone (README "Access control"):
 * a foreign Host or Origin is refused (403) on every route; /health and /docs are open; the
 * webhook receiver wants a signature (none here: 401); everything else wants a token (401),
 * and anything that is not a GET a write token (403 for a read token).
 */
function expected(route: Route, cred: Credential, place: Place): 'refused-403' | 'unauthorized-401' | 'allowed' {
  if (place.refused) return 'refused-403';
  if (route.access === 'open') return 'allowed';
  if (route.access === 'signed') return 'unauthorized-401';
  if (cred.grants === 'none') return 'unauthorized-401';
  if (route.access === 'write' && cred.grants !== 'write') return 'refused-403';
  return 'allowed';
}

/**
 * Every route × every credential variant × Host/Origin: the REST routes come from the live
 * OpenAPI document (a route added later is covered without editing this file), plus the MCP
 * endpoints, Swagger and the webhook receiver. Then the MCP side per tool: what a read token
 * and a write token may list and call, and who may use whose session.
 */
describe('auth matrix', () => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let port: number;
  const figures = { cases: 0, passed: 0 };

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 31, rateLimitPerMinute: 0 });
    t = await startTestApp('pglite', {
      CLICKUP_API_TOKEN: sandbox.ownerToken,
      CLICKUP_API_BASE_URL: sandbox.baseUrl,
      MCP_TOKENS: TOKENS,
      MCP_ALLOWED_HOSTS: ALLOWED_HOST,
      WEBHOOK_SECRET,
    });
    port = Number(new URL(t.url).port);
    expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
  });
  afterAll(async () => {
    report('auth-matrix', figures);
    await t?.close();
    await sandbox?.close();
  });

  async function routes(): Promise<Route[]> {
    const doc = (await (await fetch(`${t.url}/docs-json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const task = sandbox.store.dump().tasks[0].id;
    const out: Route[] = [];
    for (const [p, ops] of Object.entries(doc.paths)) {
      // The MCP endpoints are listed too; they are added below with their own contract.
      if (/^\/(mcp|sse|messages)$/.test(p)) continue;
      for (const method of Object.keys(ops)) {
        const path = p.replace('{id}', p.startsWith('/api/tasks') ? task : '1');
        const m = method.toUpperCase();
        if (path === '/health') out.push({ method: m, path, access: 'open' });
        else if (path === '/webhooks/clickup')
          out.push({ method: m, path, access: 'signed', body: '{"event":"taskUpdated"}', headers: { 'content-type': 'application/json' } });
        else out.push({ method: m, path, access: m === 'GET' ? 'read' : 'write' });
      }
    }
    expect(out.length).toBeGreaterThanOrEqual(12);
    out.push(
      { method: 'GET', path: '/docs', access: 'open' },
      { method: 'GET', path: '/docs-json', access: 'open' },
      { method: 'POST', path: '/mcp', access: 'mcp', body: JSON.stringify(INITIALIZE), headers: MCP_HEADERS },
      { method: 'GET', path: '/sse', access: 'mcp', headers: { accept: 'text/event-stream' } },
      { method: 'GET', path: '/mcp', access: 'mcp', headers: { accept: 'text/event-stream' } },
      { method: 'DELETE', path: '/mcp', access: 'mcp' },
      {
        method: 'POST',
        path: '/messages?sessionId=00000000-0000-0000-0000-000000000000',
        access: 'mcp',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      },
    );
    return out;
  }

  it('every route × every credential × Host/Origin answers per the contract', async () => {
    const places: Place[] = [
      { name: 'loopback', host: `127.0.0.1:${port}`, refused: false },
      { name: 'localhost name', host: `localhost:${port}`, refused: false },
      { name: 'configured name', host: ALLOWED_HOST, refused: false },
      { name: 'loopback with a loopback Origin', host: `127.0.0.1:${port}`, origin: 'http://localhost:5173', refused: false },
      { name: 'DNS rebinding (foreign Host)', host: `evil.example:${port}`, refused: true },
      { name: 'foreign Host that ends like an allowed one', host: `x${ALLOWED_HOST}.evil.example`, refused: true },
      { name: 'foreign browser Origin', host: `127.0.0.1:${port}`, origin: 'https://evil.example', refused: true },
    ];
    const failures: string[] = [];
    for (const route of await routes()) {
      for (const cred of CREDENTIALS) {
        for (const place of places) {
          const want = expected(route, cred, place);
          const headers: Record<string, string> = { ...(route.headers ?? {}) };
          if (cred.authorization) headers.authorization = cred.authorization;
          if (place.origin) headers.origin = place.origin;
          const r = await rawRequest(port, route.method, route.path, place.host, headers, route.body);
          figures.cases++;
          const got = r.status === 403 ? 'refused-403' : r.status === 401 ? 'unauthorized-401' : 'allowed';
          const ok = got === want && r.status < 500 && !LEAK.test(r.body) && (!place.refused || !r.body.includes('@example'));
          if (ok) figures.passed++;
          else failures.push(`${route.method} ${route.path} [${cred.name}, ${place.name}]: want ${want}, got ${r.status} ${r.body.slice(0, 120)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('a DNS-rebinding page learns nothing: /api/members with a foreign Host carries no member data', async () => {
    const r = await rawRequest(port, 'GET', '/api/members', 'evil.example:8001', { authorization: `Bearer ${READ}` });
    figures.cases++;
    expect(r.status).toBe(403);
    expect(r.body).toContain('MCP_ALLOWED_HOSTS');
    expect(r.body).not.toMatch(/@|email/i);
    figures.passed++;
  });

  it('per tool: a read token lists and calls only read-only tools; anything that writes or spends the ClickUp budget needs write', async () => {
    const list = async (auth: string) => {
      const id = await openSession(t.url, { authorization: auth });
      const r = await send(`${t.url}/mcp`, {
        method: 'POST',
        headers: sessionHeaders(id, { authorization: auth }),
        body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
      });
      return { id, tools: (rpcMessages(r.text)[0].result as { tools: { name: string; annotations: { readOnlyHint?: boolean } }[] }).tools };
    };
    const w = await list(`Bearer ${WRITE}`);
    const r = await list(`Bearer ${READ}`);
    const readable = new Set(r.tools.map((x) => x.name));
    expect(w.tools.map((x) => x.name)).toEqual(expect.arrayContaining(['trigger_sync', 'invalidate_cache', 'create_task', 'get_tasks']));
    for (const tool of w.tools) {
      const readOnly = tool.annotations.readOnlyHint === true;
      figures.cases += 2;
      // Listing: a read token sees exactly the read-only tools.
      expect({ tool: tool.name, visibleToRead: readable.has(tool.name) }).toEqual({ tool: tool.name, visibleToRead: readOnly });
      figures.passed++;
      // Calling: refused before the tool runs (no ClickUp request) unless read-only.
      sandbox.resetStats();
      const call = await send(`${t.url}/mcp`, {
        method: 'POST',
        headers: sessionHeaders(r.id, { authorization: `Bearer ${READ}` }),
        body: JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: tool.name, arguments: {} } }),
      });
      const [msg] = rpcMessages(call.text);
      if (readOnly) expect({ tool: tool.name, refused: Boolean(msg.error) }).toEqual({ tool: tool.name, refused: false });
      else {
        expect({ tool: tool.name, error: msg.error?.message }).toEqual({
          tool: tool.name,
          error: expect.stringMatching(/requires scopes|insufficient/i),
        });
        expect(sandbox.stats().requests).toBe(0);
      }
      figures.passed++;
    }
    // REST says the same about the same operations.
    expect((await send(`${t.url}/sync/incremental`, { method: 'POST', headers: { authorization: `Bearer ${READ}` } })).status).toBe(403);
  });

  it('a session belongs to the token that created it: another token can neither use nor delete it', async () => {
    const owned = await openSession(t.url, { authorization: `Bearer ${WRITE}` });
    const listAs = (auth: string) =>
      send(`${t.url}/mcp`, {
        method: 'POST',
        headers: sessionHeaders(owned, { authorization: auth }),
        body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
      });
    const cases: [string, () => Promise<{ status: number; text: string }>, number][] = [
      ['read token lists tools on a write session', () => listAs(`Bearer ${READ}`), 403],
      [
        'read token calls create_task on a write session',
        () =>
          send(`${t.url}/mcp`, {
            method: 'POST',
            headers: sessionHeaders(owned, { authorization: `Bearer ${READ}` }),
            body: JSON.stringify({
              jsonrpc: '2.0',
              id: 10,
              method: 'tools/call',
              params: { name: 'create_task', arguments: { list: 'x', name: 'y' } },
            }),
          }),
        403,
      ],
      [
        'read token opens the stream of a write session',
        () =>
          send(`${t.url}/mcp`, {
            method: 'GET',
            headers: { ...sessionHeaders(owned, { authorization: `Bearer ${READ}` }), accept: 'text/event-stream' },
            signal: AbortSignal.timeout(3000),
          }),
        403,
      ],
      [
        'read token deletes a write session',
        () => send(`${t.url}/mcp`, { method: 'DELETE', headers: sessionHeaders(owned, { authorization: `Bearer ${READ}` }) }),
        403,
      ],
      ['expired token on a write session', () => listAs(`Bearer ${EXPIRED}`), 401],
      ['the owner still uses it', () => listAs(`Bearer ${WRITE}`), 200],
      [
        'the owner deletes it',
        () => send(`${t.url}/mcp`, { method: 'DELETE', headers: sessionHeaders(owned, { authorization: `Bearer ${WRITE}` }) }),
        200,
      ],
      ['it is gone afterwards', () => listAs(`Bearer ${WRITE}`), 404],
    ];
    for (const [why, run, status] of cases) {
      figures.cases++;
      const r = await run();
      expect({ why, status: r.status }).toEqual({ why, status });
      if (status !== 200) expect(r.text).not.toMatch(/create_task/);
      figures.passed++;
    }
  });

  it('scopes are decided per request: X-MCP-Toolsets on a later request narrows that request', async () => {
    const id = await openSession(t.url, { authorization: `Bearer ${WRITE}` });
    const names = async (extra: Record<string, string>) => {
      const r = await send(`${t.url}/mcp`, {
        method: 'POST',
        headers: sessionHeaders(id, { authorization: `Bearer ${WRITE}`, ...extra }),
        body: JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'tools/list' }),
      });
      return (rpcMessages(r.text)[0].result as { tools: { name: string }[] }).tools.map((x) => x.name);
    };
    figures.cases += 2;
    expect(await names({ 'x-mcp-toolsets': 'workspace' })).not.toContain('get_tasks');
    expect(await names({})).toContain('get_tasks');
    figures.passed += 2;
  });
});

/** A request with an arbitrary Host header (fetch forbids setting it). */
function rawRequest(
  port: number,
  method: string,
  path: string,
  host: string | null,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const http = require('node:http') as typeof import('node:http');
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: { ...headers, ...(host ? { host } : {}) } }, (res) => {
      let data = '';
      const isStream = String(res.headers['content-type'] ?? '').includes('text/event-stream');
      res.on('data', (d: Buffer) => {
        data += d.toString();
        // An SSE stream that opened is "allowed": read its first event and hang up.
        if (isStream) req.destroy();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
      res.on('close', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
    req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path}: no answer in 10 s`)));
    if (body) req.write(body);
    req.end();
  });
}
