/* `npm run docs:tools`: writes docs/tools.md from the live tools/list of a throwaway server. */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createPglite } from '../../database/database-engine';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createHttpApp } from '../../bootstrap';
import { ToolRegistrarService } from '../core/tool-registrar.service';
import { renderToolDocs } from './tool-docs.renderer';

/** The environment the reference is generated with: every toolset, writes enabled, no auth. */
export const DOCS_ENV: Record<string, string | undefined> = {
  CLICKUP_API_TOKEN: 'pk_docs_generation',
  CLICKUP_API_BASE_URL: 'http://127.0.0.1:9/api/v2',
  DATABASE_URL: undefined,
  SYNC_ENABLED: 'false',
  LOG_LEVEL: 'silent',
  PORT: '0',
  HOST: '127.0.0.1',
  MCP_TOOLSETS: 'all',
  MCP_READ_ONLY: 'false',
  MCP_AUTH_TOKEN: undefined,
  MCP_TOKENS: undefined,
};

export async function currentToolDocs(): Promise<string> {
  const pglite = await createPglite();
  const app = await createHttpApp({ env: DOCS_ENV, ignoreEnvFile: true, pglite });
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    const client = new Client({ name: 'docs', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)));
    const { tools } = await client.listTools();
    await client.close();
    const registry = app.get(ToolRegistrarService);
    const toolsetOf = new Map(registry.allTools().map((t) => [t.name, t.toolset]));
    return renderToolDocs(tools, (n) => toolsetOf.get(n) ?? 'workspace');
  } finally {
    await app.close();
    await pglite.close();
  }
}

if (require.main === module) {
  currentToolDocs()
    .then((md) => {
      const file = path.resolve(process.cwd(), 'docs/tools.md');
      fs.writeFileSync(file, md);
      process.stdout.write(`wrote ${file}\n`);
      process.exit(0);
    })
    .catch((e) => {
      process.stderr.write(`${(e as Error).stack}\n`);
      process.exit(1);
    });
}
