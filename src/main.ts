import 'reflect-metadata';
import { AppConfig, ConfigValidationError } from './config/app-config';
import { DataDirLockedError } from './database/data-dir-lock';
import { createHttpApp } from './bootstrap';

async function main(): Promise<void> {
  const app = await createHttpApp();
  const cfg = app.get(AppConfig);
  await app.listen(cfg.http.port, cfg.http.host);
  const url = `http://${cfg.http.host.includes(':') ? `[${cfg.http.host}]` : cfg.http.host}:${cfg.http.port}`;
  app.get(AppConfig);
  process.stderr.write(
    `clickup-analytics-mcp listening on ${url} — health ${url}/health, API docs ${url}/docs` +
      `${cfg.demo ? ' — DEMO MODE (local sandbox, no ClickUp token)' : ''}\n`,
  );
}

main().catch((e: unknown) => {
  // Configuration and lock problems are the user's to fix: say what and how, without a stack.
  if (e instanceof ConfigValidationError || e instanceof DataDirLockedError) {
    process.stderr.write(`\nclickup-analytics-mcp cannot start.\n${e.message}\n\n`);
  } else {
    process.stderr.write(`\nclickup-analytics-mcp failed to start: ${(e as Error)?.stack ?? String(e)}\n`);
  }
  process.exit(1);
});
