import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { StatusDefinition } from './status-definition';

@Entity('spaces')
@Index('idx_spaces_workspace', ['workspaceId'])
export class SpaceEntity {
  @PrimaryColumn('varchar', { length: 64 }) id: string;
  @Column('varchar', { length: 64 }) workspaceId: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) color: string | null;
  @Column('boolean', { default: false }) private: boolean;
  @Column('boolean', { default: false }) archived: boolean;
  @Column('boolean', { default: true }) multipleAssignees: boolean;
  @Column('jsonb', { default: () => "'[]'" }) statuses: StatusDefinition[];
  @Column('jsonb', { default: () => "'{}'" }) features: Record<string, unknown>;
  @Column('timestamptz', { nullable: true }) deletedAt: Date | null;
  @Column('timestamptz') syncedAt: Date;
}
