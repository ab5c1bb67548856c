import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export type Transport = 'http' | 'sse';

/** A real MCP SDK client session, as Claude Code/Cursor (Streamable HTTP) or LM Studio (SSE) open one. */
export async function openSession(kind: Transport, url: string): Promise<Client> {
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(kind === 'http' ? new StreamableHTTPClientTransport(new URL(`${url}/mcp`)) : new SSEClientTransport(new URL(`${url}/sse`)));
  return client;
}

export interface CallOutcome {
  ms: number;
  ok: boolean;
  error?: string;
  /** JSON characters of structuredContent. */
  jsonChars: number;
  textChars: number;
}

export async function timedCall(client: Client, tool: string, args: Record<string, unknown>): Promise<CallOutcome> {
  const t0 = process.hrtime.bigint();
  try {
    const r = await client.callTool({ name: tool, arguments: args }, undefined, { timeout: 120_000 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const text = (r.content as { text?: string }[])[0]?.text ?? '';
    if (r.isError) return { ms, ok: false, error: text, jsonChars: 0, textChars: text.length };
    return { ms, ok: true, jsonChars: JSON.stringify(r.structuredContent ?? {}).length, textChars: text.length };
  } catch (e) {
    return { ms: Number(process.hrtime.bigint() - t0) / 1e6, ok: false, error: (e as Error).message, jsonChars: 0, textChars: 0 };
  }
}
