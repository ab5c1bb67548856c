import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The database's data version: the sum of data_changes' weights (migration
 * DataChangeLog1795450000000). Every committed statement that wrote data tools read adds to it
 * in its own transaction, so two equal versions mean that no such write committed between the
 * two reads. Bookkeeping (leases, cursors, failed runs) and other databases do not move it.
 */
@Injectable()
export class DataVersionRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async current(): Promise<string> {
    const [r]: { v: string }[] = await this.ds.query(`SELECT coalesce(sum(weight), 0)::text AS v FROM data_changes`);
    return r.v;
  }
}
