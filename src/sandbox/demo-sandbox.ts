import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { SandboxServer } from './sandbox-server';

/**
 * Demo mode: with no CLICKUP_API_TOKEN the product runs against the in-process sandbox, so a
 * fresh clone works end to end with no account. Everything that answers says `demo: true`.
 */
export class DemoSandbox implements OnApplicationShutdown {
  private readonly logger = new Logger('DemoSandbox');
  private server: SandboxServer | null = null;

  get active(): boolean {
    return this.server !== null;
  }

  get baseUrl(): string {
    return this.require().baseUrl;
  }

  get token(): string {
    return this.require().ownerToken;
  }

  get sandbox(): SandboxServer {
    return this.require();
  }

  async start(cfg: AppConfig): Promise<void> {
    const t0 = Date.now();
    const options = {
      port: cfg.sandbox.port,
      host: '127.0.0.1',
      seed: cfg.sandbox.seed,
      size: cfg.sandbox.size,
      rateLimitPerMinute: cfg.sandbox.rateLimitPerMinute,
    };
    try {
      this.server = await SandboxServer.start(options);
    } catch (e) {
      // A busy demo port must not stop a first start: any free port works, the client is told.
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
      this.logger.warn(`Port ${cfg.sandbox.port} is busy; the demo sandbox takes a free port instead (set SANDBOX_PORT to choose).`);
      this.server = await SandboxServer.start({ ...options, port: 0 });
    }
    this.logger.warn(
      `DEMO MODE: no CLICKUP_API_TOKEN set, so a local ClickUp sandbox (${cfg.sandbox.size} workspace, seed ` +
        `${cfg.sandbox.seed}) plays ClickUp at ${this.server.baseUrl} (ready in ${Date.now() - t0} ms). ` +
        'Set CLICKUP_API_TOKEN to use your real workspace.',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }

  private require(): SandboxServer {
    if (!this.server) throw new Error('The demo sandbox is not running (a ClickUp token is configured).');
    return this.server;
  }
}
