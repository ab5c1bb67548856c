import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema, ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { asArgumentObject } from './tool-arguments';

/**
 * The SDK parses every request against its schema before any handler runs, and answers a
 * mismatch with -32603 (internal error) and a multi-line zod dump: a tools/call without params,
 * with a numeric tool name, or — what small models send — with `arguments` as stringified
 * JSON, null or an array. Here those answers become -32602 (invalid params) with one sentence,
 * and `arguments` is read generously: a JSON string is parsed, null means "no arguments".
 */

/** The SDK answers a thrown error with its `code` and `message` (an McpError would prefix "MCP error -32602:"). */
const invalidParams = (message: string) => Object.assign(new Error(message), { code: ErrorCode.InvalidParams });

const argumentsField = z.preprocess((raw) => {
  if (raw === undefined) return undefined;
  const object = asArgumentObject(raw);
  if (typeof object === 'string') throw invalidParams(object);
  return object;
}, z.record(z.string(), z.unknown()).optional());

type RequestSchema = z.ZodObject<{ method: z.ZodLiteral<string>; params?: z.ZodType }>;

/** The same request schema, with `params` checked first so that a mismatch is one sentence. */
function withReadableParams(schema: RequestSchema, params: z.ZodType): RequestSchema {
  const method = String(schema.shape.method.value);
  return schema.extend({
    params: z.preprocess((p) => {
      const r = params.safeParse(p, { reportInput: true });
      if (!r.success) throw invalidParams(paramsProblem(method, r.error.issues[0]));
      return p;
    }, params),
  }) as unknown as RequestSchema;
}

function paramsProblem(method: string, issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return `Invalid params for ${method}.`;
  const where = ['params', ...issue.path.map(String)].join('.');
  if (issue.code !== 'invalid_type') return `${method}: ${where} is invalid.`;
  const want = issue.expected === 'object' ? 'an object' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`;
  return (issue as { input?: unknown }).input === undefined ? `${method} needs ${where} (${want}).` : `${method}: ${where} must be ${want}.`;
}

export const LenientCallToolRequestSchema = withReadableParams(
  CallToolRequestSchema as unknown as RequestSchema,
  CallToolRequestSchema.shape.params.extend({ arguments: argumentsField }),
);

/**
 * mcp-nest's `serverMutator` hook: every McpServer it creates (SSE, Streamable HTTP, stdio)
 * installs its request handlers through `setRequestHandler`; on this instance that call swaps
 * in the readable schemas (and, for tools/call, the generous `arguments`). Nothing else changes.
 */
export function acceptLenientToolArguments(server: McpServer): McpServer {
  const inner = server.server;
  const install = inner.setRequestHandler.bind(inner) as (schema: unknown, handler: unknown) => void;
  inner.setRequestHandler = ((schema: RequestSchema, handler: unknown) => {
    if (schema === (CallToolRequestSchema as unknown)) return install(LenientCallToolRequestSchema, handler);
    return install(readableSchema(schema), handler);
  }) as unknown as typeof inner.setRequestHandler;
  return server;
}

/**
 * Each request schema's readable variant, built once. mcp-nest installs every handler again for
 * each message of a legacy SSE session; building the zod schemas each time was ~15% of the
 * server's CPU for a cheap tool call.
 */
const readable = new WeakMap<RequestSchema, RequestSchema>();
function readableSchema(schema: RequestSchema): RequestSchema {
  let r = readable.get(schema);
  if (!r) {
    const params = schema.shape?.params;
    r = params ? withReadableParams(schema, params) : schema;
    readable.set(schema, r);
  }
  return r;
}
