import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One sync run: what was asked, how it went, what it cost. */
@Entity('sync_runs')
@Index('idx_sync_runs_workspace_started', ['workspaceId', 'startedAt'])
@Index('idx_sync_runs_status', ['status'])
@Index('idx_sync_runs_finished', ['finishedAt'])
// The newest run of a kind, and the newest successful one (migration SyncRunKindIndexes1795440000000).
@Index('idx_sync_runs_kind_started', { synchronize: false })
@Index('idx_sync_runs_succeeded_kind_finished', { synchronize: false })
export class SyncRunEntity {
  @PrimaryGeneratedColumn('increment') id: number;
  @Column('varchar', { length: 64, nullable: true }) workspaceId: string | null;
  /** full | incremental | reconcile | members | snapshot | webhook */
  @Column('text') kind: string;
  /** schedule | startup | api | mcp | cli | webhook */
  @Column('text') trigger: string;
  /** running | succeeded | partial | failed */
  @Column('text') status: string;
  @Column('timestamptz') startedAt: Date;
  @Column('timestamptz', { nullable: true }) finishedAt: Date | null;
  /** Per entity: { tasks: {upserted, deleted}, timeEntries: {...}, ... } */
  @Column('jsonb', { default: () => "'{}'" }) counts: Record<string, unknown>;
  @Column('integer', { default: 0 }) requests: number;
  @Column('integer', { default: 0 }) rateLimited: number;
  @Column('integer', { default: 0 }) retries: number;
  @Column('text', { nullable: true }) error: string | null;
  /** The process running it (hostname:pid:nonce); null for runs recorded before this column. */
  @Column('text', { nullable: true }) owner: string | null;
  /** Current phase and progress while running; warnings after. */
  @Column('jsonb', { default: () => "'{}'" }) details: Record<string, unknown>;
}
