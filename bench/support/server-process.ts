import { ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Spawn → "listening" line on stderr. */
  listeningMs: number;
  /** Spawn → first GET /health answered 200. */
  readyMs: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The compiled server (`node dist/src/main.js`) as a real process on a free port, with syncs
 * off and a ClickUp URL that is never called: reads answer from the database alone.
 */
export async function startServer(
  dbEnv: Record<string, string>,
  extraEnv: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const port = await freePort();
  const main = path.join(__dirname, '..', '..', 'src', 'main.js');
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, [...nodeArgs, main], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      SYNC_ENABLED: 'false',
      LOG_LEVEL: 'warn',
      // A real token shape against a closed port: no read ever reaches ClickUp.
      CLICKUP_API_TOKEN: 'pk_bench_unused_token',
      CLICKUP_API_BASE_URL: 'http://127.0.0.1:9/api/v2',
      ...dbEnv,
      ...extraEnv,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  let stderr = '';
  const listening = new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${stderr}`)));
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('listening on')) resolve(Number(process.hrtime.bigint() - t0) / 1e6);
    });
  });
  const listeningMs = await listening;
  let readyMs = 0;
  for (;;) {
    try {
      const r = await fetch(`${url}/health`);
      if (r.ok) {
        readyMs = Number(process.hrtime.bigint() - t0) / 1e6;
        break;
      }
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return {
    child,
    url,
    listeningMs,
    readyMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** CPU time (ms, user + system) a process has used so far, from /proc (Linux; 100 ticks per second). */
export function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU used by the server and its database backends: what a call costs whatever else the
 * machine runs (the shared benchmark machine's load changes latencies, not this).
 */
export class CpuMeter {
  private start = new Map<number, number>();
  constructor(
    private readonly serverPid: number,
    private readonly backends: () => Promise<number[]>,
  ) {}

  async begin(): Promise<void> {
    this.start = new Map([[this.serverPid, processCpuMs(this.serverPid)]]);
    for (const pid of await this.backends()) this.start.set(pid, processCpuMs(pid));
  }

  /** { server, database } CPU ms since begin() (backends opened meanwhile count from zero). */
  async end(): Promise<{ serverMs: number; databaseMs: number }> {
    const serverMs = processCpuMs(this.serverPid) - (this.start.get(this.serverPid) ?? 0);
    let databaseMs = 0;
    for (const pid of await this.backends()) databaseMs += processCpuMs(pid) - (this.start.get(pid) ?? 0);
    return { serverMs, databaseMs };
  }
}
