import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GeneratorSize, GeneratorSizeName } from './generator/generator-size';
import { FaultInjector } from './http/fault-injector';
import { FixedWindowRateLimiter } from './http/rate-limiter';
import { Router } from './http/router';
import { SandboxHttpHandler } from './http/sandbox-http-handler';
import { StatsRecorder } from './http/stats-recorder';
import { TaskQueryEngine } from './query/task-query.engine';
import { registerAdminRoutes } from './routes/admin.routes';
import { registerHierarchyRoutes } from './routes/hierarchy.routes';
import { RouteContext } from './routes/route-context';
import { registerTaskRoutes } from './routes/task.routes';
import { registerTimeEntryRoutes } from './routes/time-entry.routes';
import { registerWebhookRoutes } from './routes/webhook.routes';
import { FaultConfig, SandboxStats } from './sandbox-faults.types';
import { SandboxStore } from './sandbox-store';
import { DEFAULT_WEBHOOK_OPTIONS, WebhookDispatcher } from './webhooks/webhook-dispatcher';
import { WebhookRegistry } from './webhooks/webhook-registry';

export type { FaultConfig, SandboxStats } from './sandbox-faults.types';
export type { GeneratorSize, GeneratorSizeName } from './generator/generator-size';

export interface SandboxOptions {
  /** 0 = a random free port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 42. */
  seed?: number;
  /** tiny ≈ 60 tasks (default), demo ≈ 2,000 tasks, large = 100,000 tasks + 1,000,000 time entries. */
  size?: GeneratorSizeName | GeneratorSize;
  /** Anchor for generated dates (default Date.now()); same seed + size + now ⇒ identical data. */
  now?: number;
  /** Per token, fixed 60 s window; default 100; 0 = off. */
  rateLimitPerMinute?: number;
  /** Default: no faults. */
  faults?: FaultConfig;
  /** Extra latency added to every API response, default 0. */
  latencyMs?: number;
  /** Waits between webhook delivery retries (default 250, 500, 1000, 2000, 4000 ms: five retries). */
  webhookRetryDelaysMs?: number[];
  /** A webhook delivery slower than this fails (default 7000 ms, as ClickUp). */
  webhookTimeoutMs?: number;
  /** Called with unexpected exceptions (bugs) instead of logging them. */
  onError?: (error: unknown) => void;
}

interface Internals {
  server: Server;
  limiter: FixedWindowRateLimiter;
  faults: FaultInjector;
  stats: StatsRecorder;
  dispatcher: WebhookDispatcher;
}

/**
 * A local stand-in for the ClickUp API v2 over real HTTP (see docs/sandbox.md). ClickUp paths
 * live under `${origin}/api/v2`; test controls under `${origin}/_sandbox`.
 */
export class SandboxServer {
  readonly baseUrl: string;
  readonly origin: string;

  private constructor(
    readonly store: SandboxStore,
    readonly port: number,
    host: string,
    private readonly internals: Internals,
  ) {
    this.origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    this.baseUrl = `${this.origin}/api/v2`;
  }

  static async start(opts: SandboxOptions = {}): Promise<SandboxServer> {
    const seed = opts.seed ?? 42;
    const store = SandboxStore.generate({ seed, size: opts.size ?? 'tiny', now: opts.now ?? Date.now() });
    const limiter = new FixedWindowRateLimiter(opts.rateLimitPerMinute ?? 100);
    const faults = new FaultInjector(seed);
    if (opts.faults) faults.set(opts.faults);
    const stats = new StatsRecorder();
    const webhooks = new WebhookRegistry(seed);
    const dispatcher = new WebhookDispatcher(store, webhooks, stats, {
      retryDelaysMs: opts.webhookRetryDelaysMs ?? DEFAULT_WEBHOOK_OPTIONS.retryDelaysMs,
      timeoutMs: opts.webhookTimeoutMs ?? DEFAULT_WEBHOOK_OPTIONS.timeoutMs,
    });
    dispatcher.start();

    const ctx: RouteContext = { store, tasks: new TaskQueryEngine(store), webhooks };
    const api = new Router();
    registerHierarchyRoutes(api, ctx);
    registerTaskRoutes(api, ctx);
    registerTimeEntryRoutes(api, ctx);
    registerWebhookRoutes(api, ctx);
    const admin = new Router();
    registerAdminRoutes(admin, {
      store,
      setFaults: (f) => faults.set(f),
      currentFaults: () => faults.current(),
      setRateLimit: (n) => limiter.setLimit(n),
      rateLimit: () => limiter.limit,
      stats: () => stats.snapshot(),
      resetStats: () => stats.reset(),
    });

    const latencyMs = opts.latencyMs ?? 0;
    const handler = new SandboxHttpHandler({ store, api, admin, limiter, faults, stats, latencyMs, onError: opts.onError });
    const server = createServer(handler.handle);
    const host = opts.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    return new SandboxServer(store, port, host, { server, limiter, faults, stats, dispatcher });
  }

  /** Personal token of the workspace owner (role 1): what the product is configured with. */
  get ownerToken(): string {
    return this.store.ownerToken;
  }

  /** Personal token of any active member, to test caller defaults and admin-only rules. */
  tokenFor(userId: number): string {
    return this.store.tokenFor(userId);
  }

  setFaults(faults: FaultConfig): void {
    this.internals.faults.set(faults);
  }

  /** The fault configuration in force, with the storm and one-shot counters as they stand. */
  faults(): FaultConfig {
    return this.internals.faults.current();
  }

  setRateLimit(perMinute: number): void {
    this.internals.limiter.setLimit(perMinute);
  }

  stats(): SandboxStats {
    return this.internals.stats.snapshot();
  }

  resetStats(): void {
    this.internals.stats.reset();
  }

  /** Resolves when every queued webhook delivery (retries included) has finished. */
  webhooksIdle(): Promise<void> {
    return this.internals.dispatcher.idle();
  }

  async close(): Promise<void> {
    this.internals.dispatcher.close();
    const { server } = this.internals;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive sockets and requests held open by the timeout fault.
      server.closeAllConnections();
    });
  }
}
