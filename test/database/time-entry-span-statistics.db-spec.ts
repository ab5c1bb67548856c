import { DataSource } from 'typeorm';
import { SPAN } from '../../src/analytics/time/time-facts.repository';
import { createTestDatabase, TEST_ENGINES, TestDatabase } from '../support/test-database';

/**
 * The time facts select the entries that start in a window by "span > 0", which the planner
 * estimates from the statistics on that expression (migration 1795410000000) — but only while
 * the query writes the expression exactly as the statistics do. Without them it guesses a third
 * of the rows, and a month of a large space was planned for a tenth of its entries (sorted
 * groups and nested loops instead of hashing: docs/benchmarks.md). This holds the two together.
 */
describe.each(TEST_ENGINES)('time entry span statistics on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = await db.dataSource();
    // 300 stopped entries of one to 300 minutes, one of no length.
    await ds.query(
      `INSERT INTO time_entries (id, workspace_id, task_id, user_id, start_at, end_at, duration_ms, synced_at)
       SELECT 'e' || g, 'w', NULL, 1, t, t + g * interval '1 minute', g * 60000, now()
       FROM generate_series(0, 300) g, LATERAL (SELECT timestamptz '2026-11-01T00:00:00Z' + g * interval '1 hour' AS t) x`,
    );
    await ds.query(`ANALYZE time_entries`);
  });
  afterAll(async () => db?.drop());

  const estimate = async (where: string): Promise<number> => {
    const [row] = await ds.query(`EXPLAIN (FORMAT JSON) SELECT 1 FROM time_entries e WHERE ${where}`);
    const plan = row['QUERY PLAN'];
    return (typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan['Plan Rows'];
  };

  it('estimates "span > 0" from the statistics: all but one entry, not a third', async () => {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM time_entries e WHERE ${SPAN} > interval '0'`);
    expect(n).toBe(300);
    expect(await estimate(`${SPAN} > interval '0'`)).toBeGreaterThanOrEqual(290);
    // The same condition written differently finds no statistics: the planner's default third.
    expect(await estimate(`e.end_at - e.start_at > interval '0'`)).toBeLessThan(150);
  });
});
