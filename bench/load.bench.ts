/**
 * Load test: N concurrent MCP sessions (Streamable HTTP, then legacy SSE), each making M mixed
 * reads with realistic arguments (bench/support/read-scenarios.ts) against the compiled server
 * on the synced `large` workspace (PostgreSQL). While they run, another session asks for a
 * hierarchy refresh (invalidate_cache) every 500 ms, so reloads of the name snapshot happen
 * under load: no request may wait on one. Prints latency percentiles, errors and throughput.
 *
 * Run: npm run bench:load. Options (after a build: node dist/bench/load.bench.js):
 *   --db NAME            the kept benchmark database (default bench_large; created and synced when missing)
 *   --sessions N         concurrent sessions per transport (default 50)
 *   --calls N            reads per session (default 20)
 *   --transports a,b     http,sse (default both)
 *   --no-refresh         without the concurrent invalidate_cache calls
 *   --cpu-prof DIR       write a V8 CPU profile of the server to DIR (open it in Chrome DevTools)
 *   --warm-rounds N      unmeasured rounds of the same load per transport first (default 1: a server
 *                        that has been up a while; 0 measures the very first wave after start)
 *   --no-answer-cache    run the server with MCP_ANSWER_CACHE_MB=0 (every call computed afresh)
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { DEFAULT_BENCH_DB, ensureSyncedDatabase, serverBackendPids } from './support/bench-database';
import { loadAverages, machine, summarize } from './support/bench-stats';
import { openSession, timedCall, Transport } from './support/mcp-session';
import { ReadCall, readCalls } from './support/read-scenarios';
import { CpuMeter, startServer } from './support/server-process';

interface LoadResult {
  transport: Transport;
  sessions: number;
  callsPerSession: number;
  connectMs: ReturnType<typeof summarize>;
  latencyMs: ReturnType<typeof summarize>;
  perTool: Record<string, ReturnType<typeof summarize>>;
  errors: number;
  errorSamples: string[];
  wallMs: number;
  callsPerSecond: number;
  refreshes: number;
  /**
   * CPU per call of the server process, its database backends and this benchmark's own 50 MCP
   * clients (which share the machine's cores with the server here; in use they would not).
   */
  cpuPerCallMs: { server: number; database: number; clients: number };
  loadBefore: string;
  loadAfter: string;
}

async function runLoad(
  url: string,
  transport: Transport,
  calls: ReadCall[],
  sessions: number,
  perSession: number,
  refresh: boolean,
  cpu: CpuMeter,
): Promise<LoadResult> {
  const loadBefore = loadAverages();
  const connectTimes: number[] = [];
  const clients: Client[] = await Promise.all(
    Array.from({ length: sessions }, async () => {
      const t0 = process.hrtime.bigint();
      const c = await openSession(transport, url);
      connectTimes.push(Number(process.hrtime.bigint() - t0) / 1e6);
      return c;
    }),
  );
  const latencies: number[] = [];
  const byTool = new Map<string, number[]>();
  const errorSamples: string[] = [];
  let errors = 0;
  let refreshes = 0;
  let running = true;
  const refresher = refresh
    ? (async () => {
        const c = await openSession(transport, url);
        while (running) {
          await timedCall(c, 'invalidate_cache', {});
          refreshes++;
          await new Promise((r) => setTimeout(r, 500));
        }
        await c.close();
      })()
    : Promise.resolve();
  await cpu.begin();
  const clientCpu0 = process.cpuUsage();
  const t0 = Date.now();
  await Promise.all(
    clients.map(async (client, s) => {
      for (let i = 0; i < perSession; i++) {
        const call = calls[(s * 7 + i) % calls.length];
        const r = await timedCall(client, call.tool, call.args);
        latencies.push(r.ms);
        byTool.set(call.tool, [...(byTool.get(call.tool) ?? []), r.ms]);
        if (!r.ok) {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(`${call.tool}: ${r.error}`);
        }
      }
    }),
  );
  const wallMs = Date.now() - t0;
  const clientCpu = process.cpuUsage(clientCpu0);
  const used = await cpu.end();
  running = false;
  await refresher;
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  return {
    transport,
    sessions,
    callsPerSession: perSession,
    connectMs: summarize(connectTimes),
    latencyMs: summarize(latencies),
    perTool: Object.fromEntries([...byTool.entries()].map(([k, v]) => [k, summarize(v)])),
    errors,
    errorSamples,
    wallMs,
    callsPerSecond: Math.round((latencies.length / wallMs) * 10_000) / 10,
    refreshes,
    cpuPerCallMs: {
      server: Math.round((used.serverMs / latencies.length) * 10) / 10,
      database: Math.round((used.databaseMs / latencies.length) * 10) / 10,
      clients: Math.round(((clientCpu.user + clientCpu.system) / 1000 / latencies.length) * 10) / 10,
    },
    loadBefore,
    loadAfter: loadAverages(),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: DEFAULT_BENCH_DB },
      sessions: { type: 'string', default: '50' },
      calls: { type: 'string', default: '20' },
      transports: { type: 'string', default: 'http,sse' },
      'no-refresh': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      'warm-rounds': { type: 'string', default: '1' },
      'no-answer-cache': { type: 'boolean', default: false },
    },
  });
  const dbUrl = await ensureSyncedDatabase(values.db!);
  const calls = await readCalls(dbUrl);
  const sessions = Number(values.sessions);
  // All sessions come from one address without a token: the per-client session cap (16 by
  // default, a defence against one client hoarding sessions) is raised to let 50 + 1 in.
  const profile = values['cpu-prof'];
  const server = await startServer(
    { DATABASE_URL: dbUrl },
    {
      CLICKUP_MAX_RETRIES: '0',
      MCP_MAX_SESSIONS_PER_CLIENT: String(sessions + 10),
      ...(values['no-answer-cache'] ? { MCP_ANSWER_CACHE_MB: '0' } : {}),
      ...(profile ? { BENCH_CPU_PROFILE_DIR: path.resolve(profile) } : {}),
    },
    profile ? ['--require', path.join(__dirname, 'support', 'cpu-profile-hook.js')] : [],
  );
  process.stderr.write(`server ready in ${server.readyMs.toFixed(0)} ms; load ${loadAverages()}\n`);
  const results: LoadResult[] = [];
  try {
    // Warm-up: one call of each kind, so the first measured wave is not the server's first use.
    const warm = await openSession('http', server.url);
    for (const c of calls) await timedCall(warm, c.tool, c.args);
    await warm.close();
    const transports = values.transports!.split(',').map((s) => s.trim()) as Transport[];
    // The same load, unmeasured: V8 optimises the server's (and these clients') hot paths under it.
    for (let i = 0; i < Number(values['warm-rounds']); i++) {
      for (const transport of transports) {
        const cpu = new CpuMeter(server.child.pid!, () => serverBackendPids(dbUrl));
        const r = await runLoad(server.url, transport, calls, sessions, Number(values.calls), !values['no-refresh'], cpu);
        process.stderr.write(`warm-up round ${i + 1} (${transport}, not counted): p95 ${r.latencyMs.p95} ms, ${r.callsPerSecond} calls/s\n`);
      }
    }
    for (const transport of transports) {
      const cpu = new CpuMeter(server.child.pid!, () => serverBackendPids(dbUrl));
      const r = await runLoad(server.url, transport, calls, sessions, Number(values.calls), !values['no-refresh'], cpu);
      results.push(r);
      const l = r.latencyMs;
      process.stdout.write(
        `${transport}: ${r.sessions} sessions × ${r.callsPerSession} reads = ${l.n} calls in ${(r.wallMs / 1000).toFixed(1)} s (${r.callsPerSecond} calls/s); ` +
          `p50 ${l.p50} ms, p95 ${l.p95} ms, max ${l.max} ms; errors ${r.errors}; connect p95 ${r.connectMs.p95} ms; ` +
          `CPU per call ${r.cpuPerCallMs.server} ms server + ${r.cpuPerCallMs.database} ms database (+ ${r.cpuPerCallMs.clients} ms in the benchmark's clients); ` +
          `${r.refreshes} hierarchy refreshes during the run; load ${r.loadBefore} → ${r.loadAfter}\n`,
      );
      for (const e of r.errorSamples) process.stdout.write(`  error: ${e}\n`);
      const slow = Object.entries(r.perTool)
        .sort((a, b) => b[1].p95 - a[1].p95)
        .slice(0, 5);
      process.stdout.write(`  slowest p95: ${slow.map(([k, v]) => `${k} ${v.p95} ms`).join(', ')}\n`);
    }
  } finally {
    await server.stop();
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
