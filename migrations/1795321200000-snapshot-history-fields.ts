import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Daily snapshots also keep the task's folder and when it was last updated, so history can
 * answer per folder and compute the health score's freshness component for past days. Rows
 * written before this migration have neither (null): trends say so instead of inventing values.
 */
export class SnapshotHistoryFields1795321200000 implements MigrationInterface {
  name = 'SnapshotHistoryFields1795321200000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "task_snapshots" ADD "folder_id" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "task_snapshots" ADD "date_updated" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "task_snapshots" DROP COLUMN "date_updated"`);
    await queryRunner.query(`ALTER TABLE "task_snapshots" DROP COLUMN "folder_id"`);
  }
}
