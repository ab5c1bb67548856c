import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { Client } from 'pg';

/**
 * The synced `large` benchmark database: a named PostgreSQL database that is created and synced
 * once (a full sync of the sandbox's `large` workspace takes 80–140 s) and then kept between
 * benchmark runs. Read benchmarks only need it synced once; `--resync` starts over.
 */
export const DEFAULT_BENCH_DB = 'bench_large';

export function adminUrl(): string {
  return process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function databaseUrl(name: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: adminUrl(), connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Tasks held and whether a full sync succeeded; null when the database does not exist. */
async function syncedState(name: string): Promise<{ tasks: number; fullSynced: boolean } | null> {
  const exists = await admin(async (c) => (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount === 1);
  if (!exists) return null;
  const c = new Client({ connectionString: databaseUrl(name) });
  await c.connect();
  try {
    const t = await c.query(`SELECT to_regclass('public.tasks') IS NOT NULL AS ok`);
    if (!t.rows[0].ok) return { tasks: 0, fullSynced: false };
    const [{ n }] = (await c.query(`SELECT count(*)::int AS n FROM tasks WHERE deleted_at IS NULL`)).rows;
    const [{ ok }] = (await c.query(`SELECT EXISTS (SELECT 1 FROM sync_runs WHERE kind = 'full' AND status = 'succeeded') AS ok`)).rows;
    return { tasks: n, fullSynced: ok };
  } finally {
    await c.end();
  }
}

export interface SandboxProcess {
  child: ChildProcess;
  baseUrl: string;
  token: string;
  close(): void;
}

/** The compiled sandbox CLI in its own process, rate limit off; `extraArgs` go to the CLI (e.g. `--now`). */
export function startSandbox(size: string, extraArgs: string[] = []): Promise<SandboxProcess> {
  const cli = path.join(__dirname, '..', '..', 'src', 'sandbox', 'sandbox-cli.js');
  const child = spawn(process.execPath, [cli, '--size', size, '--rate-limit', '0', '--port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code} before it was ready:\n${out}`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const baseUrl = /base URL:\s+(\S+)/.exec(out)?.[1];
      const token = /owner token:\s+(\S+)/.exec(out)?.[1];
      if (baseUrl && token) {
        child.removeAllListeners('exit');
        resolve({ child, baseUrl, token, close: () => child.kill('SIGTERM') });
      }
    });
  });
}

/** Runs the compiled sync CLI (`full`) against the sandbox into the database. */
function runSyncCli(dbUrl: string, sandbox: SandboxProcess): Promise<void> {
  const cli = path.join(__dirname, '..', '..', 'src', 'sync', 'sync-cli.js');
  const child = spawn(process.execPath, [cli, 'full'], {
    // The progress bar goes to stderr: kept for the error message only.
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: dbUrl,
      CLICKUP_API_TOKEN: sandbox.token,
      CLICKUP_API_BASE_URL: sandbox.baseUrl,
      CLICKUP_RATE_LIMIT_PER_MINUTE: '100000',
      CLICKUP_TIMEOUT_MS: '120000',
      LOG_LEVEL: 'warn',
    },
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sync CLI exited with ${code}:\n${err}`)))),
  );
}

/**
 * The database synced with the `large` workspace, creating and syncing it when it is missing or
 * incomplete (or when `resync`). Returns its URL.
 */
export async function ensureSyncedDatabase(name: string, opts: { resync?: boolean; log?: (s: string) => void } = {}): Promise<string> {
  const log = opts.log ?? ((s: string) => process.stderr.write(`${s}\n`));
  const url = databaseUrl(name);
  const state = opts.resync ? null : await syncedState(name);
  if (state && state.fullSynced && state.tasks >= 100_000) {
    log(`benchmark database ${name}: ${state.tasks} tasks, synced (kept from an earlier run)`);
    return url;
  }
  await dropDatabase(name);
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  log(`benchmark database ${name}: created; starting the large sandbox and a full sync (~2 min)…`);
  const sandbox = await startSandbox('large');
  const t0 = Date.now();
  try {
    await runSyncCli(url, sandbox);
  } finally {
    sandbox.close();
  }
  log(`benchmark database ${name}: synced in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return url;
}

/** Process ids of the server's PostgreSQL backends (application_name set by the app). */
export async function serverBackendPids(dbUrl: string): Promise<number[]> {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const r = await c.query(`SELECT pid FROM pg_stat_activity WHERE application_name = 'clickup-analytics-mcp' AND datname = current_database()`);
    return r.rows.map((x) => Number(x.pid));
  } finally {
    await c.end();
  }
}
