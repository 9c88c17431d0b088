import { APP_ROLE, PLATFORM_ROLE } from '@app/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose hashes the garbage collector reads across tenants, hashes only. */
const HASH_READS = ['stored_blobs', 'evidence_files', 'remediation_evidence'] as const;

/**
 * `stored_blobs` (the upload proofs, backfilled when they were introduced) becomes the storage
 * ledger too: sizes as bigint so usage can be summed past 2 GB, an index by hash for the
 * collector, and DELETE for the app role so a tenant's collection can drop rows nothing names.
 * The platform role may read the hash column of the ledger and of the two upload tables, nothing
 * else, so the collector can tell whether any tenant still names a file before deleting it from
 * the shared store.
 */
export class StoredBlobs1795580500000 implements MigrationInterface {
  name = 'StoredBlobs1795580500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "stored_blobs" ALTER COLUMN "size_bytes" TYPE bigint`);
    await queryRunner.query(`CREATE INDEX "ix_stored_blobs_sha256" ON "stored_blobs" ("sha256") `);
    await queryRunner.query(`GRANT DELETE ON "stored_blobs" TO ${APP_ROLE}`);
    for (const table of HASH_READS) {
      await queryRunner.query(`GRANT SELECT (sha256) ON "${table}" TO ${PLATFORM_ROLE}`);
      await queryRunner.query(
        `CREATE POLICY "${table}_platform_hashes" ON "${table}" FOR SELECT TO ${PLATFORM_ROLE} USING (true)`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of HASH_READS) {
      await queryRunner.query(`DROP POLICY "${table}_platform_hashes" ON "${table}"`);
      await queryRunner.query(`REVOKE SELECT (sha256) ON "${table}" FROM ${PLATFORM_ROLE}`);
    }
    await queryRunner.query(`REVOKE DELETE ON "stored_blobs" FROM ${APP_ROLE}`);
    await queryRunner.query(`DROP INDEX "public"."ix_stored_blobs_sha256"`);
    await queryRunner.query(`ALTER TABLE "stored_blobs" ALTER COLUMN "size_bytes" TYPE integer`);
  }
}
