import { APP_ROLE, IDENTITY_ROLE } from '@app/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  createNologinRole,
  isolateIdentityTable,
  isolateTenantTable,
  releaseIdentityTable,
  releaseTenantTable,
} from './tenant-isolation.sql.js';

/** Columns of users the app role may read: never the password hash. */
const USER_COLUMNS_FOR_APP = 'id, email, display_name, session_version, disabled_at, created_at';

/**
 * Users, memberships and refresh tokens. Memberships are tenant data. Users and refresh tokens
 * belong to people, not tenants: the identity role reaches them for sign-in; the app role sees a
 * user only as a member of the current tenant (or as themself), and never a password hash.
 */

export class Identity1795547692082 implements MigrationInterface {
  name = 'Identity1795547692082';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "memberships" ("tenant_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_memberships_role" CHECK ("role" IN ('owner', 'admin', 'risk_manager', 'assessor', 'respondent', 'auditor')), CONSTRAINT "PK_7496a942c4958ee034f803461e8" PRIMARY KEY ("tenant_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "family_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_refresh_tokens_hash" UNIQUE ("token_hash"), CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens"  ("family_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL, "email" character varying(320) NOT NULL, "email_key" character varying(320) NOT NULL, "display_name" character varying(200) NOT NULL, "password_hash" character varying(255) NOT NULL, "session_version" integer NOT NULL DEFAULT '1', "disabled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_users_email_key" UNIQUE ("email_key"), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenants" ADD "assesses_vendors" boolean NOT NULL DEFAULT true`,
    );
    await queryRunner.query(
      `ALTER TABLE "tenants" ADD "answers_assessments" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "fk_memberships_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "memberships" ADD CONSTRAINT "fk_memberships_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "fk_refresh_tokens_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "fk_refresh_tokens_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );

    await createNologinRole(queryRunner, IDENTITY_ROLE);
    await queryRunner.query(
      `CREATE FUNCTION app_current_user() RETURNS uuid LANGUAGE sql STABLE
         AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$`,
    );
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${IDENTITY_ROLE}`);

    await isolateTenantTable(queryRunner, 'memberships', ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
    await queryRunner.query(
      `CREATE POLICY memberships_identity_own ON memberships FOR SELECT TO ${IDENTITY_ROLE}
         USING (user_id = app_current_user())`,
    );
    await queryRunner.query(`GRANT SELECT ON memberships TO ${IDENTITY_ROLE}`);

    await queryRunner.query(
      `CREATE POLICY tenants_identity_member ON tenants FOR SELECT TO ${IDENTITY_ROLE}
         USING (EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = tenants.id))`,
    );
    await queryRunner.query(`GRANT SELECT (id, name) ON tenants TO ${IDENTITY_ROLE}`);

    await isolateIdentityTable(queryRunner, 'users', ['SELECT', 'INSERT', 'UPDATE']);
    await queryRunner.query(
      `CREATE POLICY users_tenant_members ON users FOR SELECT TO ${APP_ROLE}
         USING (id = app_current_user()
                OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id))`,
    );
    // A person is created in their own context: signing up, or accepting an invitation.
    await queryRunner.query(
      `CREATE POLICY users_created_as_self ON users FOR INSERT TO ${APP_ROLE}
         WITH CHECK (id = app_current_user())`,
    );
    await queryRunner.query(`GRANT SELECT (${USER_COLUMNS_FOR_APP}) ON users TO ${APP_ROLE}`);
    await queryRunner.query(`GRANT INSERT ON users TO ${APP_ROLE}`);

    await isolateIdentityTable(queryRunner, 'refresh_tokens', ['SELECT', 'INSERT', 'UPDATE']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await releaseIdentityTable(queryRunner, 'refresh_tokens');
    await queryRunner.query(`REVOKE ALL ON users FROM ${APP_ROLE}`);
    await queryRunner.query(`DROP POLICY users_created_as_self ON users`);
    await queryRunner.query(`DROP POLICY users_tenant_members ON users`);
    await releaseIdentityTable(queryRunner, 'users');
    await queryRunner.query(`REVOKE ALL ON tenants FROM ${IDENTITY_ROLE}`);
    await queryRunner.query(`DROP POLICY tenants_identity_member ON tenants`);
    await queryRunner.query(`REVOKE ALL ON memberships FROM ${IDENTITY_ROLE}`);
    await queryRunner.query(`DROP POLICY memberships_identity_own ON memberships`);
    await releaseTenantTable(queryRunner, 'memberships');
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM ${IDENTITY_ROLE}`);
    await queryRunner.query(`DROP FUNCTION app_current_user()`);
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" DROP CONSTRAINT "fk_refresh_tokens_tenant"`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_tokens" DROP CONSTRAINT "fk_refresh_tokens_user"`,
    );
    await queryRunner.query(`ALTER TABLE "memberships" DROP CONSTRAINT "fk_memberships_user"`);
    await queryRunner.query(`ALTER TABLE "memberships" DROP CONSTRAINT "fk_memberships_tenant"`);
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "answers_assessments"`);
    await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "assesses_vendors"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_tokens_family"`);
    await queryRunner.query(`DROP TABLE "refresh_tokens"`);
    await queryRunner.query(`DROP TABLE "memberships"`);
  }
}
