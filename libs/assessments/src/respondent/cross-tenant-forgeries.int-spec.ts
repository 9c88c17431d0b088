import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TenantDatabase } from '@app/database';
import {
  AssessmentFixtures,
  createIntegrationContext,
  createTestTenant,
  type IntegrationContext,
  type TestTenant,
  testConfig,
} from '@app/testing';
import { VendorsModule } from '@app/vendors';
import { AssessmentsModule } from '../assessments.module.js';
import { AssessmentsService } from '../customer/assessments.service.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import { FindingsService } from '../findings/findings.service.js';
import { RemediationItemsService } from '../remediation/remediation-items.service.js';

/** Two different one-pixel PNGs: each organization's own file. */
const PNG_A = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a3a4f55a0000000049454e44ae426082',
  'hex',
);
const PNG_B = Buffer.concat([PNG_A, Buffer.from('trailing bytes make another file')]);

/**
 * The cross-tenant path attacked in SQL, as an injection would: each statement runs in a real
 * tenant transaction (the app role, the attacker's tenant and user in the session) and must be
 * refused, or stamped with the writer's real identity, by the database itself.
 */
describe('forgeries along the cross-tenant path', () => {
  let ctx: IntegrationContext;
  let db: TenantDatabase;
  let customer: TestTenant;
  let msp: TestTenant;
  let fixtures: AssessmentFixtures;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cascade-forgeries-'));
    ctx = await createIntegrationContext([VendorsModule, AssessmentsModule], {
      config: testConfig({ CASCADE_DATA_DIR: dataDir }),
    });
    db = ctx.get(TenantDatabase);
    customer = await createTestTenant(ctx.app, 'Forged Customer');
    msp = await createTestTenant(ctx.app, 'Forging MSP', { answersAssessments: true });
    fixtures = new AssessmentFixtures(ctx.app, customer, msp);
  }, 120_000);

  afterAll(() => ctx.close());

  const sql = (who: TestTenant, statement: string, params: unknown[] = []) =>
    who.as(() => db.transaction((m) => m.query<Record<string, unknown>[]>(statement, params)));
  /** What is really stored, read past row-level security. */
  const stored = (statement: string, params: unknown[] = []) =>
    ctx.dataSource.query<Record<string, unknown>[]>(statement, params);

  describe('assessment events', () => {
    it('refuses the MSP a customer move recorded as the vendor (in_review → completed)', async () => {
      const id = await fixtures.submitted();
      const forge = sql(
        msp,
        `INSERT INTO assessment_events (tenant_id, id, assessment_id, respondent_tenant_id,
           from_state, to_state, actor_side, occurred_at)
         VALUES ($1, gen_random_uuid(), $2, $3, 'in_review', 'completed', 'vendor', now())`,
        [customer.tenant.id, id, msp.tenant.id],
      );
      await expect(forge).rejects.toThrow(/vendor may not record a move from in_review/);
    });

    it('sets the actor of a vendor event from the session, not the statement', async () => {
      const id = await fixtures.submitted();
      await sql(
        msp,
        `INSERT INTO assessment_events (tenant_id, id, assessment_id, respondent_tenant_id,
           from_state, to_state, actor_side, actor_user_id, comment, occurred_at)
         VALUES ($1, gen_random_uuid(), $2, $3, 'in_progress', 'submitted', 'vendor', $4,
           'signed by the customer', now())`,
        [customer.tenant.id, id, msp.tenant.id, customer.userId],
      );
      const rows = await stored(
        `SELECT actor_user_id FROM assessment_events WHERE assessment_id = $1 AND comment = $2`,
        [id, 'signed by the customer'],
      );
      expect(rows).toEqual([{ actor_user_id: msp.userId }]);
    });

    it('refuses the customer an event recorded as the vendor', async () => {
      const id = await fixtures.submitted();
      const forge = sql(
        customer,
        `INSERT INTO assessment_events (tenant_id, id, assessment_id, from_state, to_state,
           actor_side, occurred_at)
         VALUES ($1, gen_random_uuid(), $2, 'in_progress', 'submitted', 'vendor', now())`,
        [customer.tenant.id, id],
      );
      await expect(forge).rejects.toThrow(/only the vendor records the vendor's moves/);
    });

    it("keeps each side's event comments: the customer cannot rewrite the vendor's, nor the MSP the customer's", async () => {
      const { id } = await fixtures.inReview('accepted');
      await customer.as(() => ctx.get(AssessmentsService).cancel(id, 'cancelled by the customer'));
      const rewrite = (who: TestTenant, side: string) =>
        sql(
          who,
          `UPDATE assessment_events SET comment = 'rewritten'
            WHERE assessment_id = $1 AND actor_side = $2`,
          [id, side],
        );
      await expect(rewrite(customer, 'vendor')).rejects.toThrow(/assessment_events is history/);
      await expect(rewrite(customer, 'customer')).rejects.toThrow(/assessment_events is history/);
      await rewrite(msp, 'customer'); // no policy lets the MSP update events: nothing matches
      const comments = await stored(
        `SELECT actor_side, comment FROM assessment_events WHERE assessment_id = $1 AND comment = 'rewritten'`,
        [id],
      );
      expect(comments).toEqual([]);
      const cancelled = await stored(
        `SELECT count(*)::int AS n FROM assessment_events WHERE assessment_id = $1 AND comment = $2`,
        [id, 'cancelled by the customer'],
      );
      expect(cancelled).toEqual([{ n: 1 }]);
    });

    it('names the real author of a comment, whatever the statement claims', async () => {
      const id = await fixtures.sent();
      const questionId = (await customer.as(() => ctx.get(AssessmentsService).get(id)))
        .questionIds[0];
      await sql(
        msp,
        `INSERT INTO assessment_comments (tenant_id, id, assessment_id, question_id,
           respondent_tenant_id, author_side, author_user_id, author_name, body, created_at)
         VALUES ($1, gen_random_uuid(), $2, $3, $4, 'vendor', $5, 'Customer Security Team',
           'forged', now())`,
        [customer.tenant.id, id, questionId, msp.tenant.id, customer.userId],
      );
      const rows = await stored(
        `SELECT author_user_id, author_name FROM assessment_comments WHERE assessment_id = $1`,
        [id],
      );
      expect(rows).toEqual([
        { author_user_id: msp.userId, author_name: `Owner of ${msp.tenant.name}` },
      ]);
    });
  });

  describe('finding updates', () => {
    let findingId: string;

    beforeAll(async () => {
      const completed = await fixtures.completedFailing();
      const page = await customer.as(() => ctx.get(FindingsService).list(100, undefined, {}));
      const finding = page.findings.find((f) => f.assessmentId === completed.id);
      if (!finding) throw new Error('the failing answer raised no finding');
      findingId = finding.id;
    }, 60_000);

    it("stamps the MSP's update with the MSP's person, not a customer team name", async () => {
      await sql(
        msp,
        `INSERT INTO finding_updates (tenant_id, id, finding_id, side, author_user_id,
           author_name, kind, text, created_at)
         VALUES ($1, gen_random_uuid(), $2, 'msp', $3, 'Customer Security Team', 'progress',
           'all fixed, trust us', now())`,
        [customer.tenant.id, findingId, customer.userId],
      );
      const rows = await stored(
        `SELECT side, author_user_id, author_name FROM finding_updates
          WHERE finding_id = $1 AND text = 'all fixed, trust us'`,
        [findingId],
      );
      expect(rows).toEqual([
        { side: 'msp', author_user_id: msp.userId, author_name: `Owner of ${msp.tenant.name}` },
      ]);
    });

    it("refuses the MSP the customer's judgements (verified) and the customer the MSP's side", async () => {
      const verify = sql(
        msp,
        `INSERT INTO finding_updates (tenant_id, id, finding_id, side, kind, from_status,
           to_status, created_at)
         VALUES ($1, gen_random_uuid(), $2, 'msp', 'verified', 'resolved', 'verified', now())`,
        [customer.tenant.id, findingId],
      );
      await expect(verify).rejects.toThrow(/MSP may not record a verified update/);
      const pose = sql(
        customer,
        `INSERT INTO finding_updates (tenant_id, id, finding_id, side, kind, created_at)
         VALUES ($1, gen_random_uuid(), $2, 'msp', 'progress', now())`,
        [customer.tenant.id, findingId],
      );
      await expect(pose).rejects.toThrow(/only the MSP writes as the MSP/);
    });
  });

  describe('the vendor link', () => {
    it('refuses the customer a link to any organization but by an accepted invitation', async () => {
      const linkedVendor = await fixtures.vendor();
      await fixtures.sent();
      // A second vendor, invited but not yet linked.
      const pending = new AssessmentFixtures(ctx.app, customer, msp);
      const draft = await pending.draft();
      await customer.as(() => ctx.get(AssessmentsService).send(draft, ['someone@example.test']));
      const unlinkedVendor = await pending.vendor();
      const rogue = (await createTestTenant(ctx.app, 'Rogue MSP', { answersAssessments: true }))
        .tenant.id;
      const link = (vendorId: string, tenantId: string) =>
        sql(customer, `UPDATE vendors SET linked_tenant_id = $2, linked_at = now() WHERE id = $1`, [
          vendorId,
          tenantId,
        ]);
      await expect(link(linkedVendor, rogue)).rejects.toThrow(/linked by accepting its invitation/);
      await expect(link(unlinkedVendor, rogue)).rejects.toThrow(
        /linked by accepting its invitation/,
      );
      // Forging the acceptance first does not help: only a member of the MSP accepts for it.
      const accept = sql(
        customer,
        `UPDATE assessment_invitations
            SET accepted_at = now(), accepted_by = $2, accepted_tenant_id = $3
          WHERE assessment_id = $1`,
        [draft, customer.userId, rogue],
      );
      await expect(accept).rejects.toThrow(/accepted once, by a member/);
      // Nor does writing an invitation as accepted in the first place.
      const acceptedOnArrival = sql(
        customer,
        `INSERT INTO assessment_invitations (tenant_id, id, assessment_id, email, email_key,
           token_hash, created_at, expires_at, accepted_at, accepted_by, accepted_tenant_id)
         VALUES ($1, gen_random_uuid(), $2, 'x@example.test', 'x@example.test', repeat('0', 64),
           now(), now() + interval '1 day', now(), $3, $4)`,
        [customer.tenant.id, draft, customer.userId, rogue],
      );
      await expect(acceptedOnArrival).rejects.toThrow(/accepted once, by a member/);
      const aim = sql(customer, `UPDATE assessments SET respondent_tenant_id = $2 WHERE id = $1`, [
        draft,
        rogue,
      ]);
      await expect(aim).rejects.toThrow(/goes to the organization its vendor is linked to/);
      const vendors = await stored(
        `SELECT id, linked_tenant_id FROM vendors WHERE id = ANY($1) ORDER BY linked_tenant_id`,
        [[linkedVendor, unlinkedVendor]],
      );
      expect(vendors).toEqual([
        { id: linkedVendor, linked_tenant_id: msp.tenant.id },
        { id: unlinkedVendor, linked_tenant_id: null },
      ]);
    });
  });

  describe('rows that name stored files', () => {
    let othersHash: string;
    let assessmentId: string;
    let questionId: string;

    beforeAll(async () => {
      // Another customer's MSP stores a file; its hash is all the attacker knows.
      const otherCustomer = await createTestTenant(ctx.app, 'Other Customer');
      const otherMsp = await createTestTenant(ctx.app, 'Other MSP', { answersAssessments: true });
      const other = new AssessmentFixtures(ctx.app, otherCustomer, otherMsp);
      const otherId = await other.sent();
      const otherQuestion = (await otherCustomer.as(() => ctx.get(AssessmentsService).get(otherId)))
        .questionIds[0];
      othersHash = (
        await otherMsp.as(() =>
          ctx.get(EvidenceService).upload(otherId, otherQuestion, 'secret.png', PNG_B),
        )
      ).sha256;
      assessmentId = await new AssessmentFixtures(ctx.app, customer, msp).sent();
      questionId = (await customer.as(() => ctx.get(AssessmentsService).get(assessmentId)))
        .questionIds[0];
    }, 60_000);

    const attachEvidence = (sha256: string) =>
      sql(
        msp,
        `INSERT INTO evidence_files (tenant_id, id, assessment_id, question_id,
           respondent_tenant_id, sha256, size_bytes, media_type, file_name, uploaded_at)
         VALUES ($1, gen_random_uuid(), $2, $3, $4, $5, 10, 'image/png', 'theirs.png', now())`,
        [customer.tenant.id, assessmentId, questionId, msp.tenant.id, sha256],
      );

    it("refuses an evidence row naming another organization's file", async () => {
      await expect(attachEvidence(othersHash)).rejects.toThrow(/has not uploaded the file/);
    });

    it('accepts the same hash once this organization has uploaded the bytes itself', async () => {
      const own = await msp.as(() =>
        ctx.get(EvidenceService).upload(assessmentId, questionId, 'mine.png', PNG_B),
      );
      expect(own.sha256).toBe(othersHash);
      await attachEvidence(othersHash);
      const rows = await stored(
        `SELECT count(*)::int AS n FROM evidence_files WHERE assessment_id = $1 AND sha256 = $2`,
        [assessmentId, othersHash],
      );
      expect(rows).toEqual([{ n: 2 }]);
      const proofs = await stored(
        `SELECT tenant_id FROM stored_blobs WHERE sha256 = $1 ORDER BY tenant_id`,
        [othersHash],
      );
      expect(proofs.map((p) => p.tenant_id)).toContain(msp.tenant.id);
      expect(proofs).toHaveLength(2);
    });

    it("refuses remediation files and library answers naming another organization's file", async () => {
      const fresh = await createTestTenant(ctx.app, 'Fresh MSP', { answersAssessments: true });
      const freshCustomer = await createTestTenant(ctx.app, 'Fresh Customer');
      const completed = await new AssessmentFixtures(
        ctx.app,
        freshCustomer,
        fresh,
      ).completedFailing();
      const page = await freshCustomer.as(() => ctx.get(FindingsService).list(100, undefined, {}));
      const finding = page.findings.find(
        (f) => f.assessmentId === completed.id && f.questionId === completed.questionId,
      );
      if (!finding) throw new Error('the failing answer raised no finding');
      const item = await fresh.as(() =>
        ctx.get(RemediationItemsService).create({
          title: 'Patch it',
          questionId: finding.questionId,
          ownerUserId: fresh.userId,
          dueOn: '2099-01-01',
          milestones: [],
          findingIds: [finding.id],
        }),
      );
      const remediationFile = sql(
        fresh,
        `INSERT INTO remediation_evidence (tenant_id, id, item_id, sha256, size_bytes, media_type,
           file_name, uploaded_at)
         VALUES ($1, gen_random_uuid(), $2, $3, 10, 'image/png', 'theirs.png', now())`,
        [fresh.tenant.id, item.id, othersHash],
      );
      await expect(remediationFile).rejects.toThrow(/has not uploaded the file/);
      const evidence = JSON.stringify([
        { sha256: othersHash, fileName: 'theirs.png', mediaType: 'image/png', sizeBytes: 10 },
      ]);
      const libraryAnswer = sql(
        fresh,
        `INSERT INTO library_answers (tenant_id, question_id, question_text, answer_type, controls,
           value, evidence, confirmed_at, fresh_until)
         VALUES ($1, 'q-forged', 'Forged?', 'yes_no', '{}', '"yes"', $2::jsonb, now(),
           now() + interval '1 year')`,
        [fresh.tenant.id, evidence],
      );
      await expect(libraryAnswer).rejects.toThrow(/has not uploaded the file/);
      const update = sql(
        fresh,
        `INSERT INTO finding_updates (tenant_id, id, finding_id, side, kind, evidence, created_at)
         VALUES ($1, gen_random_uuid(), $2, 'msp', 'progress', $3::jsonb, now())`,
        [
          freshCustomer.tenant.id,
          finding.id,
          JSON.stringify([
            { id: item.id, sha256: othersHash, filename: 'x.png', mediaType: 'image/png', size: 1 },
          ]),
        ],
      );
      await expect(update).rejects.toThrow(/has not uploaded the file/);
    });
  });
});
