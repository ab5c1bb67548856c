import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics on a stopped time entry's span. The time facts select the entries that start in a
 * window and are longer than nothing; without statistics the planner guesses a third of them
 * for any condition on an expression, and a month of the largest space on `large` (13,402
 * entries) was planned as 1,414: sorted groups and nested loops where hashing is right. The
 * expression must stay exactly as `SPAN` in src/analytics/time/time-facts.repository.ts writes
 * it (on the table's own columns) for the planner to find these statistics. ANALYZE fills them
 * now; later ones (the sync's, autovacuum's) keep them.
 */
export class TimeEntrySpanStatistics1795410000000 implements MigrationInterface {
  name = 'TimeEntrySpanStatistics1795410000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE STATISTICS IF NOT EXISTS time_entries_span ON ((coalesce(end_at, start_at + duration_ms * interval '1 millisecond') - start_at)) FROM time_entries`,
    );
    await q.query(`ANALYZE time_entries`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP STATISTICS IF EXISTS time_entries_span`);
  }
}
