import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The tables a sync rewrites in bulk; VACUUM takes only fixed names. */
export const BULK_TABLES = ['tasks', 'task_assignees', 'task_watchers', 'time_entries'] as const;
export type BulkTable = (typeof BULK_TABLES)[number];

/**
 * Planner statistics and visibility maps after bulk writes. PGlite has no autovacuum at all and
 * a PostgreSQL server's may lag a 100,000-row load by minutes: meanwhile the planner estimates
 * 178 rows for a 100,000-row table (hash joins over everything) and index-only scans fall back
 * to the heap. A sync that wrote much therefore refreshes both itself (docs/benchmarks.md).
 */
@Injectable()
export class TableMaintenanceRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Live rows per bulk table of a workspace, from the trigger-kept counters (no scans). */
  async liveRows(workspaceId: string): Promise<{ tasks: number; timeEntries: number }> {
    const [r] = await this.ds.query(
      `SELECT (SELECT coalesce(sum(n), 0) FROM task_counts WHERE workspace_id = $1 AND NOT deleted)::bigint AS tasks,
              (SELECT coalesce(sum(n), 0) FROM time_entry_counts WHERE workspace_id = $1 AND NOT deleted)::bigint AS time_entries`,
      [workspaceId],
    );
    return { tasks: Number(r?.tasks ?? 0), timeEntries: Number(r?.time_entries ?? 0) };
  }

  /**
   * Bulk tables that were never analyzed, by hand or by autovacuum (a database synced before
   * this maintenance existed, or PGlite, which has no autovacuum).
   */
  async neverAnalyzed(): Promise<BulkTable[]> {
    const rows: { relname: BulkTable }[] = await this.ds.query(
      `SELECT relname FROM pg_stat_user_tables
       WHERE relname = ANY($1::text[]) AND last_analyze IS NULL AND last_autoanalyze IS NULL ORDER BY relname`,
      [BULK_TABLES],
    );
    return rows.map((r) => r.relname);
  }

  /**
   * Folds a workspace's open_work_people rows (the net change of every statement, appended by a
   * trigger) into one per person and archived flag, keeping reads of it to a few hundred rows.
   * One statement: rows other transactions add meanwhile are not in its snapshot, so they are
   * neither deleted nor summed, and the totals stay exact. Returns the rows it folded.
   */
  async foldOpenWorkPeople(workspaceId: string): Promise<number> {
    const [r] = await this.ds.query(
      `WITH gone AS (
         DELETE FROM open_work_people WHERE workspace_id = $1 RETURNING user_id, archived, n, estimate_share_ms
       ), kept AS (
         INSERT INTO open_work_people (workspace_id, user_id, archived, n, estimate_share_ms)
         SELECT $1, user_id, archived, sum(n), sum(estimate_share_ms) FROM gone
         GROUP BY user_id, archived HAVING sum(n) <> 0 OR sum(estimate_share_ms) <> 0
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM gone)::int AS folded, (SELECT count(*) FROM kept)::int AS kept`,
      [workspaceId],
    );
    return Number(r?.folded ?? 0);
  }

  /**
   * Folds data_changes (a row per writing statement) into one row with their summed weight: the
   * data version (their sum) stays what it is, and reading it stays a sum over a row or a few.
   * One statement, so rows other transactions add meanwhile are neither deleted nor summed.
   */
  async foldDataChanges(): Promise<number> {
    const [r] = await this.ds.query(
      `WITH gone AS (DELETE FROM data_changes RETURNING weight),
            kept AS (INSERT INTO data_changes (weight) SELECT sum(weight) FROM gone HAVING count(*) > 0)
       SELECT count(*)::int AS folded FROM gone`,
    );
    return Number(r?.folded ?? 0);
  }

  /** VACUUM (ANALYZE): statistics for the planner, all-visible pages for index-only scans. */
  async vacuumAnalyze(table: BulkTable): Promise<void> {
    await this.ds.query(`VACUUM (ANALYZE) ${table}`);
  }
}
