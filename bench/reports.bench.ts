/**
 * Report benchmark: every analytics and intelligence tool over a real MCP client (Streamable HTTP) against the
 * `large` sandbox workspace (100,000 tasks, 1,000,000 time entries) synced into PostgreSQL, with
 * realistic arguments (the largest space and folder, the busiest person, a month, a quarter, a
 * year). Prints p50/p95/max of N calls per case, the answer sizes, and EXPLAIN (ANALYZE, BUFFERS)
 * of the time-facts query for a month on the largest space and a year workspace-wide.
 *
 * The synced database is kept (clickup_bench_reports) and reused by later runs; --resync
 * rebuilds it (a full sync of `large`, ~1.5–2 minutes). The report clock is pinned to the
 * sandbox's generation anchor, so "last month" always means the same data.
 *
 * Run: npm run bench:reports. Options: --calls N (default 30), --resync, --only tool[,tool], --skip-explain,
 * --answer-cache (keep the answer cache on: repeats then come from memory; off by default, since
 * what this measures is the computation), BENCH_DATABASE_URL (admin URL; default TEST_DATABASE_URL, then postgres://postgres@127.0.0.1:5432/postgres).
 */
import 'reflect-metadata';
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { Client as McpClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { createHttpApp } from '../src/bootstrap';
import { Params } from '../src/analytics/tasks/task-query.repository';
import { LONGEST_ENTRY_SQL, timeFactsSql } from '../src/analytics/time/time-facts.repository';
import { TimeFactsQuery } from '../src/analytics/time/time-facts.types';
import { FixedClock } from '../src/common/time/clock';
import { resolvePeriod } from '../src/common/time/period';
import { SyncRunnerService } from '../src/sync/sync-runner.service';
import { adminUrl, databaseUrl, dropDatabase, startSandbox } from './support/bench-database';

/** The generation anchor of the benchmark workspace (a Wednesday, 15:30 in Kolkata). */
const ANCHOR = Date.parse('2026-11-25T10:00:00Z');
const ZONE = 'Asia/Kolkata';
const DB = 'clickup_bench_reports';

type Obj = Record<string, any>;

const dbUrl = (): string => databaseUrl(DB);

async function q<T = Obj>(sql: string, params: unknown[] = [], url = dbUrl()): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Creates and fills the benchmark database unless it already holds the synced workspace. */
async function ensureSynced(resync: boolean): Promise<void> {
  const exists = (await q(`SELECT 1 FROM pg_database WHERE datname = $1`, [DB], adminUrl())).length > 0;
  if (exists && !resync) {
    const marker = await q(`SELECT value FROM app_state WHERE key = 'bench_reports_anchor'`).catch(() => []);
    if (marker.length && Number((marker[0] as Obj).value) === ANCHOR) return;
  }
  if (exists) await dropDatabase(DB);
  await q(`CREATE DATABASE "${DB}"`, [], adminUrl());
  process.stderr.write('syncing the large sandbox workspace into PostgreSQL (once; reused by later runs)…\n');
  const sandbox = await startSandbox('large', ['--now', String(ANCHOR)]);
  const t0 = Date.now();
  try {
    const app = await NestFactory.createApplicationContext(
      AppModule.forRoot({
        role: 'cli',
        ignoreEnvFile: true,
        env: {
          DATABASE_URL: dbUrl(),
          CLICKUP_API_TOKEN: sandbox.token,
          CLICKUP_API_BASE_URL: sandbox.baseUrl,
          CLICKUP_RATE_LIMIT_PER_MINUTE: '100000',
          CLICKUP_TIMEOUT_MS: '120000',
          SYNC_ENABLED: 'false',
          LOG_LEVEL: 'warn',
          SANDBOX_PORT: '0',
          SYNC_TIME_ENTRIES_HISTORY_DAYS: '3650',
          REPORT_TIME_ZONE: ZONE,
        },
      }),
      { logger: ['error', 'warn'], abortOnError: false },
    );
    const r = await app.get(SyncRunnerService).runNow('full', 'cli');
    await app.close();
    if (r.run?.status !== 'succeeded') throw new Error(`full sync ${r.run?.status}: ${r.run?.error}`);
  } finally {
    sandbox.close();
  }
  await q(`INSERT INTO app_state (key, value, updated_at) VALUES ('bench_reports_anchor', $1::jsonb, now())`, [JSON.stringify(ANCHOR)]);
  process.stderr.write(`synced in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
}

interface Case {
  tool: string;
  label: string;
  args: Obj;
  /** p95 target in ms. */
  target: number;
}

async function cases(): Promise<Case[]> {
  const [space] = await q(
    `SELECT s.id, s.name, count(*)::int AS n FROM tasks t JOIN spaces s ON s.id = t.space_id WHERE t.deleted_at IS NULL GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1`,
  );
  const [folder] = await q(
    `SELECT f.id, f.name, count(*)::int AS n FROM tasks t JOIN folders f ON f.id = t.folder_id WHERE t.deleted_at IS NULL GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1`,
  );
  const month = resolvePeriod({ period: 'last_month' }, { now: ANCHOR, timeZone: ZONE });
  const [person] = await q(
    `SELECT e.user_id::text AS id, count(*)::int AS n FROM time_entries e WHERE e.start_at >= $1 AND e.start_at < $2 GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    [new Date(month.from), new Date(month.to)],
  );
  const [list] = await q(`SELECT l.id FROM tasks t JOIN lists l ON l.id = t.list_id GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
  const [tree] = await q(
    `SELECT top_level_parent_id AS id, count(*)::int AS n FROM tasks WHERE top_level_parent_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
  );
  const quarter = { period: 'custom', start: '2026-08-01', end: '2026-10-31' };
  const S = space.id as string;
  process.stderr.write(
    `largest space ${space.name} (${space.n} tasks), largest folder ${folder.name} (${folder.n}), busiest person ${person.id} (${person.n} entries last month), biggest tree ${tree.id} (${tree.n} subtasks)\n`,
  );
  return [
    { tool: 'get_space_project_time_report', label: 'largest space, last month', args: { space: S, period: 'last_month' }, target: 150 },
    { tool: 'get_space_project_time_report', label: 'largest space, a quarter', args: { space: S, ...quarter }, target: 150 },
    {
      tool: 'get_folder_time_report',
      label: 'largest folder, last month, by person',
      args: { folder: folder.id, period: 'last_month', group_by: 'person' },
      target: 150,
    },
    { tool: 'get_employee_time_report', label: 'largest space, last month', args: { space: S, period: 'last_month' }, target: 150 },
    { tool: 'get_employee_time_report', label: 'busiest person, a quarter', args: { person: person.id, ...quarter }, target: 150 },
    {
      tool: 'get_employee_time_report',
      label: 'workspace, a year',
      args: { period: 'custom', start: '2025-11-25', end: '2026-11-24' },
      target: 1000,
    },
    { tool: 'get_weekly_timesheet', label: 'largest space, last week', args: { space: S, week: 'last_week' }, target: 150 },
    { tool: 'get_monthly_timesheet', label: 'largest space, last month', args: { space: S, month: 'last_month' }, target: 150 },
    { tool: 'get_timesheet', label: 'busiest person, last 30 days', args: { person: person.id, period: 'last_30_days' }, target: 150 },
    { tool: 'get_yesterday_report', label: 'largest space', args: { space: S }, target: 150 },
    { tool: 'get_progress_since', label: 'largest space, since the 1st', args: { space: S, since: '2026-11-01' }, target: 150 },
    { tool: 'get_time_tracking_report', label: 'largest space, last month, by assignee', args: { space: S, period: 'last_month' }, target: 150 },
    { tool: 'get_time_tracking_report', label: 'largest space, all time, by status', args: { space: S, group_by: 'status' }, target: 150 },
    { tool: 'get_task_time_breakdown', label: 'biggest tree', args: { task: tree.id }, target: 150 },
    { tool: 'get_estimation_accuracy', label: 'largest space', args: { space: S }, target: 150 },
    { tool: 'get_at_risk_tasks', label: 'largest space', args: { space: S }, target: 150 },
    { tool: 'get_untracked_tasks', label: 'largest space', args: { space: S }, target: 150 },
    { tool: 'get_project_health_score', label: 'largest space, 14-day trend', args: { project: S, trend_days: 14 }, target: 150 },
    { tool: 'get_project_daily_standup', label: 'largest folder', args: { project: folder.id }, target: 150 },
    { tool: 'get_project_weekly_digest', label: 'largest space', args: { project: S }, target: 150 },
    { tool: 'get_project_blockers', label: 'largest space', args: { project: S }, target: 150 },
    { tool: 'get_project_at_risk', label: 'largest space', args: { project: S }, target: 150 },
    { tool: 'get_project_team_workload', label: 'largest space', args: { project: S }, target: 150 },
    { tool: 'get_project_time_tracking', label: 'largest folder, by status', args: { project: folder.id, group_by: 'status' }, target: 150 },
    { tool: 'get_workspace_folderless_lists', label: 'workspace', args: {}, target: 150 },
    { tool: 'get_list_defined_statuses', label: 'a list', args: { list: list.id }, target: 150 },
    { tool: 'get_project_statuses', label: 'largest space', args: { project: S }, target: 150 },
    { tool: 'get_project_completion_rate', label: 'largest space, 8 weeks', args: { project: S }, target: 150 },
    { tool: 'get_project_velocity', label: 'largest space, 8 weeks', args: { project: S }, target: 150 },
  ];
}

const pctl = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function explain(label: string, query: TimeFactsQuery): Promise<void> {
  // The bound of the scan as the server passes it (a value, not a subquery), so the plan printed is the plan it runs.
  const [longest] = await q(LONGEST_ENTRY_SQL, [query.workspaceId]);
  const p = new Params();
  const sql = timeFactsSql({ ...query, longestMs: Number(longest.ms) }, p);
  const plan = await q<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, p.values);
  process.stdout.write(`\n-- EXPLAIN (ANALYZE, BUFFERS): ${label}\n${plan.map((r) => r['QUERY PLAN']).join('\n')}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      calls: { type: 'string', default: '30' },
      resync: { type: 'boolean', default: false },
      only: { type: 'string' },
      'skip-explain': { type: 'boolean', default: false },
      'answer-cache': { type: 'boolean', default: false },
    },
  });
  const calls = Number(values.calls);
  const machine = `${os.cpus().length} vCPU ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}`;
  await ensureSynced(values.resync!);
  const app = await createHttpApp({
    ignoreEnvFile: true,
    clock: new FixedClock(ANCHOR),
    env: {
      DATABASE_URL: dbUrl(),
      CLICKUP_API_TOKEN: 'pk_bench_no_network',
      CLICKUP_API_BASE_URL: 'http://127.0.0.1:9/api/v2',
      SYNC_ENABLED: 'false',
      LOG_LEVEL: 'error',
      REPORT_TIME_ZONE: ZONE,
      // Every call computed: with the clock pinned, the answer cache would answer repeats from memory.
      MCP_ANSWER_CACHE_MB: values['answer-cache'] ? '32' : '0',
      HOST: '127.0.0.1',
      PORT: '0',
    },
  });
  await app.listen(0, '127.0.0.1');
  // Fresh statistics (the app's start may just have migrated a million rows).
  await q('ANALYZE');
  const port = (app.getHttpServer().address() as { port: number }).port;
  const client = new McpClient({ name: 'bench', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`)));
  const only = values.only?.split(',');
  const all = (await cases()).filter((c) => !only || only.includes(c.tool));
  const load0 = os.loadavg();
  const rows: string[] = [];
  for (const c of all) {
    const times: number[] = [];
    let chars = 0;
    for (let i = 0; i < calls + 3; i++) {
      const t0 = performance.now();
      const r = await client.callTool({ name: c.tool, arguments: c.args });
      const ms = performance.now() - t0;
      if (r.isError) throw new Error(`${c.tool} ${JSON.stringify(c.args)}: ${(r.content as Obj[])[0].text}`);
      chars = JSON.stringify(r.structuredContent).length;
      if (i >= 3) times.push(ms);
    }
    const p95 = pctl(times, 95);
    const row = `| ${c.tool} | ${c.label} | ${pctl(times, 50).toFixed(0)} | ${p95.toFixed(0)} | ${Math.max(...times).toFixed(0)} | ${chars.toLocaleString('en-US')} | ${p95 <= c.target ? 'yes' : `**no** (${c.target})`} |`;
    rows.push(row);
    process.stderr.write(`${row}\n`);
  }
  const load1 = os.loadavg();
  process.stdout.write(
    `\nmachine: ${machine}; load average at start ${load0.map((x) => x.toFixed(2)).join(' ')}, at end ${load1.map((x) => x.toFixed(2)).join(' ')}\n`,
  );
  process.stdout.write(
    `${calls} calls per case after 3 warm-up calls, over MCP Streamable HTTP, PostgreSQL, report zone ${ZONE}, clock pinned at ${new Date(ANCHOR).toISOString()}\n\n`,
  );
  process.stdout.write(
    `| Tool | Case | p50 ms | p95 ms | max ms | answer chars | p95 on target |\n|---|---|---:|---:|---:|---:|---|\n${rows.join('\n')}\n`,
  );
  await client.close();
  await app.close();
  if (!values['skip-explain']) {
    const [space] = await q(`SELECT s.id FROM tasks t JOIN spaces s ON s.id = t.space_id GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
    const [ws] = await q(`SELECT id FROM workspaces LIMIT 1`);
    const month = resolvePeriod({ period: 'last_month' }, { now: ANCHOR, timeZone: ZONE });
    const year = resolvePeriod({ period: 'custom', start: '2025-11-25', end: '2026-11-24' }, { now: ANCHOR, timeZone: ZONE });
    const base = { workspaceId: ws.id as string, now: ANCHOR, timeZone: ZONE };
    await explain('a month on the largest space, by project, person and task', {
      ...base,
      window: { from: month.from, to: month.to },
      scope: { kind: 'space', id: space.id },
      groupBy: ['project', 'person', 'task'],
    });
    await explain('a month on the largest space, person × day', {
      ...base,
      window: { from: month.from, to: month.to },
      scope: { kind: 'space', id: space.id },
      groupBy: ['person', 'day'],
    });
    await explain('a year, whole workspace, by person, project and task', {
      ...base,
      window: { from: year.from, to: year.to },
      groupBy: ['person', 'project', 'task'],
    });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  },
);
