import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../column-transformers';

/** High-water marks per workspace and entity (ms), moved only after a batch is committed. */
@Entity('sync_cursors')
export class SyncCursorEntity {
  @PrimaryColumn('varchar', { length: 64 }) workspaceId: string;
  @PrimaryColumn('text') entity: string;
  @Column('bigint', { nullable: true, transformer: bigintNumber }) value: number | null;
  @Column('timestamptz') updatedAt: Date;
}
