import { IDENTITY_ROLE } from '@app/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which API key made a key or an invitation, so revoking a person or a key revokes everything
 * made through them, transitively. Rows made by a key before this migration hold that key's id in
 * `created_by`/`invited_by`; the revocation walks those too, so no backfill is needed. The identity
 * role reads the chain to refuse a key any of whose makers is revoked (keys left alive by the old
 * revocation die at their next use).
 */
export class GrantChains1795580100000 implements MigrationInterface {
  name = 'GrantChains1795580100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_keys" ADD "created_by_key_id" uuid`);
    await queryRunner.query(`ALTER TABLE "invitations" ADD "invited_by_key_id" uuid`);
    await queryRunner.query(
      `GRANT SELECT (created_by, created_by_key_id) ON api_keys TO ${IDENTITY_ROLE}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `REVOKE SELECT (created_by, created_by_key_id) ON api_keys FROM ${IDENTITY_ROLE}`,
    );
    await queryRunner.query(`ALTER TABLE "invitations" DROP COLUMN "invited_by_key_id"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "created_by_key_id"`);
  }
}
