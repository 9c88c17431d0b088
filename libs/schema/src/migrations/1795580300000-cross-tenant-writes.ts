import { APP_ROLE } from '@app/database';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readTenantOnce } from './respondent-access.sql.js';
import { isolateTenantTable, releaseTenantTable } from './tenant-isolation.sql.js';

/**
 * The cross-tenant path writes only what its writer may say (issue 13, item 4). Each side writes
 * its own rows, with actor and author taken from the session, never from the statement; history
 * (assessment events and comments) is not rewritten; a vendor is linked only by an accepted
 * invitation; and a row may name stored bytes only if its writer's organization uploaded them
 * (`stored_blobs`, written by the upload path). The checks apply in tenant transactions (the app
 * role); migrations and maintenance run without a tenant and are not limited.
 */

/** Rows that name stored bytes: by a `sha256` column, or by an `evidence` list of objects. */
const BLOB_REFERENCES = [
  ['evidence_files', 'sha256'],
  ['remediation_evidence', 'sha256'],
  ['library_answers', 'evidence'],
  ['finding_updates', 'evidence'],
] as const;

/** Append-only history: only the link to the MSP (set when the vendor is linked) may change. */
const HISTORY = ['assessment_events', 'assessment_comments'] as const;

export class CrossTenantWrites1795580300000 implements MigrationInterface {
  name = 'CrossTenantWrites1795580300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "stored_blobs" ("tenant_id" uuid NOT NULL, "sha256" character(64) NOT NULL, "size_bytes" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_10f3ce36b86306f5d5002a15e7a" PRIMARY KEY ("tenant_id", "sha256"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "stored_blobs" ADD CONSTRAINT "fk_stored_blobs_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await this.backfillStoredBlobs(queryRunner);
    await isolateTenantTable(queryRunner, 'stored_blobs', ['SELECT', 'INSERT']);
    await readTenantOnce(queryRunner, 'stored_blobs');
    await this.guardBlobReferences(queryRunner);
    await this.stampActors(queryRunner);
    await this.keepHistory(queryRunner);
    await this.guardVendorLink(queryRunner);
  }

  /** Files uploaded before this migration: the uploader is the respondent when there is one. */
  private async backfillStoredBlobs(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO stored_blobs (tenant_id, sha256, size_bytes)
       SELECT owner, sha256, size_bytes FROM (
         SELECT COALESCE(respondent_tenant_id, tenant_id) AS owner, sha256, size_bytes
           FROM evidence_files
         UNION ALL
         SELECT tenant_id, sha256, size_bytes FROM remediation_evidence
         UNION ALL
         SELECT tenant_id, e->>'sha256', (e->>'sizeBytes')::integer
           FROM library_answers, jsonb_array_elements(evidence) e
         UNION ALL
         SELECT l.msp_tenant_id, e->>'sha256', (e->>'size')::integer
           FROM finding_updates u
           JOIN finding_links l ON l.tenant_id = u.tenant_id AND l.finding_id = u.finding_id,
           jsonb_array_elements(u.evidence) e
          WHERE u.side = 'msp'
       ) named
       ON CONFLICT DO NOTHING`,
    );
  }

  private async guardBlobReferences(queryRunner: QueryRunner): Promise<void> {
    // Invoker's rights: the writer sees only its own organization's proofs.
    await queryRunner.query(
      `CREATE FUNCTION app_guard_blob_reference() RETURNS trigger LANGUAGE plpgsql AS $$
       DECLARE
         unproven text;
       BEGIN
         IF app_current_tenant() IS NULL THEN
           RETURN NEW;
         END IF;
         IF TG_ARGV[0] = 'sha256' THEN
           IF TG_OP = 'UPDATE' AND NEW.sha256 = OLD.sha256 THEN
             RETURN NEW;
           END IF;
           SELECT NEW.sha256 INTO unproven
            WHERE NOT EXISTS (SELECT 1 FROM stored_blobs b
                               WHERE b.tenant_id = app_current_tenant() AND b.sha256 = NEW.sha256);
         ELSE
           IF TG_OP = 'UPDATE' AND NEW.evidence IS NOT DISTINCT FROM OLD.evidence THEN
             RETURN NEW;
           END IF;
           SELECT COALESCE(e->>'sha256', '(none)') INTO unproven
             FROM jsonb_array_elements(NEW.evidence) e
            WHERE NOT EXISTS (SELECT 1 FROM stored_blobs b
                               WHERE b.tenant_id = app_current_tenant()
                                 AND b.sha256 = e->>'sha256')
            LIMIT 1;
         END IF;
         IF unproven IS NOT NULL THEN
           RAISE EXCEPTION 'this organization has not uploaded the file %', unproven
             USING ERRCODE = '42501';
         END IF;
         RETURN NEW;
       END $$`,
    );
    for (const [table, column] of BLOB_REFERENCES) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_stored_blob" BEFORE INSERT OR UPDATE OF "${column}" ON "${table}"
           FOR EACH ROW EXECUTE FUNCTION app_guard_blob_reference('${column}')`,
      );
    }
  }

  /**
   * Who wrote a row comes from the session: the user and their name are set here, whatever the
   * statement said. A tenant's own rows are the customer's (or its jobs'); rows written into
   * another tenant are the vendor's or the MSP's (held by their policies). The vendor's side
   * records only the moves it can make, once made; the MSP only the updates it can make.
   */
  private async stampActors(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION app_session_user_name() RETURNS text LANGUAGE sql STABLE
         AS $$ SELECT display_name::text FROM users WHERE id = app_current_user() $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION app_stamp_assessment_event() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF app_current_tenant() IS NULL THEN
           RETURN NEW;
         END IF;
         NEW.actor_user_id := app_current_user();
         IF NEW.tenant_id = app_current_tenant() THEN
           IF NEW.actor_side = 'vendor' THEN
             RAISE EXCEPTION 'only the vendor records the vendor''s moves' USING ERRCODE = '42501';
           END IF;
           RETURN NEW;
         END IF;
         -- The vendor's side (its restrictive policy holds actor_side to 'vendor').
         IF NOT ((NEW.from_state = 'sent' AND NEW.to_state = 'in_progress')
                 OR (NEW.from_state IN ('in_progress', 'changes_requested')
                     AND NEW.to_state = 'submitted'))
            OR NOT EXISTS (SELECT 1 FROM assessments a
                            WHERE a.tenant_id = NEW.tenant_id AND a.id = NEW.assessment_id
                              AND a.state = NEW.to_state) THEN
           RAISE EXCEPTION 'the vendor may not record a move from % to %',
             NEW.from_state, NEW.to_state USING ERRCODE = '42501';
         END IF;
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION app_stamp_assessment_comment() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF app_current_tenant() IS NULL THEN
           RETURN NEW;
         END IF;
         NEW.author_user_id := app_current_user();
         -- As the app names them: the person, or 'Integration' for an API key.
         NEW.author_name := COALESCE(app_session_user_name(), 'Integration');
         -- The vendor's side is held to 'vendor' by its restrictive policy.
         IF NEW.tenant_id = app_current_tenant() AND NEW.author_side <> 'customer' THEN
           RAISE EXCEPTION 'only the vendor writes as the vendor' USING ERRCODE = '42501';
         END IF;
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION app_stamp_finding_update() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF app_current_tenant() IS NULL THEN
           RETURN NEW;
         END IF;
         NEW.author_user_id := app_current_user();
         NEW.author_name := app_session_user_name();
         IF NEW.tenant_id = app_current_tenant() THEN
           IF NEW.side <> 'customer' THEN
             RAISE EXCEPTION 'only the MSP writes as the MSP' USING ERRCODE = '42501';
           END IF;
           RETURN NEW;
         END IF;
         -- The MSP's side (its policy refuses any side but 'msp'): it plans, reports progress
         -- and resolves; verifying, accepting and reopening are the customer's.
         IF NEW.side = 'msp' AND (NEW.kind NOT IN ('plan', 'progress', 'resolved')
              OR NEW.to_status NOT IN ('planned', 'in_progress', 'resolved')) THEN
           RAISE EXCEPTION 'the MSP may not record a % update', NEW.kind USING ERRCODE = '42501';
         END IF;
         RETURN NEW;
       END $$`,
    );
    for (const [table, fn] of [
      ['assessment_events', 'app_stamp_assessment_event'],
      ['assessment_comments', 'app_stamp_assessment_comment'],
      ['finding_updates', 'app_stamp_finding_update'],
    ]) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_stamp_actor" BEFORE INSERT ON "${table}"
           FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
      );
    }
  }

  private async keepHistory(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION app_keep_history() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF app_current_tenant() IS NOT NULL
            AND (to_jsonb(NEW) - 'respondent_tenant_id')
                IS DISTINCT FROM (to_jsonb(OLD) - 'respondent_tenant_id') THEN
           RAISE EXCEPTION '% is history: it is not rewritten', TG_TABLE_NAME
             USING ERRCODE = '42501';
         END IF;
         RETURN NEW;
       END $$`,
    );
    for (const table of HISTORY) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_history" BEFORE UPDATE ON "${table}"
           FOR EACH ROW EXECUTE FUNCTION app_keep_history()`,
      );
    }
  }

  /**
   * A vendor is linked once, to the organization that accepted one of its invitations, by the
   * person who accepted it, who must belong to that organization. The customer's session can
   * see neither that person's memberships nor the MSP, so one narrow function answers for it.
   */
  private async guardVendorLink(queryRunner: QueryRunner): Promise<void> {
    // Definer's rights, reading one membership under the tenant policy of the tenant asked about.
    await queryRunner.query(
      `CREATE FUNCTION app_session_user_belongs_to(tenant uuid) RETURNS boolean
         LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
       DECLARE
         caller text := current_setting('app.tenant_id', true);
         member boolean;
       BEGIN
         PERFORM set_config('app.tenant_id', tenant::text, true);
         SELECT EXISTS (SELECT 1 FROM memberships
                         WHERE tenant_id = tenant AND user_id = app_current_user()) INTO member;
         PERFORM set_config('app.tenant_id', COALESCE(caller, ''), true);
         RETURN member;
       END $$`,
    );
    await queryRunner.query(`REVOKE ALL ON FUNCTION app_session_user_belongs_to(uuid) FROM PUBLIC`);
    await queryRunner.query(
      `GRANT EXECUTE ON FUNCTION app_session_user_belongs_to(uuid) TO ${APP_ROLE}`,
    );
    await queryRunner.query(
      `CREATE FUNCTION app_guard_invitation_acceptance() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF app_current_tenant() IS NULL THEN
           RETURN NEW;
         END IF;
         -- Sent unaccepted: an invitation written as accepted would skip the checks below.
         IF TG_OP = 'INSERT' THEN
           IF NEW.accepted_at IS NOT NULL OR NEW.accepted_by IS NOT NULL
              OR NEW.accepted_tenant_id IS NOT NULL THEN
             RAISE EXCEPTION 'an invitation is accepted once, by a member of the accepting organization'
               USING ERRCODE = '42501';
           END IF;
           RETURN NEW;
         END IF;
         IF NEW.accepted_at IS NOT DISTINCT FROM OLD.accepted_at
            AND NEW.accepted_by IS NOT DISTINCT FROM OLD.accepted_by
            AND NEW.accepted_tenant_id IS NOT DISTINCT FROM OLD.accepted_tenant_id THEN
           RETURN NEW;
         END IF;
         IF OLD.accepted_at IS NOT NULL OR NEW.accepted_at IS NULL
            OR NEW.accepted_by IS DISTINCT FROM app_current_user()
            OR NOT app_session_user_belongs_to(NEW.accepted_tenant_id) THEN
           RAISE EXCEPTION 'an invitation is accepted once, by a member of the accepting organization'
             USING ERRCODE = '42501';
         END IF;
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "assessment_invitations_acceptance" BEFORE INSERT OR UPDATE ON "assessment_invitations"
         FOR EACH ROW EXECUTE FUNCTION app_guard_invitation_acceptance()`,
    );
    await queryRunner.query(
      `CREATE FUNCTION app_guard_vendor_link() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF app_current_tenant() IS NULL THEN
           RETURN NEW;
         END IF;
         IF TG_OP = 'INSERT' THEN
           IF NEW.linked_tenant_id IS NOT NULL THEN
             RAISE EXCEPTION 'a vendor is linked by accepting its invitation' USING ERRCODE = '42501';
           END IF;
           RETURN NEW;
         END IF;
         IF NEW.linked_tenant_id IS NOT DISTINCT FROM OLD.linked_tenant_id THEN
           RETURN NEW;
         END IF;
         IF OLD.linked_tenant_id IS NOT NULL OR NOT EXISTS (
              SELECT 1 FROM assessment_invitations i
                JOIN assessments a ON a.tenant_id = i.tenant_id AND a.id = i.assessment_id
               WHERE i.tenant_id = NEW.tenant_id AND a.vendor_id = NEW.id
                 AND i.accepted_tenant_id = NEW.linked_tenant_id
                 AND i.accepted_by = app_current_user()) THEN
           RAISE EXCEPTION 'a vendor is linked by accepting its invitation' USING ERRCODE = '42501';
         END IF;
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "vendors_link" BEFORE INSERT OR UPDATE OF "linked_tenant_id" ON "vendors"
         FOR EACH ROW EXECUTE FUNCTION app_guard_vendor_link()`,
    );
    // An assessment goes to the MSP its vendor is linked to, and to no other.
    await queryRunner.query(
      `CREATE FUNCTION app_guard_assessment_respondent() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF app_current_tenant() IS NULL OR NEW.tenant_id <> app_current_tenant()
            OR NEW.respondent_tenant_id IS NULL
            OR (TG_OP = 'UPDATE'
                AND NEW.respondent_tenant_id IS NOT DISTINCT FROM OLD.respondent_tenant_id) THEN
           RETURN NEW;
         END IF;
         IF NOT EXISTS (SELECT 1 FROM vendors v
                         WHERE v.tenant_id = NEW.tenant_id AND v.id = NEW.vendor_id
                           AND v.linked_tenant_id = NEW.respondent_tenant_id) THEN
           RAISE EXCEPTION 'an assessment goes to the organization its vendor is linked to'
             USING ERRCODE = '42501';
         END IF;
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "assessments_respondent" BEFORE INSERT OR UPDATE OF "respondent_tenant_id"
         ON "assessments" FOR EACH ROW EXECUTE FUNCTION app_guard_assessment_respondent()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "assessments_respondent" ON "assessments"`);
    await queryRunner.query(`DROP FUNCTION app_guard_assessment_respondent()`);
    await queryRunner.query(`DROP TRIGGER "vendors_link" ON "vendors"`);
    await queryRunner.query(`DROP FUNCTION app_guard_vendor_link()`);
    await queryRunner.query(
      `DROP TRIGGER "assessment_invitations_acceptance" ON "assessment_invitations"`,
    );
    await queryRunner.query(`DROP FUNCTION app_guard_invitation_acceptance()`);
    await queryRunner.query(`DROP FUNCTION app_session_user_belongs_to(uuid)`);
    for (const table of HISTORY) {
      await queryRunner.query(`DROP TRIGGER "${table}_history" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION app_keep_history()`);
    for (const table of ['assessment_events', 'assessment_comments', 'finding_updates']) {
      await queryRunner.query(`DROP TRIGGER "${table}_stamp_actor" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION app_stamp_finding_update()`);
    await queryRunner.query(`DROP FUNCTION app_stamp_assessment_comment()`);
    await queryRunner.query(`DROP FUNCTION app_stamp_assessment_event()`);
    await queryRunner.query(`DROP FUNCTION app_session_user_name()`);
    for (const [table] of BLOB_REFERENCES) {
      await queryRunner.query(`DROP TRIGGER "${table}_stored_blob" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION app_guard_blob_reference()`);
    await releaseTenantTable(queryRunner, 'stored_blobs');
    await queryRunner.query(`ALTER TABLE "stored_blobs" DROP CONSTRAINT "fk_stored_blobs_tenant"`);
    await queryRunner.query(`DROP TABLE "stored_blobs"`);
  }
}
