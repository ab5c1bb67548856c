import { MigrationInterface, QueryRunner } from 'typeorm';

/** Cross-process sync exclusion: one renewable lease row per workspace (see SyncLeaseEntity). */
export class SyncLeases1795319998000 implements MigrationInterface {
  name = 'SyncLeases1795319998000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sync_leases" ("workspace_id" character varying(64) NOT NULL, "owner" text NOT NULL, "run_id" integer, "kind" text NOT NULL, "acquired_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_sync_leases" PRIMARY KEY ("workspace_id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sync_leases"`);
  }
}
