/**
 * Cold start to ready, build excluded: spawn `node dist/src/main.js` → "listening" on stderr →
 * first GET /health answered 200 (the app answers tools from then on). Syncs are off, so this is
 * the app alone: Nest, migrations check, database connection, hierarchy snapshot.
 *
 * - PostgreSQL: the kept synced `large` benchmark database (bench/support/bench-database.ts).
 * - PGlite: an existing data directory synced with the `large` workspace (made once with the
 *   sync CLI when missing, ~2–3 min; kept at --pglite-dir).
 *
 * Run: npm run bench:start. Options (after a build: node dist/bench/start.bench.js):
 *   --db NAME          PostgreSQL benchmark database (default bench_large)
 *   --pglite-dir DIR   PGlite data directory (default <tmp>/clickup-bench-pglite-large)
 *   --engines a,b      postgres,pglite (default both)
 *   --runs N           starts per engine (default 5)
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_BENCH_DB, ensureSyncedDatabase, startSandbox } from './support/bench-database';
import { loadAverages, machine, summarize } from './support/bench-stats';
import { startServer } from './support/server-process';

async function ensurePgliteDir(dir: string): Promise<void> {
  if (fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    process.stderr.write(`PGlite directory ${dir}: kept from an earlier run\n`);
    return;
  }
  fs.mkdirSync(dir, { recursive: true });
  process.stderr.write(`PGlite directory ${dir}: syncing the large workspace into it (a few minutes)…\n`);
  const sandbox = await startSandbox('large');
  const t0 = Date.now();
  try {
    const cli = path.join(__dirname, '..', 'src', 'sync', 'sync-cli.js');
    const child = spawn(process.execPath, [cli, 'full'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        PATH: process.env.PATH ?? '',
        PGLITE_DATA_DIR: dir,
        CLICKUP_API_TOKEN: sandbox.token,
        CLICKUP_API_BASE_URL: sandbox.baseUrl,
        CLICKUP_RATE_LIMIT_PER_MINUTE: '100000',
        CLICKUP_TIMEOUT_MS: '120000',
        LOG_LEVEL: 'warn',
      },
    });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    await new Promise<void>((resolve, reject) =>
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sync CLI exited with ${code}:\n${err}`)))),
    );
  } finally {
    sandbox.close();
  }
  process.stderr.write(`PGlite directory ${dir}: full sync took ${((Date.now() - t0) / 1000).toFixed(1)} s; load ${loadAverages()}\n`);
}

async function measure(label: string, dbEnv: Record<string, string>, runs: number) {
  const listening: number[] = [];
  const ready: number[] = [];
  const loads: string[] = [];
  for (let i = 0; i < runs; i++) {
    loads.push(loadAverages());
    const s = await startServer(dbEnv);
    listening.push(s.listeningMs);
    ready.push(s.readyMs);
    await s.stop();
  }
  const r = { label, listening: summarize(listening), ready: summarize(ready), loads };
  process.stdout.write(
    `${label}: ready p50 ${r.ready.p50} ms, max ${r.ready.max} ms (listening p50 ${r.listening.p50} ms) over ${runs} starts; load ${loads.join(' | ')}\n`,
  );
  return r;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: DEFAULT_BENCH_DB },
      'pglite-dir': { type: 'string', default: path.join(os.tmpdir(), 'clickup-bench-pglite-large') },
      engines: { type: 'string', default: 'postgres,pglite' },
      runs: { type: 'string', default: '5' },
    },
  });
  const engines = values.engines!.split(',').map((s) => s.trim());
  const runs = Number(values.runs);
  const results = [];
  if (engines.includes('postgres')) {
    const url = await ensureSyncedDatabase(values.db!);
    results.push(await measure('PostgreSQL (large, synced)', { DATABASE_URL: url }, runs));
  }
  if (engines.includes('pglite')) {
    const dir = path.resolve(values['pglite-dir']!);
    await ensurePgliteDir(dir);
    results.push(await measure('PGlite (existing directory, large, synced)', { PGLITE_DATA_DIR: dir }, runs));
  }
  process.stdout.write(`\nmachine: ${machine()}\nJSON ${JSON.stringify({ results })}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  },
);
