import { APP_ROLE, PLATFORM_ROLE } from '@app/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  createNologinRole,
  isolateTenantTable,
  releaseTenantTable,
} from './tenant-isolation.sql.js';

/**
 * Tenants and the audit trail, the app role, row-level security and append-only audit rows.
 * The table DDL is generated from the entities; the security part below it is written by hand.
 */
export class Foundation1795545356165 implements MigrationInterface {
  name = 'Foundation1795545356165';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_chain_heads" ("tenant_id" uuid NOT NULL, "last_seq" bigint NOT NULL, "last_hash" character(64) NOT NULL, CONSTRAINT "PK_b6a4de84c3789674b58c8953da5" PRIMARY KEY ("tenant_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("tenant_id" uuid NOT NULL, "seq" bigint NOT NULL, "id" uuid NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_type" character varying(16) NOT NULL, "actor_id" character varying(128) NOT NULL, "action" character varying(100) NOT NULL, "object_type" character varying(64) NOT NULL, "object_id" character varying(128), "summary" jsonb NOT NULL, "correlation_id" character varying(128), "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "uq_audit_events_tenant_event" UNIQUE ("tenant_id", "id"), CONSTRAINT "PK_a5de65da7e9cefefeac0b89c2bc" PRIMARY KEY ("tenant_id", "seq"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "tenants" ("id" uuid NOT NULL, "name" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_chain_heads" ADD CONSTRAINT "fk_audit_chain_heads_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_events" ADD CONSTRAINT "fk_audit_events_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );

    await createAppRoles(queryRunner);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    await queryRunner.query(
      `CREATE FUNCTION app_current_tenant() RETURNS uuid LANGUAGE sql STABLE
         AS $$ SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid $$`,
    );
    await isolateTenantTable(queryRunner, 'tenants', ['SELECT', 'INSERT', 'UPDATE'], 'id');
    // Scheduled work must know which tenants exist, and nothing more about them.
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${PLATFORM_ROLE}`);
    await queryRunner.query(`GRANT SELECT (id) ON tenants TO ${PLATFORM_ROLE}`);
    await queryRunner.query(
      `CREATE POLICY tenants_platform_listing ON tenants FOR SELECT TO ${PLATFORM_ROLE} USING (true)`,
    );
    await isolateTenantTable(queryRunner, 'audit_events', ['SELECT', 'INSERT']);
    await isolateTenantTable(queryRunner, 'audit_chain_heads', ['SELECT', 'INSERT', 'UPDATE']);
    // Not even the owner may rewrite history; the app role has no UPDATE or DELETE grant anyway.
    await queryRunner.query(
      `CREATE FUNCTION audit_events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
         FOR EACH ROW EXECUTE FUNCTION audit_events_reject_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
         FOR EACH STATEMENT EXECUTE FUNCTION audit_events_reject_change()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_events_no_truncate ON audit_events`);
    await queryRunner.query(`DROP TRIGGER audit_events_append_only ON audit_events`);
    await queryRunner.query(`DROP FUNCTION audit_events_reject_change()`);
    await queryRunner.query(`DROP POLICY tenants_platform_listing ON tenants`);
    await queryRunner.query(`REVOKE ALL ON tenants FROM ${PLATFORM_ROLE}`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM ${PLATFORM_ROLE}`);
    for (const table of ['audit_chain_heads', 'audit_events', 'tenants']) {
      await releaseTenantTable(queryRunner, table);
    }
    await queryRunner.query(`DROP FUNCTION app_current_tenant()`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM ${APP_ROLE}`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP CONSTRAINT "fk_audit_events_tenant"`);
    await queryRunner.query(
      `ALTER TABLE "audit_chain_heads" DROP CONSTRAINT "fk_audit_chain_heads_tenant"`,
    );
    await queryRunner.query(`DROP TABLE "tenants"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP TABLE "audit_chain_heads"`);
  }
}

async function createAppRoles(queryRunner: QueryRunner): Promise<void> {
  for (const role of [APP_ROLE, PLATFORM_ROLE]) await createNologinRole(queryRunner, role);
}
