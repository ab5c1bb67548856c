import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber, bigintNumberArray, numericNumber } from '../column-transformers';

/**
 * A task or subtask. Location columns are the task's home list; extra lists (ClickUp's
 * "tasks in multiple lists") live in task_lists. `raw` keeps the last ClickUp payload so a
 * later feature can read a field we did not model yet without a re-sync.
 */
@Entity('tasks')
@Index('idx_tasks_workspace_updated', ['workspaceId', 'dateUpdated'])
@Index('idx_tasks_list', ['listId'])
@Index('idx_tasks_folder', ['folderId'])
@Index('idx_tasks_space', ['spaceId'])
@Index('idx_tasks_parent', ['parentId'])
@Index('idx_tasks_top_level_parent', ['topLevelParentId'])
@Index('idx_tasks_custom_id', ['customId'])
@Index('idx_tasks_due_date', ['dueDate'])
// Partial covering and expression indexes of migration ReadPaths1795380000000 (INCLUDE columns
// and expressions are beyond TypeORM's index model: declared, not synchronized).
@Index('idx_tasks_open', { synchronize: false })
@Index('idx_tasks_open_due', { synchronize: false })
@Index('idx_tasks_live_list', { synchronize: false })
@Index('idx_tasks_deleted', { synchronize: false })
@Index('idx_tasks_custom_id_upper', { synchronize: false })
// Covering index of migration TaskSetSpaceIndex1795390000000 (the task-set reports of a space).
@Index('idx_tasks_live_space', { synchronize: false })
// Each task's estimate without its heap page (migration TaskEstimateIndex1795430000000).
@Index('idx_tasks_id_estimate', { synchronize: false })
export class TaskEntity {
  @PrimaryColumn('varchar', { length: 64 }) id: string;
  @Column('text', { nullable: true }) customId: string | null;
  @Column('varchar', { length: 64 }) workspaceId: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) textContent: string | null;
  @Column('text', { nullable: true }) description: string | null;
  /** Status name as ClickUp shows it, its ClickUp type and our category (tools.md rule 5). */
  @Column('text') status: string;
  @Column('text') statusType: string;
  @Column('text') statusCategory: string;
  @Column('text', { nullable: true }) statusColor: string | null;
  /** 1 urgent, 2 high, 3 normal, 4 low; null = no priority. */
  @Column('smallint', { nullable: true }) priority: number | null;
  @Column('varchar', { length: 64, nullable: true }) parentId: string | null;
  @Column('varchar', { length: 64, nullable: true }) topLevelParentId: string | null;
  @Column('varchar', { length: 64 }) listId: string;
  @Column('varchar', { length: 64, nullable: true }) folderId: string | null;
  @Column('varchar', { length: 64 }) spaceId: string;
  @Column('bigint', { nullable: true, transformer: bigintNumber }) creatorId: number | null;
  @Column('timestamptz') dateCreated: Date;
  @Column('timestamptz') dateUpdated: Date;
  @Column('timestamptz', { nullable: true }) dateDone: Date | null;
  @Column('timestamptz', { nullable: true }) dateClosed: Date | null;
  @Column('timestamptz', { nullable: true }) dueDate: Date | null;
  @Column('timestamptz', { nullable: true }) startDate: Date | null;
  /** Milliseconds. */
  @Column('bigint', { nullable: true, transformer: bigintNumber }) timeEstimate: number | null;
  @Column('numeric', { nullable: true, transformer: numericNumber }) points: number | null;
  @Column('text', { array: true, default: () => "'{}'" }) tags: string[];
  @Column('jsonb', { default: () => "'[]'" }) customFields: unknown[];
  /** 0 task, 1 milestone, other = custom task type. */
  @Column('integer', { nullable: true }) customItemId: number | null;
  @Column('boolean', { default: false }) archived: boolean;
  /** The assignees' user ids, sorted (task_assignees holds the same pairs relationally). */
  @Column('bigint', { array: true, default: () => "'{}'", transformer: bigintNumberArray }) assigneeIds: number[];
  @Column('text', { nullable: true }) url: string | null;
  /** Set by reconcile/webhook when ClickUp no longer has the task; cleared if it reappears. */
  @Column('timestamptz', { nullable: true }) deletedAt: Date | null;
  @Column('jsonb', { nullable: true }) raw: Record<string, unknown> | null;
  @Column('timestamptz') syncedAt: Date;
}
