import { DataSource } from 'typeorm';
import { LAST_SUCCESS_END_SQL, LATEST_PER_KIND_SQL, SyncKind, SyncRunRepository } from '../../src/sync/repositories/sync-run.repository';
import { createTestDatabase, TEST_ENGINES, TestDatabase } from '../support/test-database';

/**
 * Run history grows by every webhook event and every scheduled run, so the two questions asked
 * of it on every `/health` and `get_sync_status` — each kind's newest run, and when the newest
 * successful run of some kinds ended — must not read it all (migration 1795440000000). Checked
 * against the rows themselves, worked out here in JavaScript: ties on the start, runs still
 * running (no end), failed runs newer than every success, a kind the code does not know.
 */
describe.each(TEST_ENGINES)('sync run history on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  let runs: SyncRunRepository;
  type Row = { id: number; kind: string; status: string; started: number; finished: number | null };
  let rows: Row[];

  const KINDS = ['webhook', 'incremental', 'full', 'reconcile', 'snapshot', 'legacy'];
  const N = 20_000;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = await db.dataSource();
    runs = new SyncRunRepository(ds);
    // Mostly webhook runs, like a year of use; every 7th incremental, every 500th full, one
    // 'legacy' run early on; each 37th failed, each 1,000th still running; starts repeat in
    // pairs so that kinds have ties, broken by the newer id.
    await ds.query(
      `INSERT INTO sync_runs (workspace_id, kind, trigger, status, started_at, finished_at)
       SELECT 'w',
              CASE WHEN g = 3 THEN 'legacy' WHEN g % 500 = 0 THEN 'full' WHEN g % 1999 = 0 THEN 'reconcile'
                   WHEN g % 3001 = 0 THEN 'snapshot' WHEN g % 7 = 0 THEN 'incremental' ELSE 'webhook' END,
              'test',
              CASE WHEN g % 1000 = 999 THEN 'running' WHEN g % 37 = 0 THEN 'failed' ELSE 'succeeded' END,
              timestamptz '2026-01-01T00:00:00Z' + (g / 2) * interval '1 minute',
              CASE WHEN g % 1000 = 999 THEN NULL ELSE timestamptz '2026-01-01T00:00:00Z' + (g / 2) * interval '1 minute' + (g % 11) * interval '1 second' END
       FROM generate_series(1, ${N}) g`,
    );
    // The newest full run failed after every other run: it is the newest full, not the last success.
    await ds.query(
      `INSERT INTO sync_runs (workspace_id, kind, trigger, status, started_at, finished_at, error)
       VALUES ('w', 'full', 'test', 'failed', '2026-03-01T00:00:00Z', '2026-03-01T00:05:00Z', 'boom')`,
    );
    await ds.query(`ANALYZE sync_runs`);
    const all: Record<string, unknown>[] = await ds.query(`SELECT id, kind, status, started_at, finished_at FROM sync_runs`);
    rows = all.map((r) => ({
      id: Number(r.id),
      kind: String(r.kind),
      status: String(r.status),
      started: new Date(r.started_at as string).getTime(),
      finished: r.finished_at == null ? null : new Date(r.finished_at as string).getTime(),
    }));
  });
  afterAll(async () => db?.drop());

  it('names the newest run of every kind present, newest first (ties: the newer id)', async () => {
    const newest = new Map<string, Row>();
    for (const r of rows) {
      const best = newest.get(r.kind);
      if (!best || r.started > best.started || (r.started === best.started && r.id > best.id)) newest.set(r.kind, r);
    }
    const expected = [...newest.values()].sort((a, b) => b.started - a.started || b.id - a.id).map((r) => [r.kind, r.id]);
    expect(expected.map(([k]) => k).sort()).toEqual([...KINDS].sort());
    const got = await runs.latestPerKind();
    expect(got.map((r) => [r.kind, r.id])).toEqual(expected);
    expect(got.find((r) => r.kind === 'full')?.status).toBe('failed');
  });

  it.each<[SyncKind[]]>([[['full', 'incremental']], [['full']], [['reconcile', 'snapshot']], [['members']]])(
    'ends data as of at the newest successful end among %j',
    async (kinds) => {
      const ends = rows
        .filter((r) => r.status === 'succeeded' && kinds.includes(r.kind as SyncKind) && r.finished !== null)
        .map((r) => r.finished as number);
      const expected = ends.length ? new Date(Math.max(...ends)) : null;
      expect(await runs.lastSuccessEnd(kinds)).toEqual(expected);
    },
  );

  it('answers both by index probes, not by reading every run', async () => {
    const plan = async (sql: string, params: unknown[] = []) => {
      const out: Record<string, unknown>[] = await ds.query(`EXPLAIN ${sql}`, params);
      return out.map((r) => String(r['QUERY PLAN'])).join('\n');
    };
    for (const p of [await plan(LATEST_PER_KIND_SQL), await plan(LAST_SUCCESS_END_SQL, [['full', 'incremental']])]) {
      expect(p).not.toMatch(/Seq Scan on sync_runs/);
      expect(p).not.toMatch(/Sort/);
    }
  });
});
