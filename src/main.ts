import './node-version-check';
import 'reflect-metadata';
import { AppConfig } from './config/app-config';
import { createHttpApp } from './bootstrap';
import { announceStartup, startupProblem } from './startup';

/** After SIGTERM/SIGINT, give up on a clean close after this long (open streams are already cut). */
const FORCE_EXIT_MS = 10_000;

async function main(): Promise<void> {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => setTimeout(() => process.exit(1), FORCE_EXIT_MS).unref());
  }
  const app = await createHttpApp();
  const cfg = app.get(AppConfig);
  await app.listen(cfg.http.port, cfg.http.host);
  const port = (app.getHttpServer().address() as { port: number } | null)?.port ?? cfg.http.port;
  const url = `http://${cfg.http.host.includes(':') ? `[${cfg.http.host}]` : cfg.http.host}:${port}`;
  await announceStartup(app, 'http', url);
}

main().catch((e: unknown) => {
  // Configuration and lock problems are the user's to fix: say what and how, without a stack.
  const problem = startupProblem(e);
  if (problem) process.stderr.write(`\nclickup-analytics-mcp cannot start.\n${problem}\n\n`);
  else process.stderr.write(`\nclickup-analytics-mcp failed to start: ${(e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
});
