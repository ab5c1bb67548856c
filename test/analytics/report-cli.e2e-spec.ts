import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { distEntry, spawnNode } from '../support/node-process';

type Obj = Record<string, any>;

/**
 * `npm run report` as a cron job runs it: the compiled CLI against an embedded database that
 * `npm run sync -- full` filled from the demo sandbox (tiny size); stdout carries only the report.
 */
describe('report CLI', () => {
  let dir: string;
  const env = () => ({
    PGLITE_DATA_DIR: path.join(dir, 'pg'),
    SANDBOX_SIZE: 'tiny',
    SANDBOX_RATE_LIMIT_PER_MINUTE: '0',
    REPORT_TIME_ZONE: 'Asia/Kolkata',
  });
  const run = async (args: string[]) => {
    const p = spawnNode(distEntry('analytics/reports/report-cli.js'), args, env());
    const { code } = await p.exited;
    return { code, stdout: p.stdout, stderr: p.stderr };
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-cli-'));
    const sync = spawnNode(distEntry('sync/sync-cli.js'), ['full'], env());
    expect((await sync.exited).code).toBe(0);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints a timesheet as CSV, as an aligned table and as JSON, with the same numbers', async () => {
    const csv = await run(['weekly-timesheet', '--week', 'last_week', '--format', 'csv']);
    expect([csv.code, csv.stderr]).toEqual([0, '']);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('person_id,person,date,weekday,hours,ms,billable_ms,timer_running');
    expect(lines.length).toBeGreaterThan(3);
    const csvMs = lines.slice(1).reduce((s, l) => s + Number(l.split(',').at(-3)), 0);

    const table = await run(['weekly-timesheet', '--week=last_week']);
    expect(table.code).toBe(0);
    const rows = table.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^person_id\s+person\s+date\s+weekday\s+hours\s+ms\s+billable_ms\s+timer_running$/);
    expect(rows[1]).toMatch(/^-+( +-+)+$/);
    expect(rows).toHaveLength(lines.length + 1);

    const json = await run(['get_weekly_timesheet', '--week', 'last_week', '--format', 'json']);
    expect(json.code).toBe(0);
    const o = JSON.parse(json.stdout) as Obj;
    expect(o.time.ms).toBe(csvMs);
    expect(o.period.label).toMatch(/\(Asia\/Kolkata\)$/);
  }, 60_000);

  it('renders text for reports without rows, and refuses bad input in one line with exit code 2', async () => {
    const text = await run(['at-risk-tasks', '--risk-days', '5']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/tasks at risk in whole workspace: \d+ overdue, \d+ due within 5 days/);
    const typo = await run(['weekly-timesheet', '--wek', 'last_week']);
    expect([typo.code, typo.stdout, typo.stderr.trim()]).toEqual([
      2,
      '',
      "report: Unknown argument 'wek' — did you mean 'week'? Accepted: week, space, folder, list, project, person.",
    ]);
    const period = await run(['timesheet', '--period', 'fortnight']);
    expect([period.code, period.stderr]).toEqual([2, expect.stringMatching(/^report: period 'fortnight' is not a period I know/)]);
    const none = await run([]);
    expect([none.code, none.stderr]).toEqual([2, expect.stringMatching(/^usage: npm run report -- <report>[\s\S]*weekly-timesheet/)]);
    const csvless = await run(['at-risk-tasks', '--format', 'csv']);
    expect([csvless.code, csvless.stderr.trim()]).toEqual([2, 'at-risk-tasks has no rows to tabulate: use --format text or json']);
  }, 60_000);
});
