import { DataSource } from 'typeorm';
import { createTestDatabase, TEST_ENGINES, TestDatabase } from '../support/test-database';

/**
 * The triggers that keep each task's lifetime totals (stopped entries only) equal to a plain
 * sum over its entries, through inserts, upserts that change durations, tasks and billable
 * flags, soft and hard deletes, a timer that stops, and batches touching several tasks.
 */
describe.each(TEST_ENGINES)('task time totals on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  const t0 = Date.parse('2026-11-20T09:00:00Z');
  const at = (ms: number) => new Date(ms).toISOString();

  /** Upserts entries the way the sync does: one statement for the batch. */
  const write = async (rows: { id: string; task: string | null; start: number; end: number | null; billable?: boolean; deleted?: boolean }[]) => {
    const values: unknown[] = [];
    const tuples = rows.map((r, i) => {
      values.push(
        r.id,
        r.task,
        at(r.start),
        r.end === null ? null : at(r.end),
        r.end === null ? null : r.end - r.start,
        r.end === null,
        r.billable ?? false,
        r.deleted ? at(t0) : null,
      );
      const b = i * 8;
      return `($${b + 1}, 'w', $${b + 2}, 1, $${b + 3}::timestamptz, $${b + 4}::timestamptz, $${b + 5}::bigint, $${b + 6}::boolean, $${b + 7}::boolean, $${b + 8}::timestamptz, now())`;
    });
    await ds.query(
      `INSERT INTO time_entries (id, workspace_id, task_id, user_id, start_at, end_at, duration_ms, running, billable, deleted_at, synced_at)
       VALUES ${tuples.join(', ')}
       ON CONFLICT (id) DO UPDATE SET task_id = EXCLUDED.task_id, start_at = EXCLUDED.start_at, end_at = EXCLUDED.end_at, duration_ms = EXCLUDED.duration_ms,
         running = EXCLUDED.running, billable = EXCLUDED.billable, deleted_at = EXCLUDED.deleted_at`,
      values,
    );
  };
  const totals = async () =>
    Object.fromEntries(
      (
        (await ds.query(
          `SELECT task_id, stopped_ms, billable_ms, entries FROM task_time_totals WHERE entries <> 0 OR stopped_ms <> 0 ORDER BY task_id`,
        )) as Record<string, unknown>[]
      ).map((r) => [r.task_id, [Number(r.stopped_ms), Number(r.billable_ms), Number(r.entries)]]),
    );
  const recomputed = async () =>
    Object.fromEntries(
      (
        (await ds.query(
          `SELECT task_id, sum(extract(epoch FROM (end_at - start_at)) * 1000)::bigint AS ms,
                coalesce(sum(extract(epoch FROM (end_at - start_at)) * 1000) FILTER (WHERE billable), 0)::bigint AS b, count(*)::int AS n
         FROM time_entries WHERE task_id IS NOT NULL AND deleted_at IS NULL AND NOT running AND end_at > start_at GROUP BY task_id ORDER BY task_id`,
        )) as Record<string, unknown>[]
      ).map((r) => [r.task_id, [Number(r.ms), Number(r.b), Number(r.n)]]),
    );

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    ds = await db.dataSource();
  });
  afterAll(async () => db?.drop());

  it('follow every kind of write', async () => {
    const H = 3_600_000;
    await write([
      { id: 'e1', task: 'A', start: t0, end: t0 + H, billable: true },
      { id: 'e2', task: 'A', start: t0 + 2 * H, end: t0 + 2.5 * H },
      { id: 'e3', task: 'B', start: t0, end: t0 + 3 * H },
      { id: 'e4', task: null, start: t0, end: t0 + H },
      { id: 'e5', task: 'B', start: t0 + 5 * H, end: null },
      { id: 'e6', task: 'C', start: t0, end: t0 },
      { id: 'e7', task: 'C', start: t0, end: t0 + H, deleted: true },
    ]);
    expect(await totals()).toEqual({ A: [1.5 * H, H, 2], B: [3 * H, 0, 1] });
    expect(await totals()).toEqual(await recomputed());

    // a re-read of the same batch changes nothing
    await write([
      { id: 'e1', task: 'A', start: t0, end: t0 + H, billable: true },
      { id: 'e2', task: 'A', start: t0 + 2 * H, end: t0 + 2.5 * H },
    ]);
    expect(await totals()).toEqual(await recomputed());
    // a longer entry, a flag flipped, an entry moved to another task, a timer stopped, a soft delete, a restore
    await write([
      { id: 'e1', task: 'A', start: t0, end: t0 + 2 * H, billable: false },
      { id: 'e2', task: 'C', start: t0 + 2 * H, end: t0 + 2.5 * H, billable: true },
      { id: 'e5', task: 'B', start: t0 + 5 * H, end: t0 + 6 * H },
      { id: 'e3', task: 'B', start: t0, end: t0 + 3 * H, deleted: true },
      { id: 'e7', task: 'C', start: t0, end: t0 + H },
      { id: 'e8', task: 'D', start: t0, end: t0 + 4 * H },
    ]);
    expect(await totals()).toEqual({ A: [2 * H, 0, 1], B: [H, 0, 1], C: [1.5 * H, 0.5 * H, 2], D: [4 * H, 0, 1] });
    expect(await totals()).toEqual(await recomputed());

    // hard deletes (a reconcile pruning) and a plain update outside the sync's upsert
    await ds.query(`DELETE FROM time_entries WHERE id IN ('e8', 'e4')`);
    await ds.query(`UPDATE time_entries SET end_at = end_at + interval '30 minutes', duration_ms = duration_ms + 1800000 WHERE task_id = 'C'`);
    expect(await totals()).toEqual(await recomputed());
    expect((await totals()).D).toBeUndefined();
  });
});
