import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small key/value facts the app keeps about itself (e.g. which status overrides were applied). */
@Entity('app_state')
export class AppStateEntity {
  @PrimaryColumn('text') key: string;
  @Column('jsonb') value: unknown;
  @Column('timestamptz') updatedAt: Date;
}
