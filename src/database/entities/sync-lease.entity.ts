import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * At most one sync per workspace across processes: a lease row that the holder renews while it
 * works. A crashed holder stops renewing (or is seen dead on the same host) and is taken over.
 * A lease row rather than pg_advisory_lock because a session lock would pin a pooled
 * connection for the whole run, and PGlite has exactly one.
 */
@Entity('sync_leases')
export class SyncLeaseEntity {
  @PrimaryColumn('varchar', { length: 64 }) workspaceId: string;
  /** hostname:pid:nonce of the holder. */
  @Column('text') owner: string;
  @Column('integer', { nullable: true }) runId: number | null;
  @Column('text') kind: string;
  @Column('timestamptz') acquiredAt: Date;
  @Column('timestamptz') expiresAt: Date;
}
