import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readTenantOnce } from './respondent-access.sql.js';
import { isolateTenantTable, releaseTenantTable } from './tenant-isolation.sql.js';

/** Findings: customer data only, under the tenant policy (read once per statement). */

export class Findings1795560071810 implements MigrationInterface {
  name = 'Findings1795560071810';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "findings" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "question_id" character varying(64) NOT NULL, "family_id" character varying(64) NOT NULL, "title" character varying(2000) NOT NULL, "detail" character varying(4000), "severity" character varying(10) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'open', "source" character varying(10) NOT NULL, "compliance" double precision, "controls" jsonb NOT NULL, "evidence_ids" uuid array NOT NULL DEFAULT '{}', "raised_by" uuid, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_findings_question" UNIQUE ("tenant_id", "assessment_id", "question_id"), CONSTRAINT "ck_findings_source" CHECK ("source" IN ('automatic', 'manual')), CONSTRAINT "ck_findings_severity" CHECK ("severity" IN ('low', 'medium', 'high', 'critical')), CONSTRAINT "PK_a3e2136697efdc1690de9c26ffb" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_findings_vendor" ON "findings"  ("tenant_id", "vendor_id", "status") `,
    );
    await queryRunner.query(
      `ALTER TABLE "findings" ADD CONSTRAINT "fk_findings_assessment" FOREIGN KEY ("tenant_id", "assessment_id") REFERENCES "assessments"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await isolateTenantTable(queryRunner, 'findings', ['SELECT', 'INSERT', 'UPDATE']);
    await readTenantOnce(queryRunner, 'findings');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await releaseTenantTable(queryRunner, 'findings');
    await queryRunner.query(`ALTER TABLE "findings" DROP CONSTRAINT "fk_findings_assessment"`);
    await queryRunner.query(`DROP INDEX "public"."ix_findings_vendor"`);
    await queryRunner.query(`DROP TABLE "findings"`);
  }
}
