import { APP_ROLE, IDENTITY_ROLE } from '@app/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  isolateIdentityTable,
  isolateTenantTable,
  releaseIdentityTable,
  releaseTenantTable,
} from './tenant-isolation.sql.js';

/**
 * Invitations (tenant data; the identity role may look one up by its token hash to accept it)
 * and the mail outbox (people's mail: the app role may only add mail for its own tenant).
 */

export class InvitationsAndOutbox1795548472149 implements MigrationInterface {
  name = 'InvitationsAndOutbox1795548472149';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "invitations" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "email" character varying(320) NOT NULL, "email_key" character varying(320) NOT NULL, "role" character varying(32) NOT NULL, "token_hash" character(64) NOT NULL, "invited_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "accepted_by" uuid, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_invitations_token_hash" UNIQUE ("token_hash"), CONSTRAINT "ck_invitations_role" CHECK ("role" IN ('owner', 'admin', 'risk_manager', 'assessor', 'respondent', 'auditor')), CONSTRAINT "PK_b0ba2d8d46d4f9f1e4035b1d87b" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox_messages" ("id" uuid NOT NULL, "tenant_id" uuid, "kind" character varying(64) NOT NULL, "recipient" character varying(320) NOT NULL, "subject" character varying(300) NOT NULL, "body_text" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_outbox_messages_status" CHECK ("status" IN ('pending', 'sending', 'sent')), CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_outbox_messages_status" ON "outbox_messages"  ("status", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "invitations" ADD CONSTRAINT "fk_invitations_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outbox_messages" ADD CONSTRAINT "fk_outbox_messages_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );

    await isolateTenantTable(queryRunner, 'invitations', ['SELECT', 'INSERT', 'UPDATE']);
    await queryRunner.query(
      `CREATE POLICY invitations_identity_lookup ON invitations FOR SELECT TO ${IDENTITY_ROLE}
         USING (true)`,
    );
    await queryRunner.query(`GRANT SELECT ON invitations TO ${IDENTITY_ROLE}`);

    await isolateIdentityTable(queryRunner, 'outbox_messages', ['SELECT', 'INSERT', 'UPDATE']);
    await queryRunner.query(
      `CREATE POLICY outbox_messages_tenant_insert ON outbox_messages FOR INSERT TO ${APP_ROLE}
         WITH CHECK (tenant_id = app_current_tenant())`,
    );
    await queryRunner.query(`GRANT INSERT ON outbox_messages TO ${APP_ROLE}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON outbox_messages FROM ${APP_ROLE}`);
    await queryRunner.query(`DROP POLICY outbox_messages_tenant_insert ON outbox_messages`);
    await releaseIdentityTable(queryRunner, 'outbox_messages');
    await queryRunner.query(`REVOKE ALL ON invitations FROM ${IDENTITY_ROLE}`);
    await queryRunner.query(`DROP POLICY invitations_identity_lookup ON invitations`);
    await releaseTenantTable(queryRunner, 'invitations');
    await queryRunner.query(
      `ALTER TABLE "outbox_messages" DROP CONSTRAINT "fk_outbox_messages_tenant"`,
    );
    await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "fk_invitations_tenant"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbox_messages_status"`);
    await queryRunner.query(`DROP TABLE "outbox_messages"`);
    await queryRunner.query(`DROP TABLE "invitations"`);
  }
}
