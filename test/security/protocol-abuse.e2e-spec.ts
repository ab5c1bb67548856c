import { Logger } from '@nestjs/common';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { SyncRunnerService } from '../../src/sync/sync-runner.service';
import { signWebhookBody } from '../../src/sync/webhooks/webhook-signature';
import { AppConfig } from '../../src/config/app-config';
import { createHttpApp } from '../../src/bootstrap';
import { BASE_TEST_ENV, startTestApp, TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';
import {
  INITIALIZE,
  LEAK,
  MCP_HEADERS,
  openSession,
  RawResponse,
  report,
  rpcMessages,
  send,
  sessionHeaders,
  TOKENS,
  WEBHOOK_SECRET,
  WRITE,
} from './security-support';

type Check = (r: RawResponse) => void;
interface Case {
  name: string;
  run: () => Promise<RawResponse>;
  check: Check;
}

const AUTH = { authorization: `Bearer ${WRITE}` };
const nested = (depth: number, leaf = '1') => '['.repeat(depth) + leaf + ']'.repeat(depth);
const status =
  (...allowed: number[]): Check =>
  (r) => {
    if (!allowed.includes(r.status)) throw new Error(`status ${r.status}, expected ${allowed.join(' or ')}: ${r.text.slice(0, 200)}`);
  };
const rpcError =
  (code: number, pattern?: RegExp): Check =>
  (r) => {
    expect(r.status).toBe(200);
    const [m] = rpcMessages(r.text);
    expect(m.error?.code).toBe(code);
    if (pattern) expect(m.error?.message).toMatch(pattern);
    // One sentence: no zod dump, no line breaks.
    expect(m.error?.message).not.toMatch(/\n|"code":|invalid_type/);
  };
const toolError =
  (pattern: RegExp): Check =>
  (r) => {
    expect(r.status).toBe(200);
    const [m] = rpcMessages(r.text);
    expect(m.result?.isError).toBe(true);
    const text = (m.result?.content as { text: string }[])[0].text;
    expect(text).toMatch(pattern);
    expect(text).not.toMatch(/\n|Internal error/);
  };

/**
 * Transport and protocol edges that used to answer 500 or a zod dump, and their neighbours:
 * hostile session ids, absurd nesting and sizes, malformed JSON-RPC, non-object arguments, REST
 * parameters PostgreSQL cannot take, odd webhook deliveries. Every case answers a clean 4xx (or
 * a clean MCP error) quickly, no response leaks internals, and the server stays up throughout.
 */
describe('protocol abuse', () => {
  let sandbox: SandboxServer;
  let t: TestApp;
  let sid: string;
  const figures = { cases: 0, passed: 0, serverErrors: 0 };

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 37, rateLimitPerMinute: 0 });
    t = await startTestApp('pglite', {
      CLICKUP_API_TOKEN: sandbox.ownerToken,
      CLICKUP_API_BASE_URL: sandbox.baseUrl,
      MCP_TOKENS: TOKENS,
      WEBHOOK_SECRET,
    });
    expect((await t.app.get(SyncRunnerService).runNow('full', 'test')).run?.status).toBe('succeeded');
    sid = await openSession(t.url, AUTH);
  });
  afterAll(async () => {
    report('protocol-abuse', figures);
    await t?.close();
    await sandbox?.close();
  });

  const mcp = (body: string | object, headers: Record<string, string> = sessionHeaders(sid, AUTH), method = 'POST') =>
    send(`${t.url}/mcp`, {
      method,
      headers,
      body: method === 'POST' ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
      signal: AbortSignal.timeout(10_000),
    });
  const call = (params: unknown) => mcp({ jsonrpc: '2.0', id: 7, method: 'tools/call', params });
  const rest = (path: string, init: RequestInit = {}) =>
    send(`${t.url}${path}`, { ...init, headers: { ...AUTH, ...(init.headers as Record<string, string>) } });
  const hook = (body: string, contentType: string, sign = true) =>
    send(`${t.url}/webhooks/clickup`, {
      method: 'POST',
      body,
      headers: { 'content-type': contentType, ...(sign ? { 'x-signature': signWebhookBody(Buffer.from(body), WEBHOOK_SECRET) } : {}) },
    });

  function cases(): Case[] {
    const list: Case[] = [];
    const add = (name: string, run: () => Promise<RawResponse>, check: Check) => list.push({ name, run, check });

    // Session ids mcp-nest looked up in a plain object.
    for (const id of [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      '__defineGetter__',
      'prototype',
      'null',
      'undefined',
      '0',
      '-1',
      'x'.repeat(2000),
      '00000000-0000-0000-0000-000000000000',
      "' OR '1'='1",
      '../../etc/passwd',
    ]) {
      add(
        `POST /mcp with Mcp-Session-Id ${id.slice(0, 30)}`,
        () => mcp({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, sessionHeaders(id, AUTH)),
        status(404),
      );
    }
    for (const method of ['GET', 'DELETE'])
      add(`${method} /mcp with Mcp-Session-Id __proto__`, () => mcp('', sessionHeaders('__proto__', AUTH), method), status(404));
    add(
      'POST /mcp with the session id upper-cased (ids are exact)',
      () => mcp({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, sessionHeaders(sid.toUpperCase(), AUTH)),
      status(404),
    );
    add(
      'POST /messages with sessionId=__proto__',
      () => send(`${t.url}/messages?sessionId=__proto__`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: '{}' }),
      status(404),
    );
    add(
      'POST /messages with sessionId=constructor',
      () => send(`${t.url}/messages?sessionId=constructor`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: '{}' }),
      status(404),
    );
    add(
      'POST /messages without a sessionId',
      () => send(`${t.url}/messages`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: '{}' }),
      status(400, 404),
    );

    // Nesting and size.
    for (const depth of [100, 10_000, 100_000]) {
      // Beyond 100 KB the size limit answers first (413); below it the nesting limit (400).
      add(
        `initialize with params nested ${depth} deep`,
        () => mcp(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"x":${nested(depth)}}}`, { ...MCP_HEADERS, ...AUTH }),
        status(400, 413),
      );
      add(
        `tools/call with arguments nested ${depth} deep`,
        () => mcp(`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_tasks","arguments":{"x":${nested(depth)}}}}`),
        status(400, 413),
      );
      add(
        `REST POST /sync/members with a body nested ${depth} deep`,
        () => rest('/sync/members', { method: 'POST', body: nested(depth), headers: { 'content-type': 'application/json' } }),
        status(400, 413),
      );
    }
    add(
      'tools/call with arguments nested 40 deep (legal JSON, unknown key)',
      () => mcp(`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_tasks","arguments":{"x":${nested(40)}}}}`),
      toolError(/^unknown argument 'x'/),
    );
    add(
      'POST /mcp with a 2 MB body',
      () => mcp(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(2_000_000) } })),
      (r) => {
        expect(r.status).toBe(413);
        expect(JSON.parse(r.text)).toMatchObject({ jsonrpc: '2.0', error: { code: -32600, message: expect.stringMatching(/too large/) } });
      },
    );
    add(
      'REST POST with a 2 MB body',
      () =>
        rest('/sync/members', {
          method: 'POST',
          body: JSON.stringify({ pad: 'x'.repeat(2_000_000) }),
          headers: { 'content-type': 'application/json' },
        }),
      status(413),
    );
    add(
      'a tool argument of 90 KB',
      () => call({ name: 'search_tasks', arguments: { query: 'x'.repeat(90_000) } }),
      toolError(/^argument 'query' must be at most 200 characters/),
    );

    // Malformed JSON-RPC.
    add(
      'POST /mcp with malformed JSON',
      () => mcp('{"jsonrpc":"2.0",', { ...MCP_HEADERS, ...AUTH }),
      (r) => {
        expect(r.status).toBe(400);
        expect(JSON.parse(r.text)).toMatchObject({ error: { code: -32700 } });
      },
    );
    add(
      'POST /mcp with text/plain',
      () => mcp(JSON.stringify(INITIALIZE), { accept: MCP_HEADERS.accept, 'content-type': 'text/plain', ...AUTH }),
      status(400, 415),
    );
    add('POST /mcp without Accept', () => mcp(JSON.stringify(INITIALIZE), { 'content-type': 'application/json', ...AUTH }), status(406));
    add('an empty batch', () => mcp([]), status(202, 400));
    add('a batch of 50 pings', () => mcp(Array.from({ length: 50 }, (_, i) => ({ jsonrpc: '2.0', id: i + 1, method: 'ping' }))), status(200));
    add(
      'initialize inside a batch with other requests, no session',
      () => mcp([INITIALIZE, { jsonrpc: '2.0', id: 2, method: 'ping' }], { ...MCP_HEADERS, ...AUTH }),
      status(400),
    );
    add('initialize again on an initialized session', () => mcp(INITIALIZE), status(400));
    add('a request without method', () => mcp({ jsonrpc: '2.0', id: 3 }), status(400));
    add('an unknown method', () => mcp({ jsonrpc: '2.0', id: 3, method: 'tools/destroy' }), rpcError(-32601));
    add('a method named __proto__', () => mcp({ jsonrpc: '2.0', id: 3, method: '__proto__' }), rpcError(-32601));
    add('an object as request id', () => mcp({ jsonrpc: '2.0', id: { a: 1 }, method: 'ping' }), status(200, 400));
    add('jsonrpc 1.0', () => mcp({ jsonrpc: '1.0', id: 3, method: 'ping' }), status(400));
    add('tools/call without params', () => mcp({ jsonrpc: '2.0', id: 3, method: 'tools/call' }), rpcError(-32602));
    add('tools/call without a name', () => call({ arguments: {} }), rpcError(-32602));
    add('tools/call of an unknown tool', () => call({ name: 'drop_database', arguments: {} }), rpcError(-32601, /Unknown tool/));
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
      add(`tools/call of a tool named ${name}`, () => call({ name, arguments: {} }), rpcError(-32601));
    add('tools/call with a number as name', () => call({ name: 42, arguments: {} }), rpcError(-32602));

    // Arguments that are not an object (small models send stringified JSON).
    add('arguments as a JSON string', () => call({ name: 'get_task', arguments: '{"task":"zz-no-such-task"}' }), toolError(/^No task/));
    add(
      'arguments as an empty string',
      () => call({ name: 'get_sync_status', arguments: '' }),
      (r) => expect(rpcMessages(r.text)[0].result?.isError).toBeFalsy(),
    );
    add(
      'arguments null',
      () => call({ name: 'get_sync_status', arguments: null }),
      (r) => expect(rpcMessages(r.text)[0].result?.isError).toBeFalsy(),
    );
    add('arguments null on a tool that needs one', () => call({ name: 'get_task', arguments: null }), toolError(/^missing required argument 'task'/));
    add(
      'arguments as an array',
      () => call({ name: 'get_tasks', arguments: [1, 2] }),
      rpcError(-32602, /^arguments must be a JSON object of named arguments.*got a list$/),
    );
    add('arguments as a number', () => call({ name: 'get_tasks', arguments: 5 }), rpcError(-32602, /got a whole number$/));
    add('arguments as true', () => call({ name: 'get_tasks', arguments: true }), rpcError(-32602, /got true\/false$/));
    add('arguments as a string that is not JSON', () => call({ name: 'get_tasks', arguments: 'list=Sprint' }), rpcError(-32602, /not JSON$/));
    add('arguments as a JSON string holding an array', () => call({ name: 'get_tasks', arguments: '[1]' }), rpcError(-32602, /got a list$/));
    add(
      'an unknown argument',
      () => call({ name: 'get_tasks', arguments: { assignee_name: 'Tara' } }),
      toolError(/^unknown argument 'assignee_name' — did you mean 'assignee'\?$/),
    );
    // Parsed into the arguments object's own prototype at most (never Object.prototype), and never taken as an argument.
    add(
      'a __proto__ argument',
      () => mcp(`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"get_task","arguments":{"__proto__":{"task":"x"}}}}`),
      (r) => {
        toolError(/^(unknown argument '__proto__'|missing required argument 'task')/)(r);
        expect(({} as { task?: unknown }).task).toBeUndefined();
      },
    );
    add(
      'a NUL inside a task id',
      () => call({ name: 'get_task', arguments: { task: 'MOB\u0000-1' } }),
      (r) => expect(rpcMessages(r.text)[0].result?.content).toBeDefined(),
    );
    add(
      'a date in the year 9999',
      () => call({ name: 'get_tasks', arguments: { due_from: '9999-12-31' } }),
      toolError(/out of range: use a date between 1970-01-01 and 2100-12-31/),
    );
    add('2026-02-30', () => call({ name: 'get_tasks', arguments: { updated_to: '2026-02-30' } }), toolError(/updated_to '2026-02-30'/));

    // Other methods and paths.
    add('GET /mcp without a session', () => mcp('', { ...AUTH, accept: 'text/event-stream' }, 'GET'), status(400));
    add('DELETE /mcp without a session', () => mcp('', { ...AUTH }, 'DELETE'), status(400));
    for (const method of ['PUT', 'PATCH']) add(`${method} /mcp`, () => send(`${t.url}/mcp`, { method, headers: AUTH, body: '{}' }), status(404, 405));
    add('OPTIONS /mcp', () => send(`${t.url}/mcp`, { method: 'OPTIONS', headers: AUTH }), status(200, 204, 404, 405));
    add('HEAD /health', () => send(`${t.url}/health`, { method: 'HEAD' }), status(200));
    add('an unknown path', () => rest('/api/does-not-exist'), status(404));
    add('a path with an encoded traversal', () => rest('/api/tasks/..%2F..%2F..%2Fetc%2Fpasswd'), status(400, 404));
    add('a path with a NUL', () => rest('/api/tasks/%00'), status(400, 404));

    // REST parameters PostgreSQL cannot take.
    add('GET /sync/runs?kind=%00', () => rest('/sync/runs?kind=%00'), status(400));
    add('GET /sync/runs?kind=full%00', () => rest('/sync/runs?kind=full%00'), status(200));
    add('GET /sync/runs?status=%00', () => rest('/sync/runs?status=%00'), status(400));
    add('GET /sync/runs?kind[]=full (not a filter in Express 5)', () => rest('/sync/runs?kind[]=full&kind[]=x'), status(200, 400));
    add('GET /sync/runs?kind=full&kind=x', () => rest('/sync/runs?kind=full&kind=x'), status(400));
    add('GET /sync/runs?limit=-1', () => rest('/sync/runs?limit=-1'), status(400));
    add('GET /sync/runs?limit=1e309', () => rest('/sync/runs?limit=1e309'), status(400));
    add('GET /sync/runs?offset=99999999999999999999', () => rest('/sync/runs?offset=99999999999999999999'), status(400));
    add('GET /sync/runs/99999999999999999999', () => rest('/sync/runs/99999999999999999999'), status(400));
    add('GET /sync/runs/2147483648', () => rest('/sync/runs/2147483648'), status(400));
    add('GET /sync/runs/-1', () => rest('/sync/runs/-1'), status(400));
    add('GET /sync/runs/1e3', () => rest('/sync/runs/1e3'), status(400));
    add('GET /sync/runs/0x10', () => rest('/sync/runs/0x10'), status(400));
    add('POST /sync/snapshot?date=2026-02-30', () => rest('/sync/snapshot?date=2026-02-30', { method: 'POST' }), status(400));
    add('POST /sync/snapshot?date=9999-12-31', () => rest('/sync/snapshot?date=9999-12-31', { method: 'POST' }), status(400));
    add('POST /sync/snapshot?date=%00', () => rest('/sync/snapshot?date=%00', { method: 'POST' }), status(400));
    add('GET /api/tasks/search?q=%00', () => rest('/api/tasks/search?q=%00'), status(200, 400));
    add('GET /api/tasks/search?q=%25_%25', () => rest('/api/tasks/search?q=%25_%25'), status(200));
    add('GET /api/tasks/search?limit=abc', () => rest('/api/tasks/search?q=a&limit=abc'), status(200, 400));
    add('GET /api/tasks/<300 chars>', () => rest(`/api/tasks/${'x'.repeat(300)}`), status(400, 404));
    add('GET /api/hierarchy?workspace=%00', () => rest('/api/hierarchy?workspace=%00'), status(200, 400, 404));
    add('GET /api/members?workspace=x%00y', () => rest('/api/members?workspace=x%00y'), status(400, 404));

    // Webhook deliveries.
    const now = Date.now();
    const fresh = (id: string) =>
      JSON.stringify({ event: 'taskUpdated', task_id: 'zz-none', webhook_id: 'w', history_items: [{ id, date: String(now) }] });
    add(
      'a signed text/plain delivery',
      () => hook(fresh('h1'), 'text/plain'),
      (r) => {
        expect(r.status).toBe(200);
        expect(JSON.parse(r.text)).toEqual({ accepted: true });
      },
    );
    add(
      'the same delivery again (replay)',
      () => hook(fresh('h1'), 'text/plain'),
      (r) => expect(JSON.parse(r.text)).toEqual({ accepted: false, reason: 'duplicate' }),
    );
    const stale = JSON.stringify({
      event: 'spaceUpdated',
      space_id: '1',
      webhook_id: 'w',
      history_items: [{ id: 'h2', date: String(Date.now() - 3 * 3_600_000) }],
    });
    add(
      'a validly signed delivery from three hours ago',
      () => hook(stale, 'application/json'),
      (r) => expect(JSON.parse(r.text)).toEqual({ accepted: false, reason: 'stale' }),
    );
    add('a signed delivery as application/octet-stream', () => hook(fresh('h3'), 'application/octet-stream'), status(415));
    add('a signed text/plain delivery that is not JSON', () => hook('not json', 'text/plain'), status(400));
    add('an unsigned delivery', () => hook(fresh('h4'), 'application/json', false), status(401));
    add('a signed delivery nested 10,000 deep', () => hook(`{"event":"taskUpdated","x":${nested(10_000)}}`, 'application/json'), status(400));
    return list;
  }

  it('every case answers a clean 4xx or MCP error, quickly, without leaking internals', async () => {
    const failures: string[] = [];
    for (const c of cases()) {
      figures.cases++;
      try {
        const r = await c.run();
        if (r.status >= 500) figures.serverErrors++;
        c.check(r);
        expect(r.status).toBeLessThan(500);
        expect(r.ms).toBeLessThan(5000);
        expect(r.text).not.toMatch(LEAK);
        figures.passed++;
      } catch (e) {
        failures.push(`${c.name}: ${(e as Error).message.split('\n').slice(0, 6).join(' ')}`);
      }
    }
    expect(failures).toEqual([]);
    expect((await send(`${t.url}/health`)).status).toBe(200);
  }, 90_000);

  it('a body too large is logged as a client error (a warning), not an error with a stack', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const error = jest.spyOn(Logger.prototype, 'error');
    try {
      figures.cases++;
      const r = await rest('/sync/members', {
        method: 'POST',
        body: JSON.stringify({ pad: 'x'.repeat(200_000) }),
        headers: { 'content-type': 'application/json' },
      });
      expect(r.status).toBe(413);
      expect(warn.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/413 — Request body too large/);
      expect(error).not.toHaveBeenCalled();
      figures.passed++;
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });

  it('HOST=[::1] (as written in URLs) is understood: the server listens on ::1 instead of dying with a stack trace', async () => {
    figures.cases++;
    const db = await createTestDatabase('pglite');
    const app = await createHttpApp({ env: { ...BASE_TEST_ENV, ...db.env, HOST: '[::1]' }, ignoreEnvFile: true, pglite: db.pglite });
    try {
      const cfg = app.get(AppConfig);
      expect(cfg.http.host).toBe('::1');
      const server = await app.listen(0, cfg.http.host);
      const { port } = server.address() as { port: number };
      expect((await fetch(`http://[::1]:${port}/health`)).status).toBe(200);
      figures.passed++;
    } finally {
      await app.close();
      await db.drop();
    }
  });
});
