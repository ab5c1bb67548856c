#!/usr/bin/env node
/*
 * The MCP server over stdio, for clients that spawn it (Claude Desktop): no HTTP server, stdout
 * carries only the protocol, every log line goes to stderr. With the embedded database it
 * refuses to start while another process holds the data directory — point both at one
 * PostgreSQL (DATABASE_URL), or connect the client to the running server over HTTP instead.
 */
import './node-version-check';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { BootLogger } from './common/logging/boot-logger';
import { AppModule } from './app.module';
import { announceStartup, startupProblem } from './startup';

/**
 * The client is gone (stdin closed) or asked us to stop: cancel a running sync, release its
 * lease and the data-directory lock, and exit — and never outlive the client by more than this,
 * whatever is still pending.
 */
const FORCE_EXIT_MS = 3000;

async function main(): Promise<void> {
  // A client that closed our stderr must not crash us or keep us alive; logging just stops.
  process.stderr.on('error', () => undefined);
  // Nest's console logger would print to stdout, the protocol channel: buffer, then pino (fd 2).
  const boot = new BootLogger();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ role: 'stdio' }), { logger: boot, abortOnError: false });
  const logger = app.get(Logger);
  app.useLogger(logger);
  boot.replayInto(logger);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), FORCE_EXIT_MS).unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.stdin.once('end', stop);
  process.stdin.once('close', stop);
  // Nobody reads our answers any more: same as end of input.
  process.stdout.on('error', stop);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, stop);
  await app.init();
  if (process.stdin.readableEnded) return stop();
  await announceStartup(app, 'stdio');
}

main().catch((e: unknown) => {
  const problem = startupProblem(e);
  process.stderr.write(`clickup-analytics-mcp (stdio) cannot start: ${problem ?? (e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
});
