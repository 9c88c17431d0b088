import { APP_ROLE, IDENTITY_ROLE } from '@app/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  admitRespondent,
  guardRespondentColumns,
  releaseRespondent,
} from './respondent-access.sql.js';
import { isolateTenantTable, releaseTenantTable } from './tenant-isolation.sql.js';

/**
 * Assessments, answers, comments, notes, evidence, reminders and reassessment cycles. Customer
 * data under the tenant policy; the MSP reaches the shared parts through respondent policies.
 */

const SHARED: readonly [string, readonly ('SELECT' | 'INSERT' | 'UPDATE')[]][] = [
  ['assessments', ['SELECT', 'UPDATE']],
  ['assessment_answers', ['SELECT', 'INSERT', 'UPDATE']],
  ['assessment_comments', ['SELECT', 'INSERT']],
  ['assessment_events', ['SELECT', 'INSERT']],
  ['evidence_files', ['SELECT', 'INSERT', 'UPDATE']],
];

const CUSTOMER_ONLY = [
  'assessment_notes',
  'assessment_invitations',
  'assessment_reminders',
  'reassessment_cycles',
] as const;

export class Assessments1795553776752 implements MigrationInterface {
  name = 'Assessments1795553776752';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "assessment_answers" ("tenant_id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "question_id" character varying(64) NOT NULL, "respondent_tenant_id" uuid, "value" jsonb, "not_applicable" boolean NOT NULL DEFAULT false, "version" integer NOT NULL DEFAULT '1', "answered_by" uuid, "answered_at" TIMESTAMP WITH TIME ZONE, "assignee_user_id" uuid, "carried" boolean NOT NULL DEFAULT false, "previous_value" jsonb, "previous_not_applicable" boolean, "review_status" character varying(16) NOT NULL DEFAULT 'pending', "review_comment" character varying(4000), "reviewed_by" uuid, "reviewed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_assessment_answers_review" CHECK ("review_status" IN ('pending', 'accepted', 'flagged')), CONSTRAINT "PK_fde3da18c58ff436daa1dbb0290" PRIMARY KEY ("tenant_id", "assessment_id", "question_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_answers_respondent" ON "assessment_answers"  ("respondent_tenant_id", "assessment_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "assessment_comments" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "question_id" character varying(64) NOT NULL, "respondent_tenant_id" uuid, "author_side" character varying(8) NOT NULL, "author_user_id" uuid, "author_name" character varying(200) NOT NULL, "body" character varying(4000) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_assessment_comments_side" CHECK ("author_side" IN ('customer', 'vendor')), CONSTRAINT "PK_57d16d4733c5da4035ac1bdbc4f" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_comments_respondent" ON "assessment_comments"  ("respondent_tenant_id", "assessment_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_comments_thread" ON "assessment_comments"  ("tenant_id", "assessment_id", "question_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "assessment_events" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "respondent_tenant_id" uuid, "from_state" character varying(24) NOT NULL, "to_state" character varying(24) NOT NULL, "actor_side" character varying(8) NOT NULL, "actor_user_id" uuid, "comment" character varying(4000), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_78ae8a03b182f802032b8ca73a1" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_events_respondent" ON "assessment_events"  ("respondent_tenant_id", "assessment_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_events_assessment" ON "assessment_events"  ("tenant_id", "assessment_id", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "assessment_forms" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "template_key" character varying(64) NOT NULL, "template_version" character varying(32) NOT NULL, "built_in" boolean NOT NULL, "content" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "uq_assessment_forms_version" UNIQUE ("tenant_id", "template_key", "template_version", "built_in"), CONSTRAINT "PK_bcc77010bc1e5bea5bb33b39770" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "assessment_invitations" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "email" character varying(320) NOT NULL, "email_key" character varying(320) NOT NULL, "token_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "accepted_by" uuid, "accepted_tenant_id" uuid, CONSTRAINT "uq_assessment_invitations_token_hash" UNIQUE ("token_hash"), CONSTRAINT "PK_61de0f569489fd43453101125fb" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "assessment_notes" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "question_id" character varying(64), "author_user_id" uuid, "body" character varying(4000) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_32b170e7d250d4b022161aa4e1e" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessment_notes_assessment" ON "assessment_notes"  ("tenant_id", "assessment_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "assessment_reminders" ("tenant_id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "due_on" date NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recipients" integer NOT NULL, CONSTRAINT "ck_assessment_reminders_kind" CHECK ("kind" IN ('due_soon', 'overdue', 'escalation')), CONSTRAINT "PK_5ecc69d68db8b1415f2edac1c4c" PRIMARY KEY ("tenant_id", "assessment_id", "kind", "due_on"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "assessments" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "vendor_id" uuid NOT NULL, "form_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "state" character varying(24) NOT NULL, "tier" smallint NOT NULL, "question_ids" text array NOT NULL, "due_on" date NOT NULL, "respondent_tenant_id" uuid, "customer_name" character varying(200) NOT NULL, "vendor_name" character varying(200) NOT NULL, "previous_assessment_id" uuid, "next_cycle_on" date, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "state_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, "submitted_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_assessments_state" CHECK ("state" IN ('draft', 'sent', 'in_progress', 'submitted', 'in_review', 'changes_requested', 'completed', 'cancelled')), CONSTRAINT "PK_6eb03c387693e99853b048aa8b6" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessments_respondent" ON "assessments"  ("respondent_tenant_id", "state") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessments_tenant_vendor" ON "assessments"  ("tenant_id", "vendor_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_assessments_tenant_state" ON "assessments"  ("tenant_id", "state") `,
    );
    await queryRunner.query(
      `CREATE TABLE "evidence_files" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "assessment_id" uuid NOT NULL, "question_id" character varying(64) NOT NULL, "respondent_tenant_id" uuid, "sha256" character(64) NOT NULL, "size_bytes" integer NOT NULL, "media_type" character varying(120) NOT NULL, "file_name" character varying(200) NOT NULL, "uploaded_by" uuid, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "removed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3ab70df7732b60adb0c3af88e8f" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_evidence_files_respondent" ON "evidence_files"  ("respondent_tenant_id", "assessment_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_evidence_files_answer" ON "evidence_files"  ("tenant_id", "assessment_id", "question_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reassessment_cycles" ("tenant_id" uuid NOT NULL, "tier" smallint NOT NULL, "months" smallint, CONSTRAINT "ck_reassessment_cycles_months" CHECK ("months" IS NULL OR "months" BETWEEN 1 AND 60), CONSTRAINT "ck_reassessment_cycles_tier" CHECK ("tier" BETWEEN 1 AND 4), CONSTRAINT "PK_6cf661748ae02efd6fd6cae24bf" PRIMARY KEY ("tenant_id", "tier"))`,
    );
    await queryRunner.query(`ALTER TABLE "vendors" ADD "linked_tenant_id" uuid`);
    await queryRunner.query(`ALTER TABLE "vendors" ADD "linked_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "assessment_answers" ADD CONSTRAINT "fk_assessment_answers_assessment" FOREIGN KEY ("tenant_id", "assessment_id") REFERENCES "assessments"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_comments" ADD CONSTRAINT "fk_assessment_comments_assessment" FOREIGN KEY ("tenant_id", "assessment_id") REFERENCES "assessments"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_events" ADD CONSTRAINT "fk_assessment_events_assessment" FOREIGN KEY ("tenant_id", "assessment_id") REFERENCES "assessments"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_forms" ADD CONSTRAINT "fk_assessment_forms_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_invitations" ADD CONSTRAINT "fk_assessment_invitations_assessment" FOREIGN KEY ("tenant_id", "assessment_id") REFERENCES "assessments"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_notes" ADD CONSTRAINT "fk_assessment_notes_assessment" FOREIGN KEY ("tenant_id", "assessment_id") REFERENCES "assessments"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_reminders" ADD CONSTRAINT "fk_assessment_reminders_assessment" FOREIGN KEY ("tenant_id", "assessment_id") REFERENCES "assessments"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "fk_assessments_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "fk_assessments_form" FOREIGN KEY ("tenant_id", "form_id") REFERENCES "assessment_forms"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "fk_assessments_vendor" FOREIGN KEY ("tenant_id", "vendor_id") REFERENCES "vendors"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_files" ADD CONSTRAINT "fk_evidence_files_assessment" FOREIGN KEY ("tenant_id", "assessment_id") REFERENCES "assessments"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reassessment_cycles" ADD CONSTRAINT "fk_reassessment_cycles_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );

    await queryRunner.query(
      `CREATE FUNCTION app_is_respondent(tenant uuid, assessment uuid) RETURNS boolean
         LANGUAGE sql STABLE
         AS $$ SELECT EXISTS (SELECT 1 FROM assessments
                 WHERE tenant_id = tenant AND id = assessment
                   AND respondent_tenant_id = app_current_tenant()) $$`,
    );
    // The MSP's side of a customer's rows: which columns it may change, which moves it may make,
    // and that answers and evidence change only while the assessment takes answers.
    await queryRunner.query(
      `CREATE FUNCTION app_guard_respondent_update() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF app_current_tenant() IS NULL OR NEW.tenant_id = app_current_tenant() THEN
           RETURN NEW;
         END IF;
         IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - TG_ARGV) IS DISTINCT FROM (to_jsonb(OLD) - TG_ARGV) THEN
           RAISE EXCEPTION 'the respondent may not change this part of %', TG_TABLE_NAME
             USING ERRCODE = '42501';
         END IF;
         -- Nested: plpgsql does not short-circuit, and NEW has only its own table's fields.
         IF TG_TABLE_NAME = 'assessments' THEN
           IF NOT ((OLD.state = 'sent' AND NEW.state IN ('sent', 'in_progress'))
                OR (OLD.state IN ('in_progress', 'changes_requested')
                    AND NEW.state IN (OLD.state, 'submitted'))) THEN
             RAISE EXCEPTION 'the respondent may not move an assessment from % to %',
               OLD.state, NEW.state USING ERRCODE = '42501';
           END IF;
           RETURN NEW;
         END IF;
         IF NOT EXISTS (SELECT 1 FROM assessments a
                         WHERE a.tenant_id = NEW.tenant_id AND a.id = NEW.assessment_id
                           AND a.state IN ('sent', 'in_progress', 'changes_requested')
                           AND NEW.question_id = ANY (a.question_ids)) THEN
           RAISE EXCEPTION 'the assessment does not take answers to % now', NEW.question_id
             USING ERRCODE = '42501';
         END IF;
         IF TG_TABLE_NAME = 'assessment_answers' THEN
           IF TG_OP = 'INSERT' THEN
             -- Review decisions and carried answers are the customer's to write.
             NEW.review_status := 'pending';
             NEW.review_comment := NULL;
             NEW.reviewed_by := NULL;
             NEW.reviewed_at := NULL;
             NEW.carried := false;
             NEW.previous_value := NULL;
             NEW.previous_not_applicable := NULL;
           ELSIF NEW.review_status <> OLD.review_status AND NEW.review_status <> 'pending' THEN
             RAISE EXCEPTION 'the respondent may not review its own answers'
               USING ERRCODE = '42501';
           END IF;
         END IF;
         RETURN NEW;
       END $$`,
    );
    for (const [table, commands] of SHARED) {
      await isolateTenantTable(queryRunner, table, ['SELECT', 'INSERT', 'UPDATE']);
      await admitRespondent(queryRunner, table, commands);
    }
    // Restrictive: whatever else admits a row, the MSP's side only ever speaks as the vendor.
    for (const [table, column] of [
      ['assessment_comments', 'author_side'],
      ['assessment_events', 'actor_side'],
    ]) {
      await queryRunner.query(
        `CREATE POLICY "${table}_respondent_side" ON "${table}" AS RESTRICTIVE FOR INSERT
           WITH CHECK (tenant_id = app_current_tenant() OR ${column} = 'vendor')`,
      );
    }
    await queryRunner.query(
      `CREATE POLICY assessment_forms_respondent_select ON assessment_forms FOR SELECT
         USING (EXISTS (SELECT 1 FROM assessments a
                 WHERE a.tenant_id = assessment_forms.tenant_id AND a.form_id = assessment_forms.id
                   AND a.respondent_tenant_id = app_current_tenant()))`,
    );
    await isolateTenantTable(queryRunner, 'assessment_forms', ['SELECT', 'INSERT']);
    for (const table of CUSTOMER_ONLY) {
      await isolateTenantTable(queryRunner, table, ['SELECT', 'INSERT', 'UPDATE']);
    }
    await queryRunner.query(`GRANT DELETE ON reassessment_cycles TO ${APP_ROLE}`);
    // Accepting an invitation starts from its token, before the inviting tenant is known.
    await queryRunner.query(
      `CREATE POLICY assessment_invitations_identity_lookup ON assessment_invitations
         FOR SELECT TO ${IDENTITY_ROLE} USING (true)`,
    );
    await queryRunner.query(`GRANT SELECT ON assessment_invitations TO ${IDENTITY_ROLE}`);
    await guardRespondentColumns(queryRunner, 'assessments', [
      'state',
      'state_changed_at',
      'submitted_at',
    ]);
    await guardRespondentColumns(queryRunner, 'assessment_answers', [
      'value',
      'not_applicable',
      'version',
      'answered_by',
      'answered_at',
      'assignee_user_id',
      'carried',
      'review_status',
    ]);
    await guardRespondentColumns(queryRunner, 'evidence_files', ['removed_at']);
    for (const table of ['assessment_answers', 'evidence_files']) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_respondent_rows" BEFORE INSERT ON "${table}"
           FOR EACH ROW EXECUTE FUNCTION app_guard_respondent_update()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['assessment_answers', 'evidence_files']) {
      await queryRunner.query(`DROP TRIGGER "${table}_respondent_rows" ON "${table}"`);
    }
    for (const table of ['assessments', 'assessment_answers', 'evidence_files']) {
      await queryRunner.query(`DROP TRIGGER "${table}_respondent_columns" ON "${table}"`);
    }
    await queryRunner.query(`REVOKE ALL ON assessment_invitations FROM ${IDENTITY_ROLE}`);
    await queryRunner.query(
      `DROP POLICY assessment_invitations_identity_lookup ON assessment_invitations`,
    );
    for (const table of CUSTOMER_ONLY) await releaseTenantTable(queryRunner, table);
    await releaseTenantTable(queryRunner, 'assessment_forms');
    await queryRunner.query(`DROP POLICY assessment_forms_respondent_select ON assessment_forms`);
    await queryRunner.query(`DROP POLICY "assessment_events_respondent_side" ON assessment_events`);
    await queryRunner.query(
      `DROP POLICY "assessment_comments_respondent_side" ON assessment_comments`,
    );
    for (const [table, commands] of SHARED) {
      await releaseRespondent(queryRunner, table, commands);
      await releaseTenantTable(queryRunner, table);
    }
    await queryRunner.query(`DROP FUNCTION app_guard_respondent_update()`);
    await queryRunner.query(`DROP FUNCTION app_is_respondent(uuid, uuid)`);
    await queryRunner.query(
      `ALTER TABLE "reassessment_cycles" DROP CONSTRAINT "fk_reassessment_cycles_tenant"`,
    );
    await queryRunner.query(
      `ALTER TABLE "evidence_files" DROP CONSTRAINT "fk_evidence_files_assessment"`,
    );
    await queryRunner.query(`ALTER TABLE "assessments" DROP CONSTRAINT "fk_assessments_vendor"`);
    await queryRunner.query(`ALTER TABLE "assessments" DROP CONSTRAINT "fk_assessments_form"`);
    await queryRunner.query(`ALTER TABLE "assessments" DROP CONSTRAINT "fk_assessments_tenant"`);
    await queryRunner.query(
      `ALTER TABLE "assessment_reminders" DROP CONSTRAINT "fk_assessment_reminders_assessment"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_notes" DROP CONSTRAINT "fk_assessment_notes_assessment"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_invitations" DROP CONSTRAINT "fk_assessment_invitations_assessment"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_forms" DROP CONSTRAINT "fk_assessment_forms_tenant"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_events" DROP CONSTRAINT "fk_assessment_events_assessment"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_comments" DROP CONSTRAINT "fk_assessment_comments_assessment"`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment_answers" DROP CONSTRAINT "fk_assessment_answers_assessment"`,
    );
    await queryRunner.query(`ALTER TABLE "vendors" DROP COLUMN "linked_at"`);
    await queryRunner.query(`ALTER TABLE "vendors" DROP COLUMN "linked_tenant_id"`);
    await queryRunner.query(`DROP TABLE "reassessment_cycles"`);
    await queryRunner.query(`DROP INDEX "public"."ix_evidence_files_answer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_evidence_files_respondent"`);
    await queryRunner.query(`DROP TABLE "evidence_files"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessments_tenant_state"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessments_tenant_vendor"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessments_respondent"`);
    await queryRunner.query(`DROP TABLE "assessments"`);
    await queryRunner.query(`DROP TABLE "assessment_reminders"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_notes_assessment"`);
    await queryRunner.query(`DROP TABLE "assessment_notes"`);
    await queryRunner.query(`DROP TABLE "assessment_invitations"`);
    await queryRunner.query(`DROP TABLE "assessment_forms"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_events_assessment"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_events_respondent"`);
    await queryRunner.query(`DROP TABLE "assessment_events"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_comments_thread"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_comments_respondent"`);
    await queryRunner.query(`DROP TABLE "assessment_comments"`);
    await queryRunner.query(`DROP INDEX "public"."ix_assessment_answers_respondent"`);
    await queryRunner.query(`DROP TABLE "assessment_answers"`);
  }
}
