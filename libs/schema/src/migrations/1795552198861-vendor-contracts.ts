import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable, releaseTenantTable } from './tenant-isolation.sql.js';

/** Vendor contracts and their clauses: tenant data, tied to the vendor in the same tenant. */

export class VendorContracts1795552198861 implements MigrationInterface {
  name = 'VendorContracts1795552198861';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "vendor_contracts" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "starts_on" date NOT NULL, "ends_on" date, "renews_on" date, "clauses" jsonb NOT NULL, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e179bdd34aab201a270f4d0f4e4" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_vendor_contracts_vendor" ON "vendor_contracts"  ("tenant_id", "vendor_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "vendor_contracts" ADD CONSTRAINT "fk_vendor_contracts_vendor" FOREIGN KEY ("tenant_id", "vendor_id") REFERENCES "vendors"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await isolateTenantTable(queryRunner, 'vendor_contracts', ['SELECT', 'INSERT', 'UPDATE']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await releaseTenantTable(queryRunner, 'vendor_contracts');
    await queryRunner.query(
      `ALTER TABLE "vendor_contracts" DROP CONSTRAINT "fk_vendor_contracts_vendor"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_vendor_contracts_vendor"`);
    await queryRunner.query(`DROP TABLE "vendor_contracts"`);
  }
}
