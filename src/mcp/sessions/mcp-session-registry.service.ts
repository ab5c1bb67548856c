import { Global, Injectable, Logger, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { McpStreamableHttpService } from '@rekog/mcp-nest';
import type { Request, Response } from 'express';
import { AppConfig } from '../../config/app-config';
import { currentMcpRequest } from './mcp-request-context';

/** Who may use a session: the token that created it. Its scopes are re-decided on every request. */
export interface SessionCaller {
  name: string;
  scopes: string[];
}

interface SessionEntry {
  id: string;
  transport: 'http' | 'sse';
  /** Token name (or 'local' without tokens): only this caller may use the session. */
  owner: string;
  /** owner@address: the unit the per-client cap counts. */
  client: string;
  lastSeenAt: number;
  /** Open GET streams (HTTP) or the SSE stream itself: a session with one is never idle. */
  openStreams: number;
  /** The request that created the session: mcp-nest reads `user` from it on every later call. */
  creator: { user?: SessionCaller };
  close: () => Promise<void>;
}

export type SessionVerdict = { ok: true } | { ok: false; status: 403 | 404; message: string };

const SESSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SWEEP_EVERY_MS = 60_000;

/**
 * Every MCP session this process holds (Streamable HTTP and legacy SSE), with its owner. mcp-nest
 * keeps sessions forever, in a plain object keyed by a client-supplied header, and re-uses the
 * creating request's scopes for whoever presents the id. This registry, consulted by
 * McpAccessGuard before mcp-nest sees a request:
 * - binds a session to the token that created it and refuses any other (403), and answers 404
 *   for ids it did not issue — `__proto__` included — before mcp-nest's lookup;
 * - decides scopes per request (the current request's, copied onto the creating request that
 *   mcp-nest consults);
 * - closes HTTP sessions idle longer than MCP_SESSION_IDLE_MINUTES, caps sessions per
 *   token+address and in all (closing the least recently used), and closes them all on shutdown.
 */
@Injectable()
export class McpSessionRegistry implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('McpSessions');
  private readonly sessions = new Map<string, SessionEntry>();
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    private readonly cfg: AppConfig,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** mcp-nest's session store (its module imports ours, so it is looked up, not injected). */
  private get streamable(): { cleanupSession(id: string): Promise<void> } {
    return this.moduleRef.get(McpStreamableHttpService, { strict: false }) as unknown as { cleanupSession(id: string): Promise<void> };
  }

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweep(Date.now()), Math.min(SWEEP_EVERY_MS, this.cfg.mcp.sessions.idleMs));
    this.sweeper.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await Promise.all([...this.sessions.values()].map((s) => this.close(s, 'shutdown')));
  }

  count(): { http: number; sse: number } {
    const all = [...this.sessions.values()];
    return { http: all.filter((s) => s.transport === 'http').length, sse: all.filter((s) => s.transport === 'sse').length };
  }

  /**
   * Checks a request that names a session (Mcp-Session-Id on /mcp, ?sessionId on /messages) and
   * hands the creating request the caller's scopes. `stream`: the request is a GET that stays open.
   */
  admit(id: string, caller: SessionCaller, req: Request, res: Response, stream: boolean): SessionVerdict {
    const s = SESSION_ID.test(id) ? this.sessions.get(id) : undefined;
    if (!s)
      return { ok: false, status: 404, message: 'Session not found (it expired or the server restarted): start a new session with initialize.' };
    if (s.owner !== caller.name)
      return { ok: false, status: 403, message: 'This session belongs to another token: start your own session with initialize.' };
    s.lastSeenAt = Date.now();
    s.creator.user = caller;
    (req as Request & { user?: SessionCaller }).user = caller;
    if (stream) {
      s.openStreams++;
      res.once('close', () => {
        s.openStreams = Math.max(0, s.openStreams - 1);
        s.lastSeenAt = Date.now();
      });
    }
    if (req.method === 'DELETE') res.once('finish', () => res.statusCode < 300 && this.sessions.delete(id));
    return { ok: true };
  }

  /**
   * An `initialize` without a session id: when the transport mints the id (issueMcpSessionId),
   * it is registered to this caller. Makes room first if the caller or the server is at its cap.
   */
  expectHttpSession(caller: SessionCaller, req: Request): void {
    const ctx = currentMcpRequest();
    if (!ctx) return;
    const client = clientKey(caller, req);
    ctx.onSessionId = (id) => {
      this.makeRoom(client);
      this.sessions.set(id, {
        id,
        transport: 'http',
        owner: caller.name,
        client,
        lastSeenAt: Date.now(),
        openStreams: 0,
        creator: req as { user?: SessionCaller },
        close: () => this.streamable.cleanupSession(id),
      });
    };
  }

  /**
   * A new SSE stream. The SDK's SSE transport mints its session id itself and announces it in
   * the first event (`event: endpoint`, `data: /messages?sessionId=…`); the id is taken from
   * there, before the bytes leave, and forgotten when the stream closes.
   */
  trackSseStream(caller: SessionCaller, req: Request, res: Response): void {
    const client = clientKey(caller, req);
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    res.write = ((...args: unknown[]) => {
      const m = /sessionId=([0-9a-f-]{36})/i.exec(String(args[0]));
      if (m) {
        res.write = write as typeof res.write;
        const id = m[1];
        this.makeRoom(client);
        this.sessions.set(id, {
          id,
          transport: 'sse',
          owner: caller.name,
          client,
          lastSeenAt: Date.now(),
          openStreams: 1,
          creator: req as { user?: SessionCaller },
          close: async () => void res.end(),
        });
        res.once('close', () => this.sessions.delete(id));
      }
      return write(...args);
    }) as typeof res.write;
  }

  /** Closes HTTP sessions idle for longer than the configured time (SSE sessions end with their stream). */
  async sweep(now: number): Promise<number> {
    const idle = [...this.sessions.values()].filter(
      (s) => s.transport === 'http' && s.openStreams === 0 && now - s.lastSeenAt > this.cfg.mcp.sessions.idleMs,
    );
    await Promise.all(idle.map((s) => this.close(s, 'idle')));
    return idle.length;
  }

  private makeRoom(client: string): void {
    const { maxPerClient, maxTotal } = this.cfg.mcp.sessions;
    const mine = [...this.sessions.values()].filter((s) => s.client === client);
    if (mine.length >= maxPerClient) void this.close(leastRecent(mine)!, `more than ${maxPerClient} sessions for one client`);
    if (this.sessions.size >= maxTotal) void this.close(leastRecent([...this.sessions.values()])!, `more than ${maxTotal} sessions in all`);
  }

  private async close(s: SessionEntry, why: string): Promise<void> {
    if (!this.sessions.delete(s.id)) return;
    this.logger.log(`Closed MCP session ${s.id.slice(0, 8)}… of '${s.owner}' (${why}).`);
    try {
      await s.close();
    } catch (e) {
      this.logger.warn(`Closing MCP session ${s.id.slice(0, 8)}… failed: ${(e as Error).message}`);
    }
  }
}

function clientKey(caller: SessionCaller, req: Request): string {
  return `${caller.name}@${req.socket?.remoteAddress ?? 'unknown'}`;
}

function leastRecent(list: SessionEntry[]): SessionEntry | undefined {
  // Sessions with an open stream are in use: close an idle one when there is any.
  return [...list].sort((a, b) => Number(a.openStreams > 0) - Number(b.openStreams > 0) || a.lastSeenAt - b.lastSeenAt)[0];
}

/**
 * Global so that McpAccessGuard, which mcp-nest instantiates inside its own module for its
 * controllers, can inject the registry.
 */
@Global()
@Module({ providers: [McpSessionRegistry], exports: [McpSessionRegistry] })
export class McpSessionsModule {}
