import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { SandboxStore } from '../sandbox-store';
import { Errors, SandboxError } from '../store/sandbox-error';
import { authenticate, tokenFromHeader } from './auth';
import { corruptBody, FaultInjector } from './fault-injector';
import { Caller, RouteResult } from './http-types';
import { FixedWindowRateLimiter, RateLimitVerdict } from './rate-limiter';
import { Router } from './router';
import { StatsRecorder } from './stats-recorder';

export interface HandlerDeps {
  store: SandboxStore;
  api: Router;
  admin: Router;
  limiter: FixedWindowRateLimiter;
  faults: FaultInjector;
  stats: StatsRecorder;
  latencyMs: number;
  /** Unexpected exceptions (bugs), reported instead of logged: the sandbox writes nothing to stdout. */
  onError?: (error: unknown) => void;
}

const API_PREFIX = '/api/v2';
const ADMIN_PREFIX = '/_sandbox';
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * The request pipeline for /api/v2: route match → auth → per-token rate limit → injected fault →
 * handler → response (possibly malformed or cut off). /_sandbox admin routes skip the limiter and
 * the faults and need the owner's token.
 */
export class SandboxHttpHandler {
  constructor(private readonly deps: HandlerDeps) {}

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.route(req, res).catch((error) => this.fail(res, error, {}));
  };

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`)) {
      return this.adminRoute(req, res, method, url);
    }
    if (!url.pathname.startsWith(`${API_PREFIX}/`)) return this.send(res, 404, Errors.routeNotFound().body(), {});
    const { store, api, limiter, faults, stats } = this.deps;
    const path = url.pathname.slice(API_PREFIX.length);
    const match = api.match(method, path);
    const template = match?.template ?? `${method} (unmatched)`;
    stats.request(template);

    const token = tokenFromHeader(req);
    const caller = authenticate(store, token);
    const verdict = limiter.take(caller.token);
    const headers = verdict ? rateLimitHeaders(verdict) : {};
    if (verdict && !verdict.allowed) return this.send(res, 429, Errors.rateLimited().body(), headers);
    if (!match) return this.send(res, 404, Errors.routeNotFound().body(), headers);

    const fault = faults.decide(template);
    if (fault.kind === 'storm') {
      stats.fault('rateLimitStorm');
      return this.send(res, 429, Errors.rateLimited().body(), rateLimitHeaders(limiter.peek(caller.token)));
    }
    if (fault.kind === 'timeout') {
      // Never answer: the client has to give up. The connection is destroyed when the server closes.
      stats.fault('timeout');
      req.resume();
      return;
    }
    if (fault.kind === 'error5xx') {
      stats.fault('error5xx');
      return this.sendServerError(res, fault.status, headers);
    }

    const delay = this.deps.latencyMs + fault.slowMs;
    if (fault.slowMs > 0) stats.fault('slow');
    let result: RouteResult;
    try {
      const body = await readJsonBody(req);
      if (delay > 0) await sleep(delay);
      result = await match.handler({ method, path, template, params: match.params, query: url.searchParams, body, caller });
    } catch (error) {
      return this.fail(res, error, headers);
    }
    let payload = result.body;
    if (fault.kind === 'none' && fault.malformed && result.status === 200) {
      stats.fault('malformed');
      payload = corruptBody(payload, faults.variant());
    }
    if (fault.kind === 'drop') {
      // The request was processed; only the answer is lost, as with a real dropped connection.
      stats.fault('drop');
      return this.sendCutOff(res, result.status, payload, headers);
    }
    this.send(res, result.status, payload, headers);
  }

  private async adminRoute(req: IncomingMessage, res: ServerResponse, method: string, url: URL): Promise<void> {
    const { store, admin } = this.deps;
    const token = tokenFromHeader(req);
    if (!token) return this.send(res, 401, Errors.authHeaderMissing().body(), {});
    if (token !== store.ownerToken) {
      return this.send(res, 401, { err: 'The sandbox admin routes need the workspace owner token', ECODE: 'SANDBOX_001' }, {});
    }
    const path = url.pathname.slice(ADMIN_PREFIX.length) || '/';
    const match = admin.match(method, path);
    if (!match) return this.send(res, 404, Errors.routeNotFound().body(), {});
    const caller: Caller = { userId: store.ownerId, member: store.member(store.ownerId)!, token };
    try {
      const body = await readJsonBody(req);
      const { template, params } = match;
      const result = await match.handler({ method, path, template, params, query: url.searchParams, body, caller });
      this.send(res, result.status, result.body, {}, false);
    } catch (error) {
      this.fail(res, error, {}, false);
    }
  }

  private fail(res: ServerResponse, error: unknown, headers: OutgoingHttpHeaders, count = true): void {
    if (error instanceof SandboxError) return this.send(res, error.status, error.body(), headers, count);
    this.deps.onError?.(error);
    this.send(res, 500, { err: 'Internal server error', ECODE: 'APP_500' }, headers, count);
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders, count = true): void {
    if (res.headersSent || res.destroyed) return;
    if (count) this.deps.stats.status(status);
    if (status === 204 || body === undefined) {
      res.writeHead(status, headers);
      res.end();
      return;
    }
    const bytes = Buffer.from(JSON.stringify(body));
    res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': bytes.length });
    res.end(bytes);
  }

  /** 500 with ClickUp's JSON error body; 502/503 with the HTML a proxy in front would send. */
  private sendServerError(res: ServerResponse, status: 500 | 502 | 503, headers: OutgoingHttpHeaders): void {
    if (status === 500) return this.send(res, 500, { err: 'Internal server error', ECODE: 'APP_500' }, headers);
    this.deps.stats.status(status);
    const title = status === 502 ? '502 Bad Gateway' : '503 Service Temporarily Unavailable';
    const html = Buffer.from(`<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center></body></html>`);
    res.writeHead(status, { ...headers, 'Content-Type': 'text/html', 'Content-Length': html.length });
    res.end(html);
  }

  /** Announces the full length, sends half the body, then destroys the socket. */
  private sendCutOff(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders): void {
    this.deps.stats.status(status);
    // A 204 has no body to cut: the connection just dies before the status line.
    if (status === 204 || body === undefined) {
      res.socket?.destroy();
      return;
    }
    const bytes = Buffer.from(JSON.stringify(body));
    res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': bytes.length });
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
  }
}

export function rateLimitHeaders(v: RateLimitVerdict): OutgoingHttpHeaders {
  return {
    'X-RateLimit-Limit': String(v.limit),
    'X-RateLimit-Remaining': String(v.remaining),
    'X-RateLimit-Reset': String(v.resetSeconds),
  };
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw Errors.badInput('Request body too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw Errors.invalidJson();
  }
}

/** Unref'd so a slow response in flight never keeps a closing process alive. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
