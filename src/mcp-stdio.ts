#!/usr/bin/env node
/*
 * The MCP server over stdio, for clients that spawn it (Claude Desktop): no HTTP server, stdout
 * carries only the protocol, every log line goes to stderr. With the embedded database it
 * refuses to start while another process holds the data directory — point both at one
 * PostgreSQL (DATABASE_URL), or connect the client to the running server over HTTP instead.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { BootLogger } from './common/logging/boot-logger';
import { AppModule } from './app.module';
import { ConfigValidationError } from './config/app-config';
import { DataDirLockedError } from './database/data-dir-lock';


async function main(): Promise<void> {
  // Nest's console logger would print to stdout, the protocol channel: buffer, then pino (fd 2).
  const boot = new BootLogger();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ role: 'stdio' }), { logger: boot, abortOnError: false });
  app.useLogger(app.get(Logger));
  boot.replayInto(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  const stop = () => void app.close().then(() => process.exit(0));
  process.stdin.on('end', stop);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  const known = e instanceof ConfigValidationError || e instanceof DataDirLockedError;
  process.stderr.write(`clickup-analytics-mcp (stdio) cannot start: ${known ? (e as Error).message : ((e as Error)?.stack ?? String(e))}\n`);
  process.exit(1);
});
