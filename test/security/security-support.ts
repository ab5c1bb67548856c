import * as fs from 'node:fs';
import * as path from 'node:path';

/** Credentials every security suite uses (MCP_TOKENS below). */
export const WRITE = 'write-token-0123456789abcdef';
export const READ = 'read-token-0123456789abcdef';
export const EXPIRED = 'old-token-0123456789abcdef';
export const TOKENS = `cursor:${WRITE}:write,lmstudio:${READ}:read,old:${EXPIRED}:write:2020-01-01`;
/** A name configured in MCP_ALLOWED_HOSTS (a reverse proxy's public name, say). */
export const ALLOWED_HOST = 'mcp.example.test';
export const WEBHOOK_SECRET = 'webhook-secret-for-tests-0123';

export const PROTOCOL_VERSION = '2025-06-18';
export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'security-test', version: '1' } },
};
export const MCP_HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

/** Things that must never appear in a response: a stack frame, SQL, a driver error, a secret. */
export const LEAK = /\bat \S+ \([^)]*:\d+:\d+\)|QueryFailedError|invalid byte sequence|SELECT .* FROM|INSERT INTO|node_modules|pk_[A-Za-z0-9]/;

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  ms: number;
}

export async function send(url: string, init: RequestInit = {}): Promise<RawResponse> {
  const started = Date.now();
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, ms: Date.now() - started };
}

/** The JSON-RPC messages of a Streamable HTTP response (JSON or an SSE stream of `data:` lines). */
export function rpcMessages(text: string): { id?: unknown; result?: Record<string, unknown>; error?: { code: number; message: string } }[] {
  const t = text.trim();
  if (!t) return [];
  if (t.startsWith('{') || t.startsWith('[')) {
    const v = JSON.parse(t);
    return Array.isArray(v) ? v : [v];
  }
  return t
    .split('\n')
    .filter((l) => l.startsWith('data:'))
    .map((l) => JSON.parse(l.slice(5)));
}

/** Opens a Streamable HTTP session by hand and returns its id. */
export async function openSession(base: string, headers: Record<string, string>): Promise<string> {
  const r = await send(`${base}/mcp`, { method: 'POST', headers: { ...MCP_HEADERS, ...headers }, body: JSON.stringify(INITIALIZE) });
  const id = r.headers.get('mcp-session-id');
  if (r.status !== 200 || !id) throw new Error(`initialize failed: ${r.status} ${r.text.slice(0, 200)}`);
  await send(`${base}/mcp`, {
    method: 'POST',
    headers: { ...MCP_HEADERS, ...headers, 'mcp-session-id': id, 'mcp-protocol-version': PROTOCOL_VERSION },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
  });
  return id;
}

export function sessionHeaders(id: string, headers: Record<string, string> = {}): Record<string, string> {
  return { ...MCP_HEADERS, ...headers, 'mcp-session-id': id, 'mcp-protocol-version': PROTOCOL_VERSION };
}

/**
 * The security suites' figures, appended per suite to a JSON file when SECURITY_REPORT is set
 * (docs/security.md quotes them), and always printed to stderr.
 */
export function report(suite: string, figures: Record<string, number>): void {
  process.stderr.write(
    `security/${suite}: ${Object.entries(figures)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}\n`,
  );
  const file = process.env.SECURITY_REPORT;
  if (!file) return;
  const all = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  all[suite] = figures;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
}

/** A small deterministic PRNG (mulberry32), so a failing fuzz case can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
