import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../column-transformers';

/** A workspace member. Role: 1 owner, 2 admin, 3 member, 4 guest (ClickUp's numbering). */
@Entity('members')
@Index('idx_members_username', ['workspaceId', 'username'])
export class MemberEntity {
  @PrimaryColumn('varchar', { length: 64 }) workspaceId: string;
  @PrimaryColumn('bigint', { transformer: bigintNumber }) userId: number;
  /** Null for invitees who have not joined yet. */
  @Column('text', { nullable: true }) username: string | null;
  @Column('text', { nullable: true }) email: string | null;
  @Column('text', { nullable: true }) color: string | null;
  @Column('text', { nullable: true }) initials: string | null;
  @Column('text', { nullable: true }) profilePicture: string | null;
  @Column('smallint', { nullable: true }) role: number | null;
  @Column('text', { nullable: true }) roleKey: string | null;
  /** 'active' or 'invited'; 'removed' for someone only known from tasks and time entries (left before we synced). */
  @Column('text', { default: 'active' }) status: string;
  @Column('timestamptz', { nullable: true }) lastActive: Date | null;
  @Column('timestamptz', { nullable: true }) dateJoined: Date | null;
  /** Set when the member left the workspace; their time entries keep pointing here. */
  @Column('timestamptz', { nullable: true }) removedAt: Date | null;
  @Column('timestamptz') syncedAt: Date;
}
