import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which API key made a key or an invitation, so revoking a person or a key revokes everything
 * made through them, transitively. Rows made by a key before this migration hold that key's id in
 * `created_by`/`invited_by`; the revocation walks those too, so no backfill is needed.
 */
export class GrantChains1795580100000 implements MigrationInterface {
  name = 'GrantChains1795580100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_keys" ADD "created_by_key_id" uuid`);
    await queryRunner.query(`ALTER TABLE "invitations" ADD "invited_by_key_id" uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invitations" DROP COLUMN "invited_by_key_id"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "created_by_key_id"`);
  }
}
