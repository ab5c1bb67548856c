import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema, ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { asArgumentObject } from './tool-arguments';

/**
 * The SDK parses every tools/call against a schema whose `arguments` must be a record, before
 * any tool sees it: a small model's stringified JSON, `null` or an array then fails inside the
 * SDK and comes back as -32603 with a multi-line zod dump. This schema accepts the same
 * requests plus those forms: a JSON string is parsed, null means "no arguments", and anything
 * else is -32602 (invalid params) with one sentence. Everything after this point (the SDK's own
 * re-check, mcp-nest, the tool) sees a plain object.
 */
const argumentsField = z.preprocess((raw) => {
  if (raw === undefined) return undefined;
  const object = asArgumentObject(raw);
  // The SDK answers a thrown error with its `code` and `message` (an McpError would prefix "MCP error -32602:").
  if (typeof object === 'string') throw Object.assign(new Error(object), { code: ErrorCode.InvalidParams });
  return object;
}, z.record(z.string(), z.unknown()).optional());

export const LenientCallToolRequestSchema = CallToolRequestSchema.extend({
  params: CallToolRequestSchema.shape.params.extend({ arguments: argumentsField }),
});

/**
 * mcp-nest's `serverMutator` hook: every McpServer it creates (SSE, Streamable HTTP, stdio)
 * installs its tools/call handler through `setRequestHandler`; on this instance that call swaps
 * in the lenient schema. Nothing else about the server changes.
 */
export function acceptLenientToolArguments(server: McpServer): McpServer {
  const inner = server.server;
  const install = inner.setRequestHandler.bind(inner) as (schema: unknown, handler: unknown) => void;
  inner.setRequestHandler = ((schema: unknown, handler: unknown) =>
    install(schema === CallToolRequestSchema ? LenientCallToolRequestSchema : schema, handler)) as typeof inner.setRequestHandler;
  return server;
}
