import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { openDatabaseEngine, DatabaseEngine } from '../../src/database/database-engine';
import { SandboxServer } from '../../src/sandbox/sandbox-server';
import { diffDatabaseWithDump } from '../support/db-vs-dump';
import { distEntry, spawnNode, waitFor } from '../support/node-process';
import { createTestDatabase, TEST_ENGINES, TestDatabase } from '../support/test-database';

/**
 * `kill -9` in the middle of a full sync, several times, at different points — then a run to
 * completion must leave the database equal to ClickUp, with every interrupted run marked failed
 * by the process that took its lease over. The sync runs as the real compiled CLI in a child
 * process (`node dist/src/sync/sync-cli.js full`) against an in-test sandbox.
 *
 * Kill points: one on a timer (300 ms after spawn: still booting), the others keyed on the
 * sandbox's request counter, so they land inside the hierarchy walk, the task pages and the
 * time-entry windows whatever the machine's speed (the demo workspace costs 84 requests:
 * 32 for the workspace and hierarchy, 26 task pages, 26 time-entry windows).
 */
const KILLS: { label: string; when: { afterMs: number } | { requests: number } }[] = [
  { label: 'while booting (300 ms after spawn)', when: { afterMs: 300 } },
  { label: 'while reading the hierarchy', when: { requests: 8 } },
  { label: 'while reading task pages', when: { requests: 42 } },
  { label: 'while reading time-entry windows', when: { requests: 66 } },
];

describe.each(TEST_ENGINES)('a sync killed mid-run converges on restart (%s)', (kind) => {
  let sandbox: SandboxServer;
  let db: TestDatabase | undefined;
  let scratch: string;
  let dbEnv: Record<string, string | undefined>;
  let pgliteDir = '';

  beforeAll(async () => {
    // A little latency per response keeps the 84 requests of the demo workspace spread over
    // a few seconds, so every kill point lands while the process is still working.
    sandbox = await SandboxServer.start({ size: 'demo', seed: 5, rateLimitPerMinute: 0, latencyMs: 15 });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cu-crash-'));
    if (kind === 'postgres') {
      db = await createTestDatabase('postgres', { migrated: false });
      dbEnv = { DATABASE_URL: db.url };
    } else {
      pgliteDir = path.join(scratch, 'pglite');
      dbEnv = { PGLITE_DATA_DIR: pgliteDir };
    }
  });
  afterAll(async () => {
    await sandbox?.close();
    await db?.drop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  const cli = () =>
    spawnNode(distEntry('sync/sync-cli.js'), ['full'], {
      ...dbEnv,
      CLICKUP_API_TOKEN: sandbox.ownerToken,
      CLICKUP_API_BASE_URL: sandbox.baseUrl,
      CLICKUP_RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'silent',
      REPORT_TIME_ZONE: 'UTC',
    });

  async function openDatabase(): Promise<{ ds: DataSource; close: () => Promise<void> }> {
    if (db) {
      const ds = await db.dataSource();
      return { ds, close: async () => ds.destroy() };
    }
    const engine: DatabaseEngine = await openDatabaseEngine({ pgliteDataDir: pgliteDir, runMigrations: false, poolSize: 1 });
    const ds = new DataSource(engine.options);
    await ds.initialize();
    return {
      ds,
      close: async () => {
        await ds.destroy();
        await engine.dispose();
      },
    };
  }

  it('kill -9 four times at different points, then run to completion ⇒ equal to ClickUp, runs accounted for', async () => {
    const killed: number[] = [];
    for (const k of KILLS) {
      sandbox.resetStats();
      const p = cli();
      const started = Date.now();
      await waitFor(
        () => {
          if (!p.running()) throw new Error(`the sync exited before the kill point "${k.label}":\n${p.stderr}\n${p.stdout}`);
          return 'afterMs' in k.when ? Date.now() - started >= k.when.afterMs : sandbox.stats().requests >= k.when.requests;
        },
        60_000,
        k.label,
        5,
      );
      expect(p.running()).toBe(true);
      await p.kill();
      killed.push(p.child.pid!);
      if ('requests' in k.when) {
        // It got far enough to hold the database (and, on PGlite, the data-directory lock, now stale).
        expect(sandbox.stats().requests).toBeGreaterThanOrEqual(k.when.requests);
        if (kind === 'pglite') expect(JSON.parse(fs.readFileSync(`${pgliteDir}.lock`, 'utf8')).pid).toBe(p.child.pid);
      }
    }

    sandbox.resetStats();
    const final = cli();
    const { code } = await final.exited;
    expect({ code, stderr: final.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
    const summary = JSON.parse(final.stdout);
    expect(summary).toMatchObject({ kind: 'full', status: 'succeeded', error: null, rateLimited: 0 });
    if (kind === 'pglite') expect(fs.existsSync(`${pgliteDir}.lock`)).toBe(false);

    const { ds, close } = await openDatabase();
    try {
      const dump = sandbox.store.dump();
      expect(await diffDatabaseWithDump(ds, dump)).toEqual([]);

      // Every run is accounted for: the three killed mid-sync (the boot-time kill may not have
      // got as far as a run) were marked failed by the process that took their lease over.
      const runs: { id: number; status: string; error: string | null; kind: string }[] = await ds.query(
        `SELECT id, kind, status, error FROM sync_runs ORDER BY id`,
      );
      expect(runs.length).toBeGreaterThanOrEqual(KILLS.length);
      const last = runs.at(-1)!;
      expect(last).toMatchObject({ id: summary.id, status: 'succeeded', error: null });
      const interrupted = runs.slice(0, -1);
      expect(interrupted.length).toBeGreaterThanOrEqual(3);
      for (const r of interrupted) {
        expect(r).toMatchObject({ kind: 'full', status: 'failed', error: expect.stringMatching(/^Interrupted/) });
      }
      const [lease] = await ds.query(`SELECT count(*)::int AS n FROM sync_leases`);
      expect(lease.n).toBe(0);

      // No duplicates anywhere, and exactly ClickUp's numbers.
      const [c] = await ds.query(`SELECT
        (SELECT count(*) FROM tasks)::int AS tasks, (SELECT count(DISTINCT id) FROM tasks)::int AS task_ids,
        (SELECT count(*) FROM time_entries)::int AS entries, (SELECT count(DISTINCT id) FROM time_entries)::int AS entry_ids,
        (SELECT count(*) FROM task_assignees)::int AS assignees,
        (SELECT count(*) FROM (SELECT DISTINCT task_id, user_id FROM task_assignees) a)::int AS assignee_pairs,
        (SELECT count(*) FROM tasks WHERE deleted_at IS NOT NULL)::int AS deleted_tasks,
        (SELECT count(*) FROM time_entries WHERE deleted_at IS NOT NULL)::int AS deleted_entries`);
      expect(c).toEqual({
        tasks: dump.tasks.length,
        task_ids: dump.tasks.length,
        entries: dump.timeEntries.length,
        entry_ids: dump.timeEntries.length,
        assignees: c.assignee_pairs,
        assignee_pairs: dump.tasks.reduce((n, t) => n + new Set(t.assigneeIds).size, 0),
        deleted_tasks: 0,
        deleted_entries: 0,
      });
    } finally {
      await close();
    }
    expect(killed).toHaveLength(KILLS.length);
  }, 180_000);
});
