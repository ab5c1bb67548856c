import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../column-transformers';

/** Extra lists a task was added to (ClickUp "tasks in multiple lists"); the home list is on tasks. */
@Entity('task_lists')
@Index('idx_task_lists_list', ['listId'])
export class TaskListEntity {
  @PrimaryColumn('varchar', { length: 64 }) taskId: string;
  @PrimaryColumn('varchar', { length: 64 }) listId: string;
}

@Entity('task_assignees')
@Index('idx_task_assignees_user', ['userId'])
export class TaskAssigneeEntity {
  @PrimaryColumn('varchar', { length: 64 }) taskId: string;
  @PrimaryColumn('bigint', { transformer: bigintNumber }) userId: number;
}

@Entity('task_watchers')
@Index('idx_task_watchers_user', ['userId'])
export class TaskWatcherEntity {
  @PrimaryColumn('varchar', { length: 64 }) taskId: string;
  @PrimaryColumn('bigint', { transformer: bigintNumber }) userId: number;
}

/** `taskId` waits on `dependsOn` (the edge ClickUp lists on both tasks); type 0 = a waiting-on dependency. */
@Entity('task_dependencies')
@Index('idx_task_dependencies_depends_on', ['dependsOn'])
export class TaskDependencyEntity {
  @PrimaryColumn('varchar', { length: 64 }) taskId: string;
  @PrimaryColumn('varchar', { length: 64 }) dependsOn: string;
  @Column('smallint', { default: 1 }) type: number;
}
