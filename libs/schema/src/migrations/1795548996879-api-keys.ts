import { IDENTITY_ROLE } from '@app/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable, releaseTenantTable } from './tenant-isolation.sql.js';

/** API keys: tenant data; the identity role may find a key by its hash to authenticate it. */

export class ApiKeys1795548996879 implements MigrationInterface {
  name = 'ApiKeys1795548996879';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "api_keys" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "name" character varying(100) NOT NULL, "role" character varying(32) NOT NULL, "key_hash" character(64) NOT NULL, "prefix" character varying(16) NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_api_keys_key_hash" UNIQUE ("key_hash"), CONSTRAINT "ck_api_keys_role" CHECK ("role" IN ('owner', 'admin', 'risk_manager', 'assessor', 'respondent', 'auditor')), CONSTRAINT "PK_63391bb25a8c6e1c50de701375f" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "fk_api_keys_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );

    await isolateTenantTable(queryRunner, 'api_keys', ['SELECT', 'INSERT', 'UPDATE']);
    await queryRunner.query(
      `CREATE POLICY api_keys_identity_lookup ON api_keys FOR SELECT TO ${IDENTITY_ROLE} USING (true)`,
    );
    await queryRunner.query(
      `GRANT SELECT (tenant_id, id, role, key_hash, revoked_at) ON api_keys TO ${IDENTITY_ROLE}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON api_keys FROM ${IDENTITY_ROLE}`);
    await queryRunner.query(`DROP POLICY api_keys_identity_lookup ON api_keys`);
    await releaseTenantTable(queryRunner, 'api_keys');
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "fk_api_keys_tenant"`);
    await queryRunner.query(`DROP TABLE "api_keys"`);
  }
}
