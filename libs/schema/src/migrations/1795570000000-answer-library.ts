import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readTenantOnce } from './respondent-access.sql.js';
import { isolateTenantTable, releaseTenantTable } from './tenant-isolation.sql.js';

/**
 * The MSP's answer library: entries, grants to customers and the log of every use. MSP data only,
 * under the tenant policy (read once per statement); no respondent policy, so a customer never
 * reads these tables. Uses are append-only for the app role.
 */
const TABLES: readonly [string, readonly ('SELECT' | 'INSERT' | 'UPDATE')[]][] = [
  ['library_answers', ['SELECT', 'INSERT', 'UPDATE']],
  ['library_grants', ['SELECT', 'INSERT', 'UPDATE']],
  ['library_uses', ['SELECT', 'INSERT']],
];

export class AnswerLibrary1795570000000 implements MigrationInterface {
  name = 'AnswerLibrary1795570000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "library_answers" ("tenant_id" uuid NOT NULL, "question_id" character varying(64) NOT NULL, "question_text" character varying(2000) NOT NULL, "answer_type" character varying(24) NOT NULL, "controls" jsonb NOT NULL, "value" jsonb, "not_applicable" boolean NOT NULL DEFAULT false, "evidence" jsonb NOT NULL DEFAULT '[]', "note" character varying(4000), "freshness_days" smallint NOT NULL DEFAULT '365', "confirmed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "confirmed_by" uuid, "fresh_until" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "ck_library_answers_freshness" CHECK ("freshness_days" BETWEEN 1 AND 1825), CONSTRAINT "PK_c30d178f52c8056aa90d837a77a" PRIMARY KEY ("tenant_id", "question_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "library_grants" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "customer_tenant_id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "customer_name" character varying(200) NOT NULL, "granted_by" uuid, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_by" uuid, CONSTRAINT "ck_library_grants_expiry" CHECK ("expires_at" > "granted_at"), CONSTRAINT "PK_0764c53b3433b3f57ca4ca44edc" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_library_grants_customer" ON "library_grants"  ("tenant_id", "customer_tenant_id", "expires_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "library_uses" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "grant_id" uuid NOT NULL, "customer_tenant_id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "question_id" character varying(64) NOT NULL, "library_question_id" character varying(64) NOT NULL, "matched_by" character varying(10) NOT NULL, "reconfirmed" boolean NOT NULL DEFAULT false, "evidence_files" integer NOT NULL DEFAULT '0', "used_by" uuid, "used_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_library_uses_match" CHECK ("matched_by" IN ('question', 'controls')), CONSTRAINT "PK_15673c504ab3de5d330477c60df" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_library_uses_grant" ON "library_uses"  ("tenant_id", "grant_id", "used_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "library_answers" ADD CONSTRAINT "fk_library_answers_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "library_grants" ADD CONSTRAINT "fk_library_grants_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "library_uses" ADD CONSTRAINT "fk_library_uses_grant" FOREIGN KEY ("tenant_id", "grant_id") REFERENCES "library_grants"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    for (const [table, privileges] of TABLES) {
      await isolateTenantTable(queryRunner, table, privileges);
      await readTenantOnce(queryRunner, table);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table] of TABLES) await releaseTenantTable(queryRunner, table);
    await queryRunner.query(`ALTER TABLE "library_uses" DROP CONSTRAINT "fk_library_uses_grant"`);
    await queryRunner.query(
      `ALTER TABLE "library_grants" DROP CONSTRAINT "fk_library_grants_tenant"`,
    );
    await queryRunner.query(
      `ALTER TABLE "library_answers" DROP CONSTRAINT "fk_library_answers_tenant"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ix_library_uses_grant"`);
    await queryRunner.query(`DROP TABLE "library_uses"`);
    await queryRunner.query(`DROP INDEX "public"."ix_library_grants_customer"`);
    await queryRunner.query(`DROP TABLE "library_grants"`);
    await queryRunner.query(`DROP TABLE "library_answers"`);
  }
}
