import type { MigrationInterface, QueryRunner } from 'typeorm';
import { readTenantOnce } from './respondent-access.sql.js';
import { isolateTenantTable, releaseTenantTable } from './tenant-isolation.sql.js';

/**
 * Remediation and the MSP workspace. Findings stay in the customer's tenant; the MSP reaches one
 * only through its `finding_links` row, which the customer writes. Through it the MSP may read
 * the finding and its updates, add updates of its own, and move the finding (planned, in
 * progress, resolved) and its plan, and nothing else: a trigger holds the rest of the row.
 * Risk acceptances are the customer's alone; remediation items and their files the MSP's alone.
 */

const TENANT_TABLES = [
  ['finding_links', ['SELECT', 'INSERT']],
  ['finding_updates', ['SELECT', 'INSERT']],
  ['risk_acceptances', ['SELECT', 'INSERT', 'UPDATE']],
  ['remediation_items', ['SELECT', 'INSERT', 'UPDATE']],
  ['remediation_evidence', ['SELECT', 'INSERT']],
] as const;

/** What the MSP's side may change on a linked finding. */
const MSP_FINDING_COLUMNS = [
  'status',
  'status_changed_at',
  'plan_owner',
  'plan_due_on',
  'milestones',
  'remediation_item_id',
  'resolved_answer',
];

export class Remediation1795563739432 implements MigrationInterface {
  name = 'Remediation1795563739432';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "finding_links" ("tenant_id" uuid NOT NULL, "finding_id" uuid NOT NULL, "msp_tenant_id" uuid NOT NULL, "linked_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8cfa62f595d147b785cd31fcb37" PRIMARY KEY ("tenant_id", "finding_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_finding_links_msp" ON "finding_links"  ("msp_tenant_id", "tenant_id", "finding_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "finding_updates" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "finding_id" uuid NOT NULL, "side" character varying(10) NOT NULL, "author_user_id" uuid, "author_name" character varying(200), "kind" character varying(16) NOT NULL, "text" character varying(4000), "from_status" character varying(16), "to_status" character varying(16), "evidence" jsonb NOT NULL DEFAULT '[]', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "seq" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, CONSTRAINT "ck_finding_updates_side" CHECK ("side" IN ('customer', 'msp')), CONSTRAINT "PK_e419f8d46e2847ca943fc24b062" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_finding_updates_finding" ON "finding_updates"  ("tenant_id", "finding_id", "seq") `,
    );
    await queryRunner.query(
      `CREATE TABLE "risk_acceptances" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "finding_id" uuid NOT NULL, "justification" character varying(4000) NOT NULL, "approved_by" uuid NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_on" date NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "end_reason" character varying(10), CONSTRAINT "ck_risk_acceptances_end" CHECK ("end_reason" IN ('expired', 'reopened')), CONSTRAINT "PK_9ffa91d4a4c285cd2db92ae6e3f" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_risk_acceptances_finding" ON "risk_acceptances"  ("tenant_id", "finding_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_risk_acceptances_expiry" ON "risk_acceptances"  ("tenant_id", "expires_on") WHERE "ended_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "remediation_items" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "title" character varying(300) NOT NULL, "description" character varying(4000), "question_id" character varying(64), "owner_user_id" uuid NOT NULL, "due_on" date NOT NULL, "milestones" jsonb NOT NULL DEFAULT '[]', "state" character varying(16) NOT NULL DEFAULT 'planned', "resolved_answer" jsonb, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "overdue_reminded_for" date, CONSTRAINT "ck_remediation_items_state" CHECK ("state" IN ('planned', 'in_progress', 'resolved')), CONSTRAINT "PK_4bebe7db3e65cdd18379ba4ade0" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_remediation_items_state" ON "remediation_items"  ("tenant_id", "state", "due_on") `,
    );
    await queryRunner.query(
      `ALTER TABLE "findings" ADD "status_changed_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(`ALTER TABLE "findings" ADD "plan_owner" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "findings" ADD "plan_due_on" date`);
    await queryRunner.query(`ALTER TABLE "findings" ADD "milestones" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "findings" ADD "remediation_item_id" uuid`);
    await queryRunner.query(`ALTER TABLE "findings" ADD "resolved_answer" jsonb`);
    await queryRunner.query(`ALTER TABLE "findings" ADD "overdue_reminded_for" date`);
    await queryRunner.query(
      `CREATE INDEX "ix_findings_remediation_item" ON "findings"  ("remediation_item_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "findings" ADD CONSTRAINT "ck_findings_status" CHECK ("status" IN ('open', 'planned', 'in_progress', 'resolved', 'verified', 'accepted', 'reopened'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding_links" ADD CONSTRAINT "fk_finding_links_finding" FOREIGN KEY ("tenant_id", "finding_id") REFERENCES "findings"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding_updates" ADD CONSTRAINT "fk_finding_updates_finding" FOREIGN KEY ("tenant_id", "finding_id") REFERENCES "findings"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "risk_acceptances" ADD CONSTRAINT "fk_risk_acceptances_finding" FOREIGN KEY ("tenant_id", "finding_id") REFERENCES "findings"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE TABLE "remediation_evidence" ("tenant_id" uuid NOT NULL, "id" uuid NOT NULL, "item_id" uuid NOT NULL, "sha256" character(64) NOT NULL, "size_bytes" integer NOT NULL, "media_type" character varying(120) NOT NULL, "file_name" character varying(200) NOT NULL, "uploaded_by" uuid, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_6863b633ce6d6fb76c4a2ad2b07" PRIMARY KEY ("tenant_id", "id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "remediation_evidence" ADD CONSTRAINT "fk_remediation_evidence_item" FOREIGN KEY ("tenant_id", "item_id") REFERENCES "remediation_items"("tenant_id","id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    for (const [table, privileges] of TENANT_TABLES) {
      await isolateTenantTable(queryRunner, table, privileges);
      await readTenantOnce(queryRunner, table);
    }
    await this.admitLinkedMsp(queryRunner);
  }

  private async admitLinkedMsp(queryRunner: QueryRunner): Promise<void> {
    const mine = `msp_tenant_id = (SELECT app_current_tenant())`;
    await queryRunner.query(
      `CREATE POLICY "finding_links_msp_select" ON "finding_links" FOR SELECT USING (${mine})`,
    );
    // Invoker's rights: the lookup itself runs under the link table's policies.
    await queryRunner.query(
      `CREATE FUNCTION app_is_linked_msp(tenant uuid, finding uuid) RETURNS boolean
         LANGUAGE sql STABLE
         AS $$ SELECT EXISTS (SELECT 1 FROM finding_links
                 WHERE tenant_id = tenant AND finding_id = finding
                   AND msp_tenant_id = app_current_tenant()) $$`,
    );
    const linked = (column: string) => `app_is_linked_msp(tenant_id, ${column})`;
    await queryRunner.query(
      `CREATE POLICY "findings_msp_select" ON "findings" FOR SELECT USING (${linked('id')})`,
    );
    await queryRunner.query(
      `CREATE POLICY "findings_msp_update" ON "findings" FOR UPDATE
         USING (${linked('id')}) WITH CHECK (${linked('id')})`,
    );
    await queryRunner.query(
      `CREATE POLICY "finding_updates_msp_select" ON "finding_updates" FOR SELECT
         USING (${linked('finding_id')})`,
    );
    await queryRunner.query(
      `CREATE POLICY "finding_updates_msp_insert" ON "finding_updates" FOR INSERT
         WITH CHECK (side = 'msp' AND ${linked('finding_id')})`,
    );
    const columns = MSP_FINDING_COLUMNS.map((c) => `'${c}'`).join(', ');
    await queryRunner.query(
      `CREATE FUNCTION app_guard_msp_finding_update() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF app_current_tenant() IS NULL OR NEW.tenant_id = app_current_tenant() THEN
           RETURN NEW;
         END IF;
         IF (to_jsonb(NEW) - ARRAY[${columns}]) IS DISTINCT FROM (to_jsonb(OLD) - ARRAY[${columns}]) THEN
           RAISE EXCEPTION 'the MSP may not change this part of a finding' USING ERRCODE = '42501';
         END IF;
         -- Verifying, accepting and reopening are the customer's judgement.
         IF NEW.status <> OLD.status AND NOT (
              OLD.status IN ('open', 'reopened', 'planned', 'in_progress')
              AND NEW.status IN ('planned', 'in_progress', 'resolved')) THEN
           RAISE EXCEPTION 'the MSP may not move a finding from % to %', OLD.status, NEW.status
             USING ERRCODE = '42501';
         END IF;
         RETURN NEW;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "findings_msp_columns" BEFORE UPDATE ON "findings"
         FOR EACH ROW EXECUTE FUNCTION app_guard_msp_finding_update()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "findings_msp_columns" ON "findings"`);
    await queryRunner.query(`DROP FUNCTION app_guard_msp_finding_update()`);
    await queryRunner.query(`DROP POLICY "finding_updates_msp_insert" ON "finding_updates"`);
    await queryRunner.query(`DROP POLICY "finding_updates_msp_select" ON "finding_updates"`);
    await queryRunner.query(`DROP POLICY "findings_msp_update" ON "findings"`);
    await queryRunner.query(`DROP POLICY "findings_msp_select" ON "findings"`);
    await queryRunner.query(`DROP FUNCTION app_is_linked_msp(uuid, uuid)`);
    await queryRunner.query(`DROP POLICY "finding_links_msp_select" ON "finding_links"`);
    for (const [table] of TENANT_TABLES) await releaseTenantTable(queryRunner, table);
    await queryRunner.query(
      `ALTER TABLE "remediation_evidence" DROP CONSTRAINT "fk_remediation_evidence_item"`,
    );
    await queryRunner.query(`DROP TABLE "remediation_evidence"`);
    await queryRunner.query(
      `ALTER TABLE "risk_acceptances" DROP CONSTRAINT "fk_risk_acceptances_finding"`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding_updates" DROP CONSTRAINT "fk_finding_updates_finding"`,
    );
    await queryRunner.query(
      `ALTER TABLE "finding_links" DROP CONSTRAINT "fk_finding_links_finding"`,
    );
    await queryRunner.query(`ALTER TABLE "findings" DROP CONSTRAINT "ck_findings_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_findings_remediation_item"`);
    await queryRunner.query(`ALTER TABLE "findings" DROP COLUMN "overdue_reminded_for"`);
    await queryRunner.query(`ALTER TABLE "findings" DROP COLUMN "resolved_answer"`);
    await queryRunner.query(`ALTER TABLE "findings" DROP COLUMN "remediation_item_id"`);
    await queryRunner.query(`ALTER TABLE "findings" DROP COLUMN "milestones"`);
    await queryRunner.query(`ALTER TABLE "findings" DROP COLUMN "plan_due_on"`);
    await queryRunner.query(`ALTER TABLE "findings" DROP COLUMN "plan_owner"`);
    await queryRunner.query(`ALTER TABLE "findings" DROP COLUMN "status_changed_at"`);
    await queryRunner.query(`DROP INDEX "public"."ix_remediation_items_state"`);
    await queryRunner.query(`DROP TABLE "remediation_items"`);
    await queryRunner.query(`DROP INDEX "public"."ix_risk_acceptances_expiry"`);
    await queryRunner.query(`DROP INDEX "public"."ix_risk_acceptances_finding"`);
    await queryRunner.query(`DROP TABLE "risk_acceptances"`);
    await queryRunner.query(`DROP INDEX "public"."ix_finding_updates_finding"`);
    await queryRunner.query(`DROP TABLE "finding_updates"`);
    await queryRunner.query(`DROP INDEX "public"."ix_finding_links_msp"`);
    await queryRunner.query(`DROP TABLE "finding_links"`);
  }
}
