import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable, releaseTenantTable } from './tenant-isolation.sql.js';

/** The customer's vendor inventory: tenant data. */

export class Vendors1795551662136 implements MigrationInterface {
  name = 'Vendors1795551662136';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "vendors" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "name" character varying(200) NOT NULL, "name_key" character varying(200) NOT NULL, "domains" text array NOT NULL DEFAULT '{}', "services" jsonb NOT NULL DEFAULT '[]', "access" jsonb NOT NULL, "owner_user_id" uuid, "contacts" jsonb NOT NULL DEFAULT '[]', "tags" text array NOT NULL DEFAULT '{}', "intake" jsonb NOT NULL, "tier" smallint NOT NULL, "tier_override" smallint, "tier_override_reason" character varying(1000), "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_vendors_tenant_name_key" UNIQUE ("tenant_id", "name_key"), CONSTRAINT "ck_vendors_tier_override" CHECK ("tier_override" IS NULL OR "tier_override" BETWEEN 1 AND 4), CONSTRAINT "ck_vendors_tier" CHECK ("tier" BETWEEN 1 AND 4), CONSTRAINT "PK_40cfb2ba143a71bd15b0f50684e" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_vendors_tenant_tier" ON "vendors"  ("tenant_id", "tier") `,
    );
    await queryRunner.query(
      `ALTER TABLE "vendors" ADD CONSTRAINT "fk_vendors_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await isolateTenantTable(queryRunner, 'vendors', ['SELECT', 'INSERT', 'UPDATE']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await releaseTenantTable(queryRunner, 'vendors');
    await queryRunner.query(`ALTER TABLE "vendors" DROP CONSTRAINT "fk_vendors_tenant"`);
    await queryRunner.query(`DROP INDEX "public"."ix_vendors_tenant_tier"`);
    await queryRunner.query(`DROP TABLE "vendors"`);
  }
}
