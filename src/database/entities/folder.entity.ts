import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { StatusDefinition } from './status-definition';

@Entity('folders')
@Index('idx_folders_space', ['spaceId'])
export class FolderEntity {
  @PrimaryColumn('varchar', { length: 64 }) id: string;
  @Column('varchar', { length: 64 }) workspaceId: string;
  @Column('varchar', { length: 64 }) spaceId: string;
  @Column('text') name: string;
  @Column('integer', { nullable: true }) orderindex: number | null;
  @Column('boolean', { default: false }) hidden: boolean;
  @Column('boolean', { default: false }) archived: boolean;
  /** True when the folder defines its own status set instead of inheriting the space's. */
  @Column('boolean', { default: false }) overrideStatuses: boolean;
  @Column('jsonb', { nullable: true }) statuses: StatusDefinition[] | null;
  @Column('integer', { nullable: true }) taskCount: number | null;
  @Column('timestamptz', { nullable: true }) deletedAt: Date | null;
  @Column('timestamptz') syncedAt: Date;
}
