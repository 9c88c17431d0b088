import { LIMITER_ROLE } from '@app/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createNologinRole } from './tenant-isolation.sql.js';

/**
 * Rate-limit counters and single-flight leases shared by every API process (global, no tenant
 * data: keys are SHA-256 digests of names such as `tenant:<id>`, so the table names nobody).
 * Only the limiter role may touch it; the app role has no privilege on it at all. On a server the
 * limiter logs in as itself, in a pool of its own.
 */
export class RateLimits1795580400000 implements MigrationInterface {
  name = 'RateLimits1795580400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rate_limits" ("key" character(64) NOT NULL, "hits" integer NOT NULL, "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "holder" character varying(64), CONSTRAINT "pk_rate_limits" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_rate_limits_window_ends_at" ON "rate_limits" ("window_ends_at")`,
    );
    await createNologinRole(queryRunner, LIMITER_ROLE);
    // On a server it logs in as itself, like the other serving roles (see ServingRoles).
    await queryRunner.query(`ALTER ROLE ${LIMITER_ROLE} LOGIN`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${LIMITER_ROLE}`);
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON "rate_limits" TO ${LIMITER_ROLE}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON "rate_limits" FROM ${LIMITER_ROLE}`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM ${LIMITER_ROLE}`);
    await queryRunner.query(`DROP TABLE "rate_limits"`);
  }
}
