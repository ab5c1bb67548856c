import { Injectable, NestMiddleware } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The one piece of per-request state the Streamable HTTP session id generator needs: mcp-nest
 * calls `sessionIdGenerator()` with no arguments, deep inside the SDK transport, while handling
 * an `initialize`. McpAccessGuard puts a callback here for that request; the generator hands it
 * the new id, so the session is registered with its owner before the id reaches the client.
 */
export interface McpRequestContext {
  onSessionId?: (id: string) => void;
}

const storage = new AsyncLocalStorage<McpRequestContext>();

export function currentMcpRequest(): McpRequestContext | undefined {
  return storage.getStore();
}

/**
 * The Streamable HTTP `sessionIdGenerator`. A session id minted outside a tracked request has
 * no owner and is never registered, so every later request with it is refused (fail closed).
 */
export function issueMcpSessionId(): string {
  const id = randomUUID();
  storage.getStore()?.onSessionId?.(id);
  return id;
}

/**
 * Opens the context for /mcp, /sse and /messages. A Nest middleware on purpose: it runs after
 * the body parser, whose stream callbacks would otherwise drop the async context.
 */
@Injectable()
export class McpRequestContextMiddleware implements NestMiddleware {
  use(_req: unknown, _res: unknown, next: () => void): void {
    storage.run({}, next);
  }
}
