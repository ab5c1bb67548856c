import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface LiveRunRow {
  id: number;
  kind: string;
  details: Record<string, unknown>;
  counts: Record<string, unknown>;
}

export interface FinishedRunRow {
  id: number;
  kind: string;
  status: string;
  error: string | null;
}

/** What "is the mirror complete yet?" needs from the database; cheap enough to ask per tool call. */
@Injectable()
export class DataReadinessRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * A full read has succeeded: a succeeded full or reconcile run, or the `full` cursor, which
   * the runner also sets when an incremental run had to do a full read instead.
   */
  async fullSyncCompleted(): Promise<boolean> {
    const [r] = await this.ds.query(
      `SELECT (EXISTS (SELECT 1 FROM sync_runs WHERE status = 'succeeded' AND kind IN ('full', 'reconcile'))
            OR EXISTS (SELECT 1 FROM sync_cursors WHERE entity = 'full')) AS done`,
    );
    return r?.done === true;
  }

  /** The run holding a live workspace lease (in this process or another), with its persisted progress. */
  async liveRun(): Promise<LiveRunRow | null> {
    const [r] = await this.ds.query(
      `SELECT r.id, r.kind, r.details, r.counts FROM sync_leases l JOIN sync_runs r ON r.id = l.run_id
       WHERE l.expires_at > now() AND r.status = 'running' AND r.kind IN ('full', 'reconcile', 'incremental') ORDER BY l.acquired_at DESC LIMIT 1`,
    );
    return r ? { id: Number(r.id), kind: r.kind, details: r.details ?? {}, counts: r.counts ?? {} } : null;
  }

  /** How many tasks ClickUp says the synced lists hold (its own list counts); null before the hierarchy is read. */
  async expectedTaskCount(): Promise<number | null> {
    const [r] = await this.ds.query(`SELECT sum(task_count) AS n FROM lists WHERE deleted_at IS NULL`);
    const n = r?.n == null ? 0 : Number(r.n);
    return n > 0 ? n : null;
  }

  /** The newest finished run that reads everything (full or reconcile). */
  async lastFullAttempt(): Promise<FinishedRunRow | null> {
    const [r] = await this.ds.query(
      `SELECT id, kind, status, error FROM sync_runs WHERE kind IN ('full', 'reconcile') AND status <> 'running'
       ORDER BY started_at DESC LIMIT 1`,
    );
    return r ? { id: Number(r.id), kind: r.kind, status: r.status, error: r.error } : null;
  }
}
