import { APP_ROLE } from '@app/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { isolateTenantTable, releaseTenantTable } from './tenant-isolation.sql.js';

/**
 * The questionnaire catalog: built-in templates (global, read-only to tenants) and each tenant's
 * own templates and versions, whose published versions nothing may change.
 */

export class Catalog1795550096297 implements MigrationInterface {
  name = 'Catalog1795550096297';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "builtin_templates" ("key" character varying(63) NOT NULL, "version" character varying(32) NOT NULL, "title" character varying(200) NOT NULL, "audience" character varying(16) NOT NULL, "content" jsonb NOT NULL, "content_hash" character(64) NOT NULL, "loaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_119e45e3c434b59f818417fa732" PRIMARY KEY ("key", "version"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "tenant_template_versions" ("tenant_id" uuid NOT NULL, "key" character varying(63) NOT NULL, "version" character varying(32) NOT NULL, "status" character varying(16) NOT NULL, "content" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, "published_by" character varying(128), CONSTRAINT "ck_tenant_template_versions_status" CHECK ("status" IN ('draft', 'published')), CONSTRAINT "PK_34a4b7ea4653cdb2409378534aa" PRIMARY KEY ("tenant_id", "key", "version"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "tenant_templates" ("tenant_id" uuid NOT NULL, "key" character varying(63) NOT NULL, "title" character varying(200) NOT NULL, "copied_from" character varying(100), "created_by" character varying(128) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1f86fa9aedb7162138e0f5a2dda" PRIMARY KEY ("tenant_id", "key"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenant_template_versions" ADD CONSTRAINT "fk_tenant_template_versions_template" FOREIGN KEY ("tenant_id", "key") REFERENCES "tenant_templates"("tenant_id","key") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenant_templates" ADD CONSTRAINT "fk_tenant_templates_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );

    // Global: the same built-in content for every tenant; written only at start, by the owner.
    await queryRunner.query(`GRANT SELECT ON builtin_templates TO ${APP_ROLE}`);
    await isolateTenantTable(queryRunner, 'tenant_templates', ['SELECT', 'INSERT', 'UPDATE']);
    await isolateTenantTable(queryRunner, 'tenant_template_versions', [
      'SELECT',
      'INSERT',
      'UPDATE',
      'DELETE',
    ]);
    await queryRunner.query(
      `CREATE FUNCTION tenant_template_versions_keep_published() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF OLD.status = 'published' THEN
           RAISE EXCEPTION 'published template version %@% is immutable', OLD.key, OLD.version
             USING ERRCODE = 'insufficient_privilege';
         END IF;
         RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER tenant_template_versions_immutable BEFORE UPDATE OR DELETE ON tenant_template_versions
         FOR EACH ROW EXECUTE FUNCTION tenant_template_versions_keep_published()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TRIGGER tenant_template_versions_immutable ON tenant_template_versions`,
    );
    await queryRunner.query(`DROP FUNCTION tenant_template_versions_keep_published()`);
    await releaseTenantTable(queryRunner, 'tenant_template_versions');
    await releaseTenantTable(queryRunner, 'tenant_templates');
    await queryRunner.query(`REVOKE ALL ON builtin_templates FROM ${APP_ROLE}`);
    await queryRunner.query(
      `ALTER TABLE "tenant_templates" DROP CONSTRAINT "fk_tenant_templates_tenant"`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenant_template_versions" DROP CONSTRAINT "fk_tenant_template_versions_template"`,
    );
    await queryRunner.query(`DROP TABLE "tenant_templates"`);
    await queryRunner.query(`DROP TABLE "tenant_template_versions"`);
    await queryRunner.query(`DROP TABLE "builtin_templates"`);
  }
}
