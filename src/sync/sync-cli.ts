/* `npm run sync -- full|incremental|reconcile|members|snapshot`: one sync with a live progress bar. */
import '../node-version-check';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { BootLogger } from '../common/logging/boot-logger';
import { AppModule } from '../app.module';
import { startupProblem } from '../startup';
import { SnapshotService } from './snapshot.service';
import { SyncProgressEvent } from './sync-context';
import { RunnableKind, SyncRunnerService } from './sync-runner.service';
import { toRunView } from './sync-status.service';

const KINDS = ['full', 'incremental', 'reconcile', 'members', 'snapshot'] as const;

function bar(e: SyncProgressEvent): string {
  const width = 30;
  const frac = e.total ? Math.min(1, e.done / e.total) : null;
  const filled = frac === null ? '' : '#'.repeat(Math.round(frac * width)).padEnd(width, '-');
  const head = frac === null ? `${e.phase}` : `[${filled}] ${Math.round(frac * 100)}% ${e.phase}`;
  return `${head} — ${e.message}`.slice(0, (process.stderr.columns ?? 120) - 1);
}

async function main(): Promise<number> {
  const kind = process.argv[2] as (typeof KINDS)[number];
  if (!KINDS.includes(kind)) {
    process.stderr.write(`usage: npm run sync -- ${KINDS.join('|')}\n`);
    return 2;
  }
  const boot = new BootLogger();
  const app = await NestFactory.createApplicationContext(
    // The CLI never schedules; a demo-mode CLI gets its own sandbox on a free port.
    AppModule.forRoot({ role: 'cli', env: { SYNC_ENABLED: 'false', SANDBOX_PORT: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' } }),
    { logger: boot, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  boot.replayInto(app.get(Logger));
  app.enableShutdownHooks();
  try {
    if (kind === 'snapshot') {
      const r = await app.get(SnapshotService).snapshot('cli');
      process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      return 0;
    }
    const tty = process.stderr.isTTY;
    let last = '';
    const r = await app.get(SyncRunnerService).runNow(kind as RunnableKind, 'cli', (e) => {
      const line = bar(e);
      if (line === last) return;
      last = line;
      process.stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
    });
    if (tty) process.stderr.write('\n');
    if (!r.started && r.reason === 'failed') {
      process.stderr.write(`sync failed (run ${r.runId}): ${r.error}\n`);
      return 1;
    }
    if (!r.started) {
      process.stderr.write(`A ${r.kind} sync (run ${r.runId ?? '?'}) is already running since ${r.since.toISOString()}.\n`);
      return 3;
    }
    const run = toRunView(r.run!);
    process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
    return run.status === 'succeeded' ? 0 : 1;
  } finally {
    await app.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((e: unknown) => {
    process.stderr.write(`\nsync failed: ${startupProblem(e) ?? (e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  });
