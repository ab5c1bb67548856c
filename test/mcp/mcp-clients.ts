import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

export type TransportKind = 'sse' | 'http' | 'stdio';

/** Connects the real MCP SDK client the way LM Studio (SSE), Claude Code/Cursor (HTTP) and Claude Desktop (stdio) do. */
export async function connectClient(
  kind: TransportKind,
  opts: { url?: string; headers?: Record<string, string>; env?: Record<string, string> },
): Promise<Client> {
  const client = new Client({ name: 'e2e-test', version: '1.0.0' });
  const requestInit = { headers: opts.headers ?? {} };
  if (kind === 'sse') {
    await client.connect(
      new SSEClientTransport(new URL(`${opts.url}/sse`), {
        requestInit,
        // The SSE GET goes through EventSource: headers must be passed to its fetch as well.
        eventSourceInit: {
          fetch: (u, init) => fetch(u, { ...init, headers: { ...(init?.headers as Record<string, string>), ...(opts.headers ?? {}) } }),
        },
      }),
    );
  } else if (kind === 'http') {
    await client.connect(new StreamableHTTPClientTransport(new URL(`${opts.url}/mcp`), { requestInit }));
  } else {
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [path.resolve(__dirname, '../../dist/src/mcp-stdio.js')],
        env: { PATH: process.env.PATH ?? '', ...(opts.env ?? {}) },
        stderr: 'pipe',
      }),
    );
  }
  return client;
}
