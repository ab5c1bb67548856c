import { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { logSink } from './common/logging/log-sink';
import { describeDatabaseUrl, StartupFacts, startupSummary } from './common/logging/startup-summary';
import { AppConfig, ConfigValidationError } from './config/app-config';
import { EnvFileError } from './config/env-file';
import { DataDirLockedError } from './database/data-dir-lock';
import { ToolRegistrarService } from './mcp/core/tool-registrar.service';
import { DataReadinessService } from './sync/data-readiness.service';
import { SyncRunRepository } from './sync/repositories/sync-run.repository';

/** Problems the user fixes (configuration, .env, a held data directory): their message, without a stack. */
export function startupProblem(e: unknown): string | null {
  return e instanceof ConfigValidationError || e instanceof DataDirLockedError || e instanceof EnvFileError ? e.message : null;
}

/**
 * Prints the start-up summary (human format) or one structured "listening" line (JSON format),
 * then lets routine info lines through. Goes to stderr: for the stdio server stdout is the
 * protocol channel, and the HTTP server says it in the same place.
 */
export async function announceStartup(app: INestApplicationContext, transport: 'http' | 'stdio', url?: string): Promise<void> {
  const cfg = app.get(AppConfig);
  const registrar = app.get(ToolRegistrarService, { strict: false });
  const facts: StartupFacts = {
    transport,
    url,
    demo: cfg.demo,
    tools: registrar.registeredTools().length,
    toolsets: cfg.mcp.toolsets,
    readOnly: cfg.mcp.readOnly,
    tokens: cfg.mcp.tokens.length,
    database: cfg.database.url
      ? { kind: 'postgres', where: describeDatabaseUrl(cfg.database.url) }
      : { kind: 'pglite', dir: cfg.database.pgliteDataDir },
    envFile: cfg.envFile,
    sync: await syncLine(app, cfg),
    log: { level: cfg.http.logLevel, format: cfg.http.logFormat },
  };
  if (cfg.http.logFormat === 'human') {
    logSink.writeText(startupSummary(facts), 2);
  } else {
    app.get(Logger).log({ ...facts, msg: `clickup-analytics-mcp ${transport === 'http' ? `listening on ${url}` : '(stdio) ready'}` }, 'Startup');
  }
  logSink.markReady();
}

async function syncLine(app: INestApplicationContext, cfg: AppConfig): Promise<string> {
  const ready = await app.get(DataReadinessService, { strict: false }).state();
  const every = cfg.sync.enabled
    ? `; incremental sync every ${cfg.sync.incrementalEveryMinutes} min`
    : '; scheduled sync is off (SYNC_ENABLED=false)';
  if (ready.complete) {
    const asOf = await app.get(SyncRunRepository, { strict: false }).lastSuccessEnd();
    return `data as of ${asOf?.toISOString() ?? 'the last full sync'}${every}`;
  }
  if (cfg.sync.enabled && !ready.running)
    return 'no full sync has completed yet: the first one starts now (GET /sync/status or get_sync_status shows its progress)';
  return ready.warning ?? 'no full sync has completed yet';
}
