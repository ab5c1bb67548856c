import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { SyncRunEntity } from '../../database/entities';
import { countingDeleted, deletedCount } from './sql-result';

export const SYNC_KINDS = ['full', 'incremental', 'reconcile', 'members', 'hierarchy', 'snapshot', 'webhook', 'project'] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];
export type SyncTrigger = 'schedule' | 'startup' | 'api' | 'mcp' | 'cli' | 'webhook' | 'test';
export const SYNC_STATUSES = ['running', 'succeeded', 'partial', 'failed'] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

export interface RunCost {
  requests: number;
  rateLimited: number;
  retries: number;
}

export interface RunOutcome {
  status: Exclude<SyncStatus, 'running'>;
  counts: Record<string, unknown>;
  requests: number;
  rateLimited: number;
  retries: number;
  error: string | null;
  details?: Record<string, unknown>;
}

/** Reads and writes sync_runs: every run is recorded with what it did and what it cost. */
@Injectable()
export class SyncRunRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(SyncRunEntity);
  }

  async start(workspaceId: string | null, kind: SyncKind, trigger: SyncTrigger, owner: string | null = null): Promise<SyncRunEntity> {
    return this.repo.save(
      this.repo.create({
        workspaceId,
        kind,
        trigger,
        status: 'running',
        startedAt: new Date(),
        finishedAt: null,
        counts: {},
        requests: 0,
        rateLimited: 0,
        retries: 0,
        error: null,
        details: {},
        owner,
      }),
    );
  }

  /** While running: phase, counts and the ClickUp requests so far (so a run cut off still shows what it cost). */
  async progress(id: number, details: Record<string, unknown>, counts?: Record<string, unknown>, cost?: RunCost): Promise<void> {
    await this.repo.update({ id }, { details, ...(counts ? { counts } : {}), ...(cost ?? {}) } as never);
  }

  /** Runs still marked running (start-up recovery). */
  async running(): Promise<Pick<SyncRunEntity, 'id' | 'workspaceId' | 'kind' | 'owner'>[]> {
    return this.repo.find({ select: { id: true, workspaceId: true, kind: true, owner: true }, where: { status: 'running' }, order: { id: 'ASC' } });
  }

  async finish(id: number, o: RunOutcome): Promise<SyncRunEntity> {
    const patch = {
      status: o.status,
      finishedAt: new Date(),
      counts: o.counts,
      requests: o.requests,
      rateLimited: o.rateLimited,
      retries: o.retries,
      error: o.error,
      ...(o.details ? { details: o.details } : {}),
    };
    // jsonb columns typed as records trip TypeORM's deep-partial type; the values are plain JSON.
    await this.repo.update({ id }, patch as never);
    return this.repo.findOneByOrFail({ id });
  }

  /** A run whose process died: its lease was taken over, so it will never finish by itself. */
  async markInterrupted(id: number, reason: string): Promise<void> {
    await this.ds.query(`UPDATE sync_runs SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1 AND status = 'running'`, [id, reason]);
  }

  /**
   * With the workspace lease held, no other leased run can be alive: any still marked running
   * was cut off (a crash between creating the run and attaching it to the lease, say).
   */
  async markOrphansInterrupted(workspaceId: string, exceptRunId: number): Promise<void> {
    await this.ds.query(
      `UPDATE sync_runs SET status = 'failed', finished_at = now(),
         error = 'Interrupted: the process running it stopped before finishing.'
       WHERE workspace_id = $1 AND status = 'running' AND id <> $2 AND kind NOT IN ('webhook', 'snapshot')`,
      [workspaceId, exceptRunId],
    );
  }

  async get(id: number): Promise<SyncRunEntity | null> {
    return this.repo.findOneBy({ id });
  }

  async list(opts: { limit: number; offset: number; kind?: string; status?: string }): Promise<{ total: number; runs: SyncRunEntity[] }> {
    const qb = this.repo.createQueryBuilder('r');
    if (opts.kind) qb.andWhere('r.kind = :kind', { kind: opts.kind });
    if (opts.status) qb.andWhere('r.status = :status', { status: opts.status });
    const [runs, total] = await qb.orderBy('r.id', 'DESC').skip(opts.offset).take(opts.limit).getManyAndCount();
    return { total, runs };
  }

  /** The newest run of each kind, newest first. */
  async latestPerKind(): Promise<SyncRunEntity[]> {
    const rows: { id: number | string }[] = await this.ds.query(LATEST_PER_KIND_SQL);
    if (!rows.length) return [];
    const runs = await this.repo.findBy({ id: In(rows.map((r) => Number(r.id))) });
    return runs.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || b.id - a.id);
  }

  /**
   * Deletes runs that finished more than `days` days ago — never a run still running, one a
   * lease points at, or the newest run of its kind (what /health and get_sync_status show).
   * Returns how many were deleted.
   */
  async pruneFinishedBefore(days: number): Promise<number> {
    return deletedCount(
      await this.ds.query(
        countingDeleted(`DELETE FROM sync_runs r
         WHERE r.finished_at < now() - $1 * interval '1 day' AND r.status <> 'running'
           AND r.id NOT IN (${LATEST_PER_KIND_SQL})
           AND NOT EXISTS (SELECT 1 FROM sync_leases l WHERE l.run_id = r.id)`),
        [days],
      ),
    );
  }

  /** End of the newest successful run of a kind (default: any run that read tasks). */
  async lastSuccessEnd(kinds: SyncKind[] = ['full', 'incremental']): Promise<Date | null> {
    const [r]: { at: string | Date | null }[] = await this.ds.query(LAST_SUCCESS_END_SQL, [kinds]);
    return r?.at == null ? null : new Date(r.at);
  }
}

/**
 * The id of each kind's newest run, by index probes (idx_sync_runs_kind_started): the kinds
 * present are found by stepping from one kind to the next in the index, then each kind's newest
 * run is one backward probe. Run history grows by every webhook event and every scheduled run;
 * a DISTINCT ON over it sorted every run there was (758 ms at 600,000 runs).
 */
export const LATEST_PER_KIND_SQL = `
  WITH RECURSIVE kinds(kind) AS (
    (SELECT kind FROM sync_runs ORDER BY kind LIMIT 1)
    UNION ALL
    SELECT (SELECT s.kind FROM sync_runs s WHERE s.kind > k.kind ORDER BY s.kind LIMIT 1) FROM kinds k WHERE k.kind IS NOT NULL
  )
  SELECT r.id FROM kinds k CROSS JOIN LATERAL (
    SELECT s.id FROM sync_runs s WHERE s.kind = k.kind ORDER BY s.started_at DESC, s.id DESC LIMIT 1
  ) r
  WHERE k.kind IS NOT NULL`;

/**
 * The newest end of a successful run among kinds $1, one backward probe per kind
 * (idx_sync_runs_succeeded_kind_finished) instead of a walk back over every newer run of other
 * kinds — webhook runs, mostly.
 */
export const LAST_SUCCESS_END_SQL = `
  SELECT max(x.finished_at) AS at FROM unnest($1::text[]) AS k(kind) CROSS JOIN LATERAL (
    SELECT s.finished_at FROM sync_runs s
    WHERE s.status = 'succeeded' AND s.kind = k.kind AND s.finished_at IS NOT NULL
    ORDER BY s.finished_at DESC LIMIT 1
  ) x`;
