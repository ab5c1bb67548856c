import * as net from 'node:net';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Compiled entry points (`npm run build`; `npm test` builds first through its pretest script). */
export const DIST = path.resolve(__dirname, '../../dist/src');

export function distEntry(relative: string): string {
  const file = path.join(DIST, relative);
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist: run \`npm run build\` first (npm test does it in pretest).`);
  return file;
}

export interface NodeProcess {
  child: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  running(): boolean;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
}

export interface SpawnOptions {
  /** Working directory (kept afterwards); default: a scratch directory removed at exit. */
  cwd?: string;
  /** Options for node itself, before the script (e.g. `--require`). */
  nodeArgs?: string[];
}

/**
 * Spawns `node <script> …args` with ONLY the given environment (plus PATH and HOME), in a
 * scratch working directory so no `.env` of the developer's checkout is picked up.
 */
export function spawnNode(script: string, args: string[], env: Record<string, string | undefined>, opts: SpawnOptions = {}): NodeProcess {
  const cwd = opts.cwd ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cu-proc-'));
  const clean: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) clean[k] = v;
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), script, ...args], { cwd, env: clean, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      if (!opts.cwd) fs.rmSync(cwd, { recursive: true, force: true });
      resolve({ code, signal });
    });
  });
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    running: () => !done,
    kill: async () => {
      if (!done) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Polls until `check` is true (or throws after `timeoutMs`). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string, everyMs = 10): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A port nothing listens on right now, for a child server process that must be told its port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
