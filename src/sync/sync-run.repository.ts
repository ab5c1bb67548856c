import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SyncRunEntity } from '../database/entities';

/** Reads and writes sync_runs. SQL for sync bookkeeping lives here only. */
@Injectable()
export class SyncRunRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The newest run of each kind, newest first. */
  async latestPerKind(): Promise<SyncRunEntity[]> {
    return this.ds
      .getRepository(SyncRunEntity)
      .createQueryBuilder('r')
      .distinctOn(['r.kind'])
      .orderBy('r.kind')
      .addOrderBy('r.started_at', 'DESC')
      .getMany()
      .then((rows) => rows.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime()));
  }

  /** End of the newest successful run that read tasks: what `data_as_of` reports. */
  async lastSuccessfulSyncEnd(): Promise<Date | null> {
    const row = await this.ds
      .getRepository(SyncRunEntity)
      .createQueryBuilder('r')
      .where('r.status = :s', { s: 'succeeded' })
      .andWhere('r.kind IN (:...kinds)', { kinds: ['full', 'incremental'] })
      .orderBy('r.finished_at', 'DESC')
      .limit(1)
      .getOne();
    return row?.finishedAt ?? null;
  }
}
