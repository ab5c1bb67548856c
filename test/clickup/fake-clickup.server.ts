import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A tiny scripted HTTP server for client integration tests: each route has a list of
 * handlers used in turn (the last one repeats), so "fail twice, then succeed" is one line.
 * Everything goes over real sockets, so timeouts, dropped connections and headers behave
 * exactly as they would against ClickUp.
 */

export interface RecordedRequest {
  method: string;
  /** Path without the /api/v2 prefix and without the query. */
  path: string;
  /** Raw query string as sent (to check bracket encoding). */
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  receivedAt: number;
}

export type FakeHandler = (req: RecordedRequest, res: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

interface Route {
  method: string;
  path: string | RegExp;
  handlers: FakeHandler[];
  calls: number;
}

const PREFIX = '/api/v2';

export class FakeClickupServer {
  readonly requests: RecordedRequest[] = [];
  private routes: Route[] = [];

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<FakeClickupServer> {
    const holder: { instance?: FakeClickupServer } = {};
    const server = createServer((req, res) => void holder.instance!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.instance = new FakeClickupServer(server, `http://127.0.0.1:${port}${PREFIX}`);
    return holder.instance;
  }

  /** Scripts a route; handlers are used in order and the last one repeats. */
  route(method: string, path: string | RegExp, ...handlers: FakeHandler[]): this {
    this.routes.push({ method, path, handlers, calls: 0 });
    return this;
  }

  requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = req.url ?? '/';
    const [pathname, rawQuery = ''] = url.split('?', 2);
    const recorded: RecordedRequest = {
      method: req.method ?? 'GET',
      path: pathname.startsWith(PREFIX) ? pathname.slice(PREFIX.length) : pathname,
      rawQuery,
      query: new URLSearchParams(rawQuery),
      headers: req.headers,
      body: text === '' ? undefined : safeJson(text),
      receivedAt: Date.now(),
    };
    this.requests.push(recorded);
    const route = this.routes.find(
      (r) => r.method === recorded.method && (typeof r.path === 'string' ? r.path === recorded.path : r.path.test(recorded.path)),
    );
    if (!route) {
      void json(404, { err: `no fake route for ${recorded.method} ${recorded.path}`, ECODE: 'TEST_404' })(recorded, res, req);
      return;
    }
    const handler = route.handlers[Math.min(route.calls, route.handlers.length - 1)];
    route.calls++;
    await handler(recorded, res, req);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Responds with JSON (and optional headers). */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): FakeHandler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
}

/** Responds after a delay (longer than the client's timeout simulates a hang). */
export function delayed(ms: number, then: FakeHandler): FakeHandler {
  return (req, res, raw) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        if (!res.destroyed && !res.writableEnded) void then(req, res, raw);
        resolve();
      }, ms);
      res.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
}

/** Kills the TCP connection without any response ("socket hang up" on the client). */
export function dropConnection(): FakeHandler {
  return (_req, _res, raw) => {
    raw.socket.destroy();
  };
}

/** Never answers; the client's timeout has to fire. */
export function hang(): FakeHandler {
  return () => undefined;
}

/** Sends headers and half a body, then kills the connection (a drop mid-response). */
export function partialBody(status = 200): FakeHandler {
  return (_req, res, raw) => {
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"teams":[{"id":"1","na');
    setTimeout(() => raw.socket.destroy(), 10);
  };
}
