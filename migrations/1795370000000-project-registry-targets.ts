import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A registry entry remembers what its target looked like when it was last checked (name, space,
 * folder, path), so refresh_projects can say a target was renamed or moved since — the entry
 * itself keeps pointing at the id, which is what keeps it working after a rename.
 */
export class ProjectRegistryTargets1795370000000 implements MigrationInterface {
  name = 'ProjectRegistryTargets1795370000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" ADD "target_name" text`);
    await queryRunner.query(`ALTER TABLE "projects" ADD "target_space_id" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "projects" ADD "target_folder_id" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "projects" ADD "target_path" text`);
    await queryRunner.query(`ALTER TABLE "projects" ADD "checked_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "checked_at"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "target_path"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "target_folder_id"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "target_space_id"`);
    await queryRunner.query(`ALTER TABLE "projects" DROP COLUMN "target_name"`);
  }
}
