import { PLATFORM_ROLE } from '@app/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable, releaseTenantTable } from './tenant-isolation.sql.js';

/** Tables whose hashes the garbage collector reads across tenants, hashes only. */
const HASH_READS = ['stored_blobs', 'evidence_files', 'remediation_evidence'] as const;

/**
 * The storage ledger: which tenant uploaded which content (`stored_blobs`), so usage can be
 * counted against a quota and unreferenced files collected. The platform role may read the hash
 * column of the ledger and of the two upload tables, nothing else, so the collector can tell
 * whether any tenant still names a file before deleting it from the shared store.
 */
export class StoredBlobs1795580500000 implements MigrationInterface {
  name = 'StoredBlobs1795580500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "stored_blobs" ("tenant_id" uuid NOT NULL, "sha256" character(64) NOT NULL, "size_bytes" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_stored_blobs" PRIMARY KEY ("tenant_id", "sha256"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_stored_blobs_sha256" ON "stored_blobs" ("sha256") `);
    await backfill(queryRunner);
    await isolateTenantTable(queryRunner, 'stored_blobs', ['SELECT', 'INSERT', 'DELETE']);
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
    await releaseTenantTable(queryRunner, 'stored_blobs');
    await queryRunner.query(`DROP INDEX "public"."ix_stored_blobs_sha256"`);
    await queryRunner.query(`DROP TABLE "stored_blobs"`);
  }
}

/**
 * Files uploaded before the ledger: each is charged to the tenant that uploaded it (the MSP for
 * answer evidence, the item's owner for remediation files). Row-level security is lifted from
 * the two source tables for this one statement (the migration's transaction), so a migrator that
 * owns the tables without being a superuser still sees every row.
 */
async function backfill(queryRunner: QueryRunner): Promise<void> {
  const sources = ['evidence_files', 'remediation_evidence'];
  for (const table of sources) {
    await queryRunner.query(`ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY`);
  }
  await queryRunner.query(
    `INSERT INTO "stored_blobs" ("tenant_id", "sha256", "size_bytes", "created_at")
     SELECT tenant, sha256, max(size_bytes), min(uploaded_at) FROM (
       SELECT coalesce(respondent_tenant_id, tenant_id) AS tenant, sha256, size_bytes, uploaded_at
         FROM "evidence_files"
       UNION ALL
       SELECT tenant_id, sha256, size_bytes, uploaded_at FROM "remediation_evidence"
     ) AS uploads
     GROUP BY tenant, sha256
     ON CONFLICT DO NOTHING`,
  );
  for (const table of sources) {
    await queryRunner.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
  }
}
