/**
 * Read latency of every read tool on the synced `large` workspace (PostgreSQL), through a real
 * MCP client over Streamable HTTP against the compiled server in its own process: N calls per
 * tool with realistic arguments (bench/support/read-scenarios.ts), p50/p95/max, and the size of
 * each answer (JSON characters of structuredContent; text characters of the rendering).
 *
 * Run: npm run bench:reads. Options (after a build: node dist/bench/reads.bench.js):
 *   --db NAME       the kept benchmark database (default bench_large; created and synced when missing)
 *   --resync        drop and re-sync it first
 *   --calls N       calls per tool (default 30)
 *   --answer-cache  keep the answer cache on (off by default: each call is computed, which is what this measures)
 *   --only a,b      only these tools
 *   --pglite-dir D  serve from this PGlite directory instead (e.g. the one bench:start syncs,
 *                   <tmp>/clickup-bench-pglite-large): the same generated workspace, so the
 *                   arguments are still picked from the PostgreSQL database; the database's CPU
 *                   is then inside the server process and counted there
 *   BENCH_DATABASE_URL  admin URL of the PostgreSQL server (default TEST_DATABASE_URL, then postgres://postgres@127.0.0.1:5432/postgres)
 */
import { parseArgs } from 'node:util';
import { DEFAULT_BENCH_DB, ensureSyncedDatabase, serverBackendPids } from './support/bench-database';
import { loadAverages, machine, summarize } from './support/bench-stats';
import { openSession, timedCall } from './support/mcp-session';
import { readCalls } from './support/read-scenarios';
import { CpuMeter, startServer } from './support/server-process';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: DEFAULT_BENCH_DB },
      resync: { type: 'boolean', default: false },
      calls: { type: 'string', default: '30' },
      'answer-cache': { type: 'boolean', default: false },
      only: { type: 'string' },
      'pglite-dir': { type: 'string' },
    },
  });
  const n = Number(values.calls);
  const dbUrl = await ensureSyncedDatabase(values.db!, { resync: values.resync });
  let calls = await readCalls(dbUrl);
  if (values.only) calls = calls.filter((c) => values.only!.split(',').includes(c.tool));
  const pglite = values['pglite-dir'];
  // Every call computed (repeats of one question would otherwise come from the answer cache).
  const server = await startServer(pglite ? { PGLITE_DATA_DIR: pglite } : { DATABASE_URL: dbUrl }, {
    MCP_ANSWER_CACHE_MB: values['answer-cache'] ? '32' : '0',
  });
  process.stderr.write(
    `server ready in ${server.readyMs.toFixed(0)} ms (listening ${server.listeningMs.toFixed(0)} ms) on ${pglite ? `PGlite ${pglite}` : 'PostgreSQL'}; load ${loadAverages()}\n`,
  );
  const client = await openSession('http', server.url);
  const cpu = new CpuMeter(server.child.pid!, () => (pglite ? Promise.resolve([]) : serverBackendPids(dbUrl)));
  const rows: Record<string, unknown>[] = [];
  try {
    for (const c of calls) {
      const first = await timedCall(client, c.tool, c.args); // warm-up, and the answer whose size is recorded
      if (!first.ok) process.stderr.write(`  ${c.label}: ERROR ${first.error}\n`);
      const load = loadAverages();
      const times: number[] = [];
      let errors = 0;
      await cpu.begin();
      for (let i = 0; i < n; i++) {
        const r = await timedCall(client, c.tool, c.args);
        times.push(r.ms);
        if (!r.ok) errors++;
      }
      const used = await cpu.end();
      const cpuPerCall = { server: Math.round((used.serverMs / n) * 10) / 10, database: Math.round((used.databaseMs / n) * 10) / 10 };
      const s = summarize(times);
      const row = {
        label: c.label,
        tool: c.tool,
        ...s,
        errors,
        jsonChars: first.jsonChars,
        textChars: first.textChars,
        load,
        firstMs: Math.round(first.ms),
        cpuPerCall,
      };
      rows.push(row);
      process.stdout.write(
        `${c.label.padEnd(52)} p50 ${String(s.p50).padStart(6)}  p95 ${String(s.p95).padStart(6)}  max ${String(s.max).padStart(6)} ms  cpu/call ${String(cpuPerCall.server).padStart(5)} + ${String(cpuPerCall.database).padStart(5)} ms  json ${String(first.jsonChars).padStart(6)}  ${errors ? `errors ${errors}  ` : ''}load ${load}\n`,
      );
    }
  } finally {
    await client.close();
    await server.stop();
  }
  process.stdout.write(`\nmachine: ${machine()}\nJSON ${JSON.stringify({ engine: pglite ? 'pglite' : 'postgres', calls: n, rows })}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  },
);
