import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The project registry: an alias (unique, case-insensitive via alias_key) → space/folder/list. */
@Entity('projects')
@Index('uq_projects_alias_key', ['workspaceId', 'aliasKey'], { unique: true })
export class ProjectEntity {
  @PrimaryGeneratedColumn('increment') id: number;
  @Column('varchar', { length: 64 }) workspaceId: string;
  @Column('text') alias: string;
  /** lower(trim(alias)): what uniqueness and lookups use. */
  @Column('text') aliasKey: string;
  /** 'space' | 'folder' | 'list'. */
  @Column('text') targetType: string;
  @Column('varchar', { length: 64 }) targetId: string;
  @Column('text', { nullable: true }) notes: string | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt: Date;
}
