import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One row per committed statement that wrote data answers are read from (migration
 * DataChangeLog1795450000000, statement triggers): the sum of `weight` is the data version the
 * answer cache keys on. Only ever appended; the sync folds the rows into one after each run.
 */
@Entity('data_changes')
export class DataChangeEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column('bigint', { default: 1 }) weight: string;
}
