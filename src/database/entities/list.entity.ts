import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { StatusDefinition } from './status-definition';

@Entity('lists')
@Index('idx_lists_space', ['spaceId'])
@Index('idx_lists_folder', ['folderId'])
export class ListEntity {
  @PrimaryColumn('varchar', { length: 64 }) id: string;
  @Column('varchar', { length: 64 }) workspaceId: string;
  @Column('varchar', { length: 64 }) spaceId: string;
  /** Null for folderless lists (they sit directly in the space). */
  @Column('varchar', { length: 64, nullable: true }) folderId: string | null;
  @Column('text') name: string;
  @Column('integer', { nullable: true }) orderindex: number | null;
  @Column('text', { nullable: true }) content: string | null;
  @Column('boolean', { default: false }) archived: boolean;
  @Column('boolean', { default: false }) overrideStatuses: boolean;
  /** The effective status set of the list. */
  @Column('jsonb', { default: () => "'[]'" }) statuses: StatusDefinition[];
  /** Where the effective statuses come from: 'list', 'folder' or 'space'. */
  @Column('text', { default: 'space' }) statusesSource: string;
  @Column('varchar', { length: 64, nullable: true }) statusesSourceId: string | null;
  @Column('integer', { nullable: true }) taskCount: number | null;
  @Column('timestamptz', { nullable: true }) dueDate: Date | null;
  @Column('timestamptz', { nullable: true }) startDate: Date | null;
  @Column('timestamptz', { nullable: true }) deletedAt: Date | null;
  @Column('timestamptz') syncedAt: Date;
}
