/**
 * Sync benchmark: a full sync of the `large` sandbox workspace (100,000 tasks, 1,000,000 time
 * entries) on PostgreSQL and on PGlite with the rate limit off, then a no-change incremental run.
 *
 * Three kinds of process, so each measurement is clean:
 * - this orchestrator starts the sandbox (compiled sandbox CLI) in its own process;
 * - each engine's sync runs in a fresh worker process (this file with `--worker`), which samples
 *   its own process.memoryUsage().rss every 100 ms: the peak is the sync's alone;
 * - the sandbox's request counters (per endpoint) are read over its admin routes.
 *
 * Run: npm run bench:sync (node --expose-gc dist/bench/sync.bench.js). Options:
 *   --engines postgres,pglite   which engines (default both; postgres needs a server)
 *   --size large|demo|tiny      sandbox size (default large)
 *   BENCH_DATABASE_URL          admin URL of a PostgreSQL server (default TEST_DATABASE_URL,
 *                               then postgres://postgres@127.0.0.1:5432/postgres)
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { SyncRunEntity } from '../src/database/entities';
import { RunnableKind, SyncRunnerService } from '../src/sync/sync-runner.service';

const MB = 1024 * 1024;

interface RunMeasure {
  kind: string;
  status: string;
  error: string | null;
  wallMs: number;
  requests: number;
  rateLimited: number;
  retries: number;
  counts: Record<string, unknown>;
  /** Sandbox-side request counters per endpoint template, for this run only. */
  sandboxByEndpoint: Record<string, number>;
  sandboxRequests: number;
  peakRssMb: number;
  /** Peak RSS while each phase (hierarchy, tasks, time entries) was running. */
  peakRssByPhaseMb: Record<string, number>;
  /** Peak of V8 heapUsed + external (live JavaScript memory, as far as sampling sees it). */
  peakHeapMb: number;
  /** process.memoryUsage() at the moment of the RSS peak. */
  atPeakMb: Record<string, number>;
  /** Wall time spent in each phase (from the progress events). */
  phaseSeconds: Record<string, number>;
}

interface WorkerResult {
  engine: string;
  baselineRssMb: number;
  bootMs: number;
  full: RunMeasure;
  incremental: RunMeasure;
  db: { tasks: number; timeEntries: number; spaces: number };
}

// ---------------------------------------------------------------------------------------------
// Worker: one engine, one fresh database, a full then a no-change incremental run.
// ---------------------------------------------------------------------------------------------

async function sandboxAdmin(origin: string, token: string, method: 'GET' | 'POST', route: string): Promise<any> {
  const res = await fetch(`${origin}/_sandbox/${route}`, { method, headers: { Authorization: token } });
  if (!res.ok) throw new Error(`sandbox admin ${method} ${route}: ${res.status}`);
  return res.json();
}

async function worker(engine: string, baseUrl: string, token: string, dbEnv: Record<string, string>): Promise<void> {
  const origin = new URL(baseUrl).origin;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baselineRss = process.memoryUsage().rss;
  let phase = 'boot';
  let peak = baselineRss;
  const byPhase: Record<string, number> = {};
  let peakHeap = 0;
  const phaseMs: Record<string, number> = {};
  let phaseSince = Date.now();
  let atPeak: NodeJS.MemoryUsage | null = null;
  const sample = () => {
    const usage = process.memoryUsage();
    const { rss, heapUsed, external } = usage;
    if (rss > peak) {
      peak = rss;
      atPeak = usage;
    }
    if (rss > (byPhase[phase] ?? 0)) byPhase[phase] = rss;
    if (heapUsed + external > peakHeap) peakHeap = heapUsed + external;
  };
  const sampler = setInterval(sample, 100);

  const t0 = Date.now();
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      role: 'cli',
      ignoreEnvFile: true,
      env: {
        ...dbEnv,
        CLICKUP_API_TOKEN: token,
        CLICKUP_API_BASE_URL: baseUrl,
        // Rate limit off: the sandbox runs with --rate-limit 0, the client must not pace either.
        CLICKUP_RATE_LIMIT_PER_MINUTE: '100000',
        CLICKUP_TIMEOUT_MS: '120000',
        SYNC_ENABLED: 'false',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        SANDBOX_PORT: '0',
      },
    }),
    { logger: ['error', 'warn'], abortOnError: false },
  );
  const bootMs = Date.now() - t0;
  const runner = app.get(SyncRunnerService);
  runner.onProgress((e) => {
    if (e.phase === phase) return;
    const now = Date.now();
    phaseMs[phase] = (phaseMs[phase] ?? 0) + now - phaseSince;
    phaseSince = now;
    phase = e.phase;
  });

  const measure = async (kind: RunnableKind): Promise<RunMeasure> => {
    gc?.();
    await sandboxAdmin(origin, token, 'POST', 'stats/reset');
    peak = process.memoryUsage().rss;
    peakHeap = 0;
    atPeak = null;
    for (const k of Object.keys(byPhase)) delete byPhase[k];
    for (const k of Object.keys(phaseMs)) delete phaseMs[k];
    phase = 'start';
    phaseSince = Date.now();
    const started = Date.now();
    const r = await runner.runNow(kind, 'cli');
    const wallMs = Date.now() - started;
    phaseMs[phase] = (phaseMs[phase] ?? 0) + Date.now() - phaseSince;
    sample();
    if (!r.started) throw new Error(`${kind} did not start: already running`);
    const run = r.run as SyncRunEntity;
    const stats = await sandboxAdmin(origin, token, 'GET', 'stats');
    return {
      kind,
      status: run.status,
      error: run.error,
      wallMs,
      requests: run.requests,
      rateLimited: run.rateLimited,
      retries: run.retries,
      counts: run.counts,
      sandboxByEndpoint: stats.byEndpoint,
      sandboxRequests: stats.requests,
      peakRssMb: Math.round(peak / MB),
      peakRssByPhaseMb: Object.fromEntries(Object.entries(byPhase).map(([k, v]) => [k, Math.round(v / MB)])),
      peakHeapMb: Math.round(peakHeap / MB),
      atPeakMb: atPeak ? Object.fromEntries(Object.entries(atPeak as NodeJS.MemoryUsage).map(([k, v]) => [k, Math.round(v / MB)])) : {},
      phaseSeconds: Object.fromEntries(Object.entries(phaseMs).map(([k, v]) => [k, +(v / 1000).toFixed(1)])),
    };
  };

  const full = await measure('full');
  const incremental = await measure('incremental');
  clearInterval(sampler);
  const ds = app.get(DataSource);
  const [c] = await ds.query(`SELECT (SELECT count(*) FROM tasks WHERE deleted_at IS NULL)::int AS tasks,
    (SELECT count(*) FROM time_entries WHERE deleted_at IS NULL)::int AS time_entries,
    (SELECT count(*) FROM spaces WHERE deleted_at IS NULL)::int AS spaces`);
  await app.close();
  const result: WorkerResult = {
    engine,
    baselineRssMb: Math.round(baselineRss / MB),
    bootMs,
    full,
    incremental,
    db: { tasks: c.tasks, timeEntries: c.time_entries, spaces: c.spaces },
  };
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

// ---------------------------------------------------------------------------------------------
// Orchestrator
// ---------------------------------------------------------------------------------------------

interface SandboxProcess {
  child: ChildProcess;
  baseUrl: string;
  token: string;
  readyLine: string;
}

function startSandbox(size: string): Promise<SandboxProcess> {
  const cli = path.join(__dirname, '..', 'src', 'sandbox', 'sandbox-cli.js');
  const child = spawn(process.execPath, [cli, '--size', size, '--rate-limit', '0', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code} before it was ready:\n${out}`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const baseUrl = /base URL:\s+(\S+)/.exec(out)?.[1];
      const token = /owner token:\s+(\S+)/.exec(out)?.[1];
      if (baseUrl && token) {
        child.removeAllListeners('exit');
        resolve({ child, baseUrl, token, readyLine: out.split('\n')[0] });
      }
    });
  });
}

function runWorker(engine: string, sandbox: SandboxProcess, dbEnv: Record<string, string>): Promise<WorkerResult> {
  const args = [
    '--expose-gc',
    __filename,
    '--worker',
    engine,
    '--base-url',
    sandbox.baseUrl,
    '--token',
    sandbox.token,
    '--db-env',
    JSON.stringify(dbEnv),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice('BENCH_RESULT '.length)));
      else reject(new Error(`${engine} worker exited with ${code}:\n${out}`));
    });
  });
}

async function freshPostgres(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const name = `bench_sync_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    process.stderr.write(`PostgreSQL at ${adminUrl.replace(/:[^:@/]*@/, ':***@')} is not reachable (${(e as Error).message}); skipping it.\n`);
    return null;
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

function lowerBound(spaces: number, tasks: number, windows: number): number {
  // clickup-api.md §14: GET /team + GET /team/{id}/space + 2 per space + one page per 100 tasks + one per window.
  return 1 + 1 + 2 * spaces + Math.ceil(tasks / 100) + windows;
}

async function orchestrate(engines: string[], size: string): Promise<void> {
  const machine = `${os.cpus().length} vCPU ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
  process.stderr.write(`machine: ${machine}\nstarting the ${size} sandbox in its own process…\n`);
  const t0 = Date.now();
  const sandbox = await startSandbox(size);
  process.stderr.write(`${sandbox.readyLine} (process start to ready: ${Date.now() - t0} ms)\n`);
  const results: WorkerResult[] = [];
  try {
    for (const engine of engines) {
      let dbEnv: Record<string, string>;
      let cleanup: () => Promise<void>;
      if (engine === 'postgres') {
        const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
        const db = await freshPostgres(adminUrl);
        if (!db) continue;
        dbEnv = { DATABASE_URL: db.url };
        cleanup = db.drop;
      } else {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sync-pglite-'));
        dbEnv = { PGLITE_DATA_DIR: path.join(dir, 'data') };
        cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
      }
      process.stderr.write(`\n${engine}: full sync, then a no-change incremental run…\n`);
      try {
        const r = await runWorker(engine, sandbox, dbEnv);
        results.push(r);
        printResult(r);
      } finally {
        await cleanup();
      }
    }
  } finally {
    sandbox.child.kill('SIGTERM');
  }
  process.stdout.write(`\nmachine: ${machine}\n`);
  process.stdout.write(`JSON ${JSON.stringify({ machine, size, results })}\n`);
}

function printResult(r: WorkerResult): void {
  const f = r.full;
  const inc = r.incremental;
  const tasks = Number(f.counts.tasksRead ?? 0);
  const entries = Number(f.counts.timeEntriesRead ?? 0);
  const windowsUsed = f.sandboxByEndpoint['GET /team/{id}/time_entries'] ?? 0;
  // §14's "windows": the horizon (plus the day ahead) in windows of the configured size.
  const historyDays = Number(process.env.SYNC_TIME_ENTRIES_HISTORY_DAYS ?? 730);
  const windowDays = Number(process.env.SYNC_TIME_ENTRIES_WINDOW_DAYS ?? 30);
  const windows = Math.ceil((historyDays + 1) / windowDays);
  const bound = lowerBound(r.db.spaces, r.db.tasks, windows);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const lines = [
    `== ${r.engine}`,
    `full sync:        ${f.status}${f.error ? ` (${f.error})` : ''} in ${s(f.wallMs)} (${(f.wallMs / 60000).toFixed(2)} min); app boot ${r.bootMs} ms`,
    `throughput:       ${Math.round(tasks / (f.wallMs / 1000))} tasks/s, ${Math.round(entries / (f.wallMs / 1000))} entries/s (over the whole run)`,
    `rows:             ${r.db.tasks} tasks, ${r.db.timeEntries} time entries, ${r.db.spaces} spaces in the database`,
    `peak RSS:         ${f.peakRssMb} MB (baseline before boot ${r.baselineRssMb} MB; by phase ${JSON.stringify(f.peakRssByPhaseMb)}); peak heap+external ${f.peakHeapMb} MB`,
    `  at the peak:    ${JSON.stringify(f.atPeakMb)} (MB)`,
    `phases:           ${JSON.stringify(f.phaseSeconds)} (seconds)`,
    `requests:         ${f.requests} by the client, ${f.sandboxRequests} seen by the sandbox; 429s ${f.rateLimited}, retries ${f.retries}`,
    `  per endpoint:   ${JSON.stringify(f.sandboxByEndpoint)}`,
    `lower bound:      1 + 1 + 2×${r.db.spaces} + ⌈${r.db.tasks}/100⌉ + ⌈${historyDays + 1}/${windowDays}⌉ windows = ${bound}; ratio ${(f.requests / bound).toFixed(3)} (time-entry requests actually used: ${windowsUsed})`,
    `at 100/min:       ${(f.requests / 100).toFixed(1)} min projected (${(f.requests / 90).toFixed(1)} min with the default interactive reserve of 10)`,
    `incremental:      ${inc.status}${inc.error ? ` (${inc.error})` : ''}, no changes: ${inc.requests} requests in ${s(inc.wallMs)}; per endpoint ${JSON.stringify(inc.sandboxByEndpoint)}; peak RSS ${inc.peakRssMb} MB`,
    `  read / written: ${inc.counts.tasksRead ?? 0} / ${inc.counts.tasksWritten ?? 0} tasks, ${inc.counts.timeEntriesRead ?? 0} / ${inc.counts.timeEntriesWritten ?? 0} time entries (trailing window)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      worker: { type: 'string' },
      'base-url': { type: 'string' },
      token: { type: 'string' },
      'db-env': { type: 'string' },
      engines: { type: 'string', default: 'postgres,pglite' },
      size: { type: 'string', default: 'large' },
    },
  });
  if (values.worker) {
    await worker(values.worker, values['base-url']!, values.token!, JSON.parse(values['db-env']!));
    return;
  }
  await orchestrate(
    values.engines!.split(',').map((s) => s.trim()),
    values.size!,
  );
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  },
);
