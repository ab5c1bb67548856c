import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber } from '../column-transformers';

/**
 * Tasks per list, status, archived flag, level and deletion, kept exact by statement-level
 * triggers on `tasks` (migration ReadPaths1795380000000): every writer — sync, webhooks,
 * write-through, any process — updates it in the same transaction. Hierarchy counts and the
 * totals of plain task listings are sums over these few hundred rows instead of task scans.
 */
@Entity('task_counts')
export class TaskCountEntity {
  @PrimaryColumn('varchar', { length: 64 }) workspaceId: string;
  @PrimaryColumn('varchar', { length: 64 }) listId: string;
  @PrimaryColumn('text') status: string;
  @PrimaryColumn('text') statusCategory: string;
  @PrimaryColumn('boolean') archived: boolean;
  /** No parent (not a subtask). */
  @PrimaryColumn('boolean') topLevel: boolean;
  @PrimaryColumn('boolean') deleted: boolean;
  @Column('integer', { default: 0 }) n: number;
  /** Newest synced_at among the rows written into this group. */
  @Column('timestamptz', { nullable: true }) lastSyncedAt: Date | null;
}

/** Time entries per workspace, deletion and running flag, kept by triggers on `time_entries`. */
@Entity('time_entry_counts')
export class TimeEntryCountEntity {
  @PrimaryColumn('varchar', { length: 64 }) workspaceId: string;
  @PrimaryColumn('boolean') deleted: boolean;
  @PrimaryColumn('boolean') running: boolean;
  @Column('integer', { default: 0 }) n: number;
  @Column('timestamptz', { nullable: true }) lastSyncedAt: Date | null;
  /**
   * The longest span (ms) any entry written here had: an upper bound, so "entries overlapping
   * [from, to)" only needs entries starting after from − max_span (plus running timers).
   */
  @Column('bigint', { default: 0, transformer: bigintNumber }) maxSpanMs: number;
}

/**
 * What keyword search reads: each live task's lowercased name and description (text_content and
 * description) with the columns a search filters and ranks on, kept by a trigger on `tasks`.
 * Narrow (16 MB for 100,000 tasks, against 55 MB of tasks heap) and lowered once, on write.
 */
@Entity('task_search')
@Index('idx_task_search_doc', { synchronize: false })
export class TaskSearchEntity {
  @PrimaryColumn('varchar', { length: 64 }) id: string;
  @Column('varchar', { length: 64 }) workspaceId: string;
  @Column('varchar', { length: 64 }) listId: string;
  @Column('boolean') archived: boolean;
  @Column('text') statusCategory: string;
  @Column('boolean') topLevel: boolean;
  @Column('timestamptz') dateUpdated: Date;
  /** lower(name) */
  @Column('text', { name: 'name_l' }) nameLower: string;
  /** lower(text_content || ' ' || description) */
  @Column('text', { name: 'desc_l' }) descriptionLower: string;
}

/**
 * Open (unfinished, live) tasks per list, person and archived flag, each task's estimate split
 * evenly among its assignees (user 0: the unassigned tasks), kept by a trigger on `tasks`:
 * get_workload sums these rows instead of spreading every open task over its assignees.
 */
@Entity('open_work_counts')
export class OpenWorkCountEntity {
  @PrimaryColumn('varchar', { length: 64 }) workspaceId: string;
  @PrimaryColumn('varchar', { length: 64 }) listId: string;
  @PrimaryColumn('bigint', { transformer: bigintNumber }) userId: number;
  @PrimaryColumn('boolean') archived: boolean;
  @Column('integer', { default: 0 }) n: number;
  /** Σ estimate ÷ number of assignees, exact. */
  @Column('numeric', { default: 0 }) estimateShareMs: string;
}

/**
 * Open work per person across a workspace (get_workload without a scope): the net change of each
 * statement on open_work_counts per person and archived flag, appended by a trigger on it
 * (migration OpenWorkPeople1795420000000). Rows are only ever added, so concurrent writers never
 * wait on one another; the sync folds them into one row per person after each run. A sum over
 * a few hundred rows instead of over open_work_counts' tens of thousands.
 */
@Entity('open_work_people')
@Index('idx_open_work_people_workspace', ['workspaceId', 'archived'])
export class OpenWorkPersonEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('varchar', { length: 64 }) workspaceId: string;
  @Column('bigint', { transformer: bigintNumber }) userId: number;
  @Column('boolean') archived: boolean;
  @Column('integer') n: number;
  @Column('numeric') estimateShareMs: string;
}
