import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber, bigintNumberArray } from '../column-transformers';

/** Per-day task state, kept as history (never wiped) for trends. */
@Entity('task_snapshots')
@Index('idx_task_snapshots_workspace_date', ['workspaceId', 'snapshotDate'])
export class TaskSnapshotEntity {
  @PrimaryColumn('date') snapshotDate: string;
  @PrimaryColumn('varchar', { length: 64 }) taskId: string;
  @Column('varchar', { length: 64 }) workspaceId: string;
  @Column('varchar', { length: 64 }) listId: string;
  @Column('varchar', { length: 64 }) spaceId: string;
  @Column('varchar', { length: 64, nullable: true }) parentId: string | null;
  @Column('text') status: string;
  @Column('text') statusType: string;
  @Column('text') statusCategory: string;
  @Column('bigint', { array: true, default: () => "'{}'", transformer: bigintNumberArray }) assigneeIds: number[];
  @Column('bigint', { nullable: true, transformer: bigintNumber }) timeEstimate: number | null;
  /** Time logged on that calendar day (report time zone), ms. */
  @Column('bigint', { default: 0, transformer: bigintNumber }) timeLoggedMs: number;
  @Column('timestamptz', { nullable: true }) dueDate: Date | null;
  @Column('boolean', { default: false }) archived: boolean;
  /** Null for folderless lists, and in rows written before folders were recorded. */
  @Column('varchar', { length: 64, nullable: true }) folderId: string | null;
  /** The task's date_updated that day (health freshness); null in rows written before it was recorded. */
  @Column('timestamptz', { nullable: true }) dateUpdated: Date | null;
}
