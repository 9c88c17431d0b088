import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  admitRespondent,
  readTenantOnce,
  readTenantPerRow,
  releaseRespondent,
} from './respondent-access.sql.js';
import { isolateTenantTable, releaseTenantTable } from './tenant-isolation.sql.js';

/**
 * Stored final scores (kept when recomputed), their family rows for dashboards, and each
 * customer's scoring settings. The MSP may read the scores of assessments addressed to it.
 */

const DASHBOARD_TABLES = [
  'vendors',
  'assessments',
  'assessment_answers',
  'assessment_scores',
  'assessment_family_scores',
];

export class Scores1795556128502 implements MigrationInterface {
  name = 'Scores1795556128502';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assessment_family_scores" ("tenant_id" uuid NOT NULL, "score_id" uuid NOT NULL, "family_id" character varying(64) NOT NULL, "vendor_id" uuid NOT NULL, "score" double precision NOT NULL, "latest_for_vendor" boolean NOT NULL, CONSTRAINT "PK_985d9b56da25598d8a0c3fefb5d" PRIMARY KEY ("tenant_id", "score_id", "family_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_family_scores_latest" ON "assessment_family_scores"  ("tenant_id", "latest_for_vendor", "vendor_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "assessment_scores" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "respondent_tenant_id" uuid, "tier" smallint NOT NULL, "overall" double precision, "rating" character varying(10), "residual_risk" character varying(10), "failed_knockouts" jsonb NOT NULL, "families" jsonb NOT NULL, "controls" jsonb NOT NULL, "breakdown" jsonb NOT NULL, "engine_version" character varying(16) NOT NULL, "template_key" character varying(64) NOT NULL, "template_version" character varying(32) NOT NULL, "settings_version" integer NOT NULL, "completed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "current" boolean NOT NULL, "latest_for_vendor" boolean NOT NULL, CONSTRAINT "PK_8183046d19c039a687326edcaa2" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_scores_respondent" ON "assessment_scores"  ("respondent_tenant_id", "current") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_scores_assessment" ON "assessment_scores"  ("tenant_id", "assessment_id", "current") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_scores_latest" ON "assessment_scores"  ("tenant_id", "latest_for_vendor", "overall") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_scores_vendor" ON "assessment_scores"  ("tenant_id", "vendor_id", "completed_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "scoring_settings" ("tenant_id" uuid NOT NULL, "bands" jsonb NOT NULL, "residual_matrix" jsonb NOT NULL, "family_weights" jsonb NOT NULL, "version" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_43af30cbfbf007356a3e6e7f933" PRIMARY KEY ("tenant_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_family_scores" ADD CONSTRAINT "fk_assessment_family_scores_score" FOREIGN KEY ("tenant_id", "score_id") REFERENCES "assessment_scores"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_scores" ADD CONSTRAINT "fk_assessment_scores_assessment" FOREIGN KEY ("tenant_id", "assessment_id") REFERENCES "assessments"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "scoring_settings" ADD CONSTRAINT "fk_scoring_settings_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );

    await isolateTenantTable(queryRunner, 'scoring_settings', ['SELECT', 'INSERT', 'UPDATE']);
    await isolateTenantTable(queryRunner, 'assessment_scores', ['SELECT', 'INSERT', 'UPDATE']);
    await admitRespondent(queryRunner, 'assessment_scores', ['SELECT']);
    await isolateTenantTable(queryRunner, 'assessment_family_scores', [
      'SELECT',
      'INSERT',
      'UPDATE',
    ]);
    // The dashboards scan thousands of these rows per request: read the tenant setting once.
    for (const table of DASHBOARD_TABLES) await readTenantOnce(queryRunner, table);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['vendors', 'assessments', 'assessment_answers'])
      await readTenantPerRow(queryRunner, table);
    await releaseTenantTable(queryRunner, 'assessment_family_scores');
    await releaseRespondent(queryRunner, 'assessment_scores', ['SELECT']);
    await releaseTenantTable(queryRunner, 'assessment_scores');
    await releaseTenantTable(queryRunner, 'scoring_settings');
    await queryRunner.query(
      `ALTER TABLE "scoring_settings" DROP CONSTRAINT "fk_scoring_settings_tenant"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_scores" DROP CONSTRAINT "fk_assessment_scores_assessment"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_family_scores" DROP CONSTRAINT "fk_assessment_family_scores_score"`,
    );
    await queryRunner.query(`DROP TABLE "scoring_settings"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_scores_vendor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_scores_latest"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_scores_assessment"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_scores_respondent"`);
    await queryRunner.query(`DROP TABLE "assessment_scores"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_family_scores_latest"`);
    await queryRunner.query(`DROP TABLE "assessment_family_scores"`);
  }
}
