import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which process runs a sync run (hostname:pid:nonce, as in sync_leases.owner): at start-up a
 * run still marked running whose process is gone is marked interrupted (SyncRunnerService).
 */
export class SyncRunOwner1795350000000 implements MigrationInterface {
  name = 'SyncRunOwner1795350000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync_runs" ADD "owner" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "sync_runs" DROP COLUMN "owner"`);
  }
}
