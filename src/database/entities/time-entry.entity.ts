import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../column-transformers';

/**
 * One time entry, attributed to the user who logged it (tools.md rule 3). A running timer has
 * `running = true`, `end_at = null` and `duration_ms = null`: reports count it up to "now".
 */
@Entity('time_entries')
@Index('idx_time_entries_user_start', ['userId', 'startAt'])
@Index('idx_time_entries_task', ['taskId'])
// Report windows: the longest stopped entry bounds how far before a window an overlapping entry
// can start; scopes read entries by their task's home space.
@Index('idx_time_entries_workspace_duration', ['workspaceId', 'durationMs'])
@Index('idx_time_entries_home_space_start', ['homeSpaceId', 'startAt'])
// Live entries by start and by task, covering what reports read, and running timers (migration
// ReadPaths1795380000000; INCLUDE columns and partial predicates are declared there, not synchronized).
@Index('idx_time_entries_live_start', { synchronize: false })
@Index('idx_time_entries_live_task', { synchronize: false })
@Index('idx_time_entries_running', { synchronize: false })
export class TimeEntryEntity {
  @PrimaryColumn('varchar', { length: 64 }) id: string;
  @Column('varchar', { length: 64 }) workspaceId: string;
  /** Null for entries not linked to a task. */
  @Column('varchar', { length: 64, nullable: true }) taskId: string | null;
  @Column('bigint', { transformer: bigintNumber }) userId: number;
  @Column('timestamptz') startAt: Date;
  @Column('timestamptz', { nullable: true }) endAt: Date | null;
  @Column('bigint', { nullable: true, transformer: bigintNumber }) durationMs: number | null;
  @Column('boolean', { default: false }) running: boolean;
  @Column('boolean', { default: false }) billable: boolean;
  @Column('text', { nullable: true }) description: string | null;
  @Column('text', { array: true, default: () => "'{}'" }) tags: string[];
  @Column('text', { nullable: true }) source: string | null;
  /** ClickUp's `at`: when the entry was last changed. */
  @Column('timestamptz', { nullable: true }) modifiedAt: Date | null;
  /** Where the task lived when the entry was read (ClickUp's task_location). */
  @Column('varchar', { length: 64, nullable: true }) listId: string | null;
  @Column('varchar', { length: 64, nullable: true }) folderId: string | null;
  @Column('varchar', { length: 64, nullable: true }) spaceId: string | null;
  /**
   * Where the entry's time belongs now: its task's home list/folder/space, and whether the task
   * still exists. Maintained by database triggers (migration TimeEntryHome): never written here.
   */
  @Column({ type: 'varchar', length: 64, nullable: true, insert: false, update: false }) homeListId: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true, insert: false, update: false }) homeFolderId: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true, insert: false, update: false }) homeSpaceId: string | null;
  @Column({ type: 'boolean', default: true, insert: false, update: false }) taskLive: boolean;
  @Column('timestamptz', { nullable: true }) deletedAt: Date | null;
  @Column('timestamptz') syncedAt: Date;
}
