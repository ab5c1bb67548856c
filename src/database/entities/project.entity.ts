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
  /** The target as last checked (name, where it sat): how refresh_projects tells a rename or move. */
  @Column('text', { nullable: true }) targetName: string | null;
  @Column('varchar', { length: 64, nullable: true }) targetSpaceId: string | null;
  @Column('varchar', { length: 64, nullable: true }) targetFolderId: string | null;
  /** "Space › Folder" it sat in, for saying where it moved from. */
  @Column('text', { nullable: true }) targetPath: string | null;
  @Column('timestamptz', { nullable: true }) checkedAt: Date | null;
  @Column('timestamptz', { default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { default: () => 'now()' }) updatedAt: Date;
}
