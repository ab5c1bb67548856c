import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('workspaces')
export class WorkspaceEntity {
  @PrimaryColumn('varchar', { length: 64 }) id: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) color: string | null;
  @Column('text', { nullable: true }) plan: string | null;
  /** Set when the token no longer sees the workspace; rows are kept for history. */
  @Column('timestamptz', { nullable: true }) deletedAt: Date | null;
  @Column('timestamptz') syncedAt: Date;
}
