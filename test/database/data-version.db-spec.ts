import { DataSource } from 'typeorm';
import { DataVersionRepository } from '../../src/database/data-version.repository';
import { TableMaintenanceRepository } from '../../src/sync/repositories/table-maintenance.repository';
import { createTestDatabase, TEST_ENGINES, TestDatabase } from '../support/test-database';

/** Tables whose content is never part of an answer: writing them must not throw answers away. */
const BOOKKEEPING = ['app_state', 'data_changes', 'migrations', 'sync_cursors', 'sync_leases', 'sync_runs'];

/**
 * The data version the answer cache keys on (migration 1795450000000): it must move when, and
 * only when, a write to data that answers are read from commits. A table added later without the
 * trigger would let the cache serve answers that miss its writes: the first test fails then.
 */
describe.each(TEST_ENGINES)('data version on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  let versions: DataVersionRepository;
  const version = async () => BigInt(await versions.current());

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = await db.dataSource();
    versions = new DataVersionRepository(ds);
  });
  afterAll(async () => db?.drop());

  it('every table but the bookkeeping ones notes its writes', async () => {
    const rows: { name: string; noted: boolean }[] = await ds.query(
      `SELECT c.relname AS name, EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'data_changes_note') AS noted
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1`,
    );
    const unnoted = rows.filter((r) => !r.noted).map((r) => r.name);
    expect(unnoted).toEqual(BOOKKEEPING);
    expect(rows.length).toBeGreaterThan(15);
  });

  it('moves on a committed write, even one that changed no row; not on a rolled-back one', async () => {
    const rows = async () => (await ds.query(`SELECT count(*)::int AS n FROM data_changes`))[0].n as number;
    const v0 = await version();
    const r0 = await rows();
    await ds.query(`UPDATE tasks SET name = name WHERE false`);
    const v1 = await version();
    expect(v1).toBe(v0 + 1n);
    // One row per statement, however many derived tables the statement's own triggers wrote.
    expect(await rows()).toBe(r0 + 1);
    await ds.transaction(async (m) => {
      await m.query(`DELETE FROM time_entries WHERE false`);
      await m.query(`UPDATE lists SET name = name WHERE false`);
      // Not yet committed: another connection still reads the old version.
      if (kind === 'postgres') expect(await version()).toBe(v1);
    });
    const v2 = await version();
    expect(v2).toBe(v1 + 2n);
    await expect(
      ds.transaction(async (m) => {
        await m.query(`UPDATE members SET username = username WHERE false`);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await version()).toBe(v2);
  });

  it('does not move for leases, cursors or runs that did not succeed; does for a successful run', async () => {
    const v0 = await version();
    await ds.query(`DELETE FROM sync_leases WHERE false`);
    await ds.query(`DELETE FROM sync_cursors WHERE false`);
    const [run] = await ds.query(
      `INSERT INTO sync_runs (workspace_id, kind, trigger, status, started_at) VALUES ('w', 'hierarchy', 'test', 'running', now()) RETURNING id`,
    );
    await ds.query(`UPDATE sync_runs SET status = 'failed', finished_at = now() WHERE id = $1`, [run.id]);
    expect(await version()).toBe(v0);
    const [ok] = await ds.query(
      `INSERT INTO sync_runs (workspace_id, kind, trigger, status, started_at) VALUES ('w', 'full', 'test', 'running', now()) RETURNING id`,
    );
    expect(await version()).toBe(v0);
    await ds.query(`UPDATE sync_runs SET status = 'succeeded', finished_at = now() WHERE id = $1`, [ok.id]);
    expect(await version()).toBe(v0 + 1n);
    await ds.query(`DELETE FROM sync_runs WHERE id = $1`, [ok.id]);
    expect(await version()).toBe(v0 + 2n);
  });

  it('folding the change rows keeps the version and leaves one row', async () => {
    for (let i = 0; i < 5; i++) await ds.query(`UPDATE spaces SET name = name WHERE false`);
    const before = await version();
    const folded = await new TableMaintenanceRepository(ds).foldDataChanges();
    expect(folded).toBeGreaterThanOrEqual(5);
    expect(await version()).toBe(before);
    expect(await ds.query(`SELECT count(*)::int AS n FROM data_changes`)).toEqual([{ n: 1 }]);
    await ds.query(`UPDATE spaces SET name = name WHERE false`);
    expect(await version()).toBe(before + 1n);
  });
});
