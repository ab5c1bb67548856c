import { ClickupClient } from '../../src/clickup/clickup.client';
import { ClickupReadOnlyError } from '../../src/clickup/clickup.errors';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { startTestApp, TestApp } from '../support/test-app';
import { TOOL_CONTRACT } from '../support/tool-contract';
import { connectClient } from './mcp-clients';

const WRITE = 'write-token-0123456789abcdef';
const READ = 'read-token-0123456789abcdef';
const EXPIRED = 'old-token-0123456789abcdef';
const WRITE_TOOLS = ['create_task', 'update_task', 'log_time_entry', 'start_timer', 'stop_timer'];
const TOKENS = `cursor:${WRITE}:write,lmstudio:${READ}:read,old:${EXPIRED}:write:2020-01-01`;

async function status(url: string, init: RequestInit = {}): Promise<number> {
  const res = await fetch(url, init);
  await res.body?.cancel();
  return res.status;
}

/** Safe by default: tokens, scopes, expiry, Origin, read-only and toolset narrowing. */
describe('MCP and REST access control', () => {
  let sandbox: SandboxServer;
  let t: TestApp;

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 5, rateLimitPerMinute: 0 });
    t = await startTestApp('pglite', { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl, MCP_TOKENS: TOKENS });
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it.each(['/sse', '/mcp'])('%s refuses a missing, wrong or expired token with 401', async (path) => {
    const init = (auth?: string): RequestInit => ({
      method: path === '/mcp' ? 'POST' : 'GET',
      headers: { ...(auth ? { Authorization: auth } : {}), 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: path === '/mcp' ? JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }) : undefined,
    });
    expect(await status(`${t.url}${path}`, init())).toBe(401);
    expect(await status(`${t.url}${path}`, init('Bearer not-a-real-token'))).toBe(401);
    expect(await status(`${t.url}${path}`, init(`Bearer ${EXPIRED}`))).toBe(401);
    expect(await status(`${t.url}${path}`, init(`Basic ${WRITE}`))).toBe(401);
  });

  it('POST /messages without a token is refused too', async () => {
    expect(await status(`${t.url}/messages?sessionId=x`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).toBe(401);
  });

  it.each(['sse', 'http'] as const)('a valid token connects over %s', async (kind) => {
    const c = await connectClient(kind, { url: t.url, headers: { Authorization: `Bearer ${WRITE}` } });
    const { tools } = await c.listTools();
    expect(tools.length).toBeGreaterThan(5);
    await c.close();
  });

  it('a read-scoped token sees no write tool and cannot call one', async () => {
    const w = await connectClient('http', { url: t.url, headers: { Authorization: `Bearer ${WRITE}` } });
    const r = await connectClient('http', { url: t.url, headers: { Authorization: `Bearer ${READ}` } });
    const writeNames = (await w.listTools()).tools.map((x) => x.name);
    const readNames = new Set((await r.listTools()).tools.map((x) => x.name));
    expect(writeNames).toEqual(expect.arrayContaining(WRITE_TOOLS));
    for (const name of WRITE_TOOLS) {
      expect(readNames.has(name)).toBe(false);
      await expect(r.callTool({ name, arguments: {} })).rejects.toThrow(/requires scopes/);
    }
    expect(readNames.has('get_spaces')).toBe(true);
    await w.close();
    await r.close();
  });

  it('X-MCP-Toolsets narrows a connection to the named toolsets and rejects unknown ones', async () => {
    const c = await connectClient('http', { url: t.url, headers: { Authorization: `Bearer ${WRITE}`, 'X-MCP-Toolsets': 'workspace' } });
    const names = (await c.listTools()).tools.map((x) => x.name);
    expect(names).toContain('get_spaces');
    expect(names.every((n) => (TOOL_CONTRACT.workspace as string[]).includes(n))).toBe(true);
    await c.close();
    expect(
      await status(`${t.url}/mcp`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${WRITE}`,
          'X-MCP-Toolsets': 'workspace,everything',
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
      }),
    ).toBe(400);
  });

  it('a foreign browser Origin is refused (DNS rebinding); loopback origins pass', async () => {
    const headers = (origin: string) => ({
      Authorization: `Bearer ${WRITE}`,
      Origin: origin,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    });
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'x', version: '1' } },
    });
    expect(await status(`${t.url}/mcp`, { method: 'POST', headers: headers('https://evil.example'), body })).toBe(403);
    expect(await status(`${t.url}/sse`, { headers: headers('https://evil.example') })).toBe(403);
    expect(await status(`${t.url}/sync/status`, { headers: headers('https://evil.example') })).toBe(403);
    expect(await status(`${t.url}/mcp`, { method: 'POST', headers: headers('http://localhost:5173'), body })).toBe(200);
  });

  it('REST: reads need a token, writes need a write token, /health and /docs stay open', async () => {
    expect(await status(`${t.url}/health`)).toBe(200);
    expect(await status(`${t.url}/docs`)).toBe(200);
    expect(await status(`${t.url}/sync/status`)).toBe(401);
    expect(await status(`${t.url}/sync/status`, { headers: { Authorization: `Bearer ${READ}` } })).toBe(200);
    expect(await status(`${t.url}/sync/members`, { method: 'POST', headers: { Authorization: `Bearer ${READ}` } })).toBe(403);
    expect(await status(`${t.url}/sync/members`, { method: 'POST' })).toBe(401);
    expect(await status(`${t.url}/sync/members?wait=true`, { method: 'POST', headers: { Authorization: `Bearer ${WRITE}` } })).toBe(202);
  });

  it('no token, secret or stack trace appears in error responses', async () => {
    const res = await fetch(`${t.url}/sync/runs/not-a-number`, { headers: { Authorization: `Bearer ${READ}` } });
    const text = await res.text();
    expect(res.status).toBe(400);
    for (const secret of [WRITE, READ, sandbox.ownerToken]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/at \w+ \(/);
  });
});

describe('read-only mode', () => {
  let sandbox: SandboxServer;
  let t: TestApp;

  beforeAll(async () => {
    sandbox = await SandboxServer.start({ size: 'tiny', seed: 5, rateLimitPerMinute: 0 });
    t = await startTestApp('pglite', { CLICKUP_API_TOKEN: sandbox.ownerToken, CLICKUP_API_BASE_URL: sandbox.baseUrl, MCP_READ_ONLY: 'true' });
  });
  afterAll(async () => {
    await t?.close();
    await sandbox?.close();
  });

  it('registers no write tool, refuses calls to them, and the ClickUp client refuses writes before any request', async () => {
    const c = await connectClient('http', { url: t.url });
    const tools = (await c.listTools()).tools;
    expect(tools.length).toBeGreaterThan(5);
    expect(tools.map((x) => x.name).filter((n) => WRITE_TOOLS.includes(n))).toEqual([]);
    expect(tools.map((x) => x.name)).toContain('get_task');
    for (const name of WRITE_TOOLS) await expect(c.callTool({ name, arguments: {} })).rejects.toThrow(/Unknown tool/);
    await c.close();
    sandbox.resetStats();
    const client = t.app.get(ClickupClient);
    await expect(client.createTask('901530000001', { name: 'should never be sent' })).rejects.toBeInstanceOf(ClickupReadOnlyError);
    expect(sandbox.stats().requests).toBe(0);
  });
});
