import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../column-transformers';

/**
 * A task's lifetime time from its stopped entries, maintained by database triggers on
 * time_entries (migration TaskTimeTotals): read-only here. Running timers are counted live.
 */
@Entity('task_time_totals')
export class TaskTimeTotalEntity {
  @PrimaryColumn('varchar', { length: 64, primaryKeyConstraintName: 'PK_task_time_totals' }) taskId: string;
  @Column('bigint', { default: 0, transformer: bigintNumber }) stoppedMs: number;
  @Column('bigint', { default: 0, transformer: bigintNumber }) billableMs: number;
  @Column('integer', { default: 0 }) entries: number;
}
