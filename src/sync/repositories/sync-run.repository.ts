import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SyncRunEntity } from '../../database/entities';

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
    const rows = await this.repo.createQueryBuilder('r').distinctOn(['r.kind']).orderBy('r.kind').addOrderBy('r.started_at', 'DESC').getMany();
    return rows.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  }

  /** End of the newest successful run of a kind (default: any run that read tasks). */
  async lastSuccessEnd(kinds: SyncKind[] = ['full', 'incremental']): Promise<Date | null> {
    const row = await this.repo
      .createQueryBuilder('r')
      .where(`r.status = 'succeeded'`)
      .andWhere('r.kind IN (:...kinds)', { kinds })
      .orderBy('r.finished_at', 'DESC')
      .limit(1)
      .getOne();
    return row?.finishedAt ?? null;
  }

  async hasSucceeded(kind: SyncKind): Promise<boolean> {
    return (await this.repo.countBy({ kind, status: 'succeeded' })) > 0;
  }
}
