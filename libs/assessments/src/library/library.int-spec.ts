import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { AuditEventEntity } from '@app/audit';
import type { Question } from '@app/catalog';
import { ManualClock } from '@app/common';
import { TenantDatabase } from '@app/database';
import {
  ADVISORY,
  AssessmentFixtures,
  createIntegrationContext,
  createTestTenant,
  type IntegrationContext,
  sampleAnswer,
  type TestTenant,
} from '@app/testing';
import { VendorsModule } from '@app/vendors';
import { AssessmentsModule } from '../assessments.module.js';
import { AssessmentsService } from '../customer/assessments.service.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import { AnsweringService } from '../respondent/answering.service.js';
import { InboxService } from '../respondent/inbox.service.js';
import { LibraryGrantNoticeJob } from './library-grant-notice.job.js';
import { grantStatus, LibraryGrantsService } from './library-grants.service.js';
import { LibraryPrefillService } from './library-prefill.service.js';
import { controlKeys, LibraryService } from './library.service.js';

const DAY = 24 * 3600 * 1000;

describe('answer library', () => {
  let ctx: IntegrationContext;
  let clock: ManualClock;
  let library: LibraryService;
  let grants: LibraryGrantsService;
  let prefill: LibraryPrefillService;
  let db: TenantDatabase;

  beforeAll(async () => {
    clock = new ManualClock(new Date());
    ctx = await createIntegrationContext([VendorsModule, AssessmentsModule], { clock });
    library = ctx.get(LibraryService);
    grants = ctx.get(LibraryGrantsService);
    prefill = ctx.get(LibraryPrefillService);
    db = ctx.get(TenantDatabase);
  });

  afterAll(() => ctx.close());

  /** A customer and its MSP of their own, and the clock back at the real time. */
  async function pair(label: string) {
    clock.set(new Date());
    const customer = await createTestTenant(ctx.app, `${label} Customer`);
    const msp = await createTestTenant(ctx.app, `${label} MSP`, { answersAssessments: true });
    return { customer, msp, fixtures: new AssessmentFixtures(ctx.app, customer, msp) };
  }

  /** The questions an assessment asks, in order, as the MSP sees them. */
  async function questionsOf(msp: TestTenant, id: string): Promise<Question[]> {
    const content = await msp.as(() => ctx.get(InboxService).content(id));
    const asked = new Set(content.assessment.questionIds);
    return content.template.families.flatMap((f) => f.questions).filter((q) => asked.has(q.id));
  }

  const answerable = (q: Question) =>
    q.answer.type !== 'evidence' && !q.visibleWhen && controlKeys(q.controls).length > 0;

  function days(n: number): Date {
    return new Date(clock.now().getTime() + n * DAY);
  }

  async function uses(msp: TestTenant) {
    return msp
      .as(() =>
        db.transaction((m) =>
          m.query<
            {
              question_id: string;
              library_question_id: string;
              matched_by: string;
              reconfirmed: boolean;
              grant_id: string;
            }[]
          >(
            `SELECT question_id, library_question_id, matched_by, reconfirmed, grant_id
             FROM library_uses`,
          ),
        ),
      )
      .then((rows) => rows.sort((x, y) => (x.question_id < y.question_id ? -1 : 1)));
  }

  async function auditActions(tenant: TestTenant): Promise<string[]> {
    const rows = await tenant.as(() =>
      db.transaction((m) =>
        m.find(AuditEventEntity, { where: { tenantId: tenant.tenant.id }, order: { seq: 'ASC' } }),
      ),
    );
    return rows.map((r) => r.action);
  }

  it('offers nothing without a grant, and refuses to apply', async () => {
    const { msp, fixtures } = await pair('No Grant');
    const id = await fixtures.sent();
    const [q] = (await questionsOf(msp, id)).filter(answerable);
    await msp.as(() => library.saveFromTemplate(ADVISORY, q.id, sampleAnswer(q), null));
    expect(await msp.as(() => prefill.suggestions(id))).toEqual({
      available: false,
      reason: 'no_grant',
      grantExpiresAt: null,
      suggestions: [],
    });
    await expect(
      msp.as(() => prefill.apply(id, [{ questionId: q.id, reconfirm: false }])),
    ).rejects.toMatchObject({ code: 'LIBRARY_NOT_SHARED' });
    const content = await msp.as(() => ctx.get(InboxService).content(id));
    expect(content.answers.get(q.id)).toBeUndefined();
    expect(await uses(msp)).toEqual([]);
  });

  it('keeps only answers that fit their question, and only answered ones from an assessment', async () => {
    const { msp, fixtures } = await pair('Checked');
    const id = await fixtures.sent();
    const [q] = (await questionsOf(msp, id)).filter(
      (question) => answerable(question) && question.answer.type === 'yes_no',
    );
    await expect(
      msp.as(() =>
        library.saveFromTemplate(ADVISORY, q.id, { value: 'maybe', notApplicable: false }, null),
      ),
    ).rejects.toMatchObject({ code: 'ANSWER_INVALID' });
    await expect(
      msp.as(() => library.saveFromTemplate(ADVISORY, 'NO-SUCH-Q', sampleAnswer(q), null)),
    ).rejects.toMatchObject({ code: 'QUESTION_NOT_IN_TEMPLATE' });
    await expect(
      msp.as(() =>
        library.saveFromTemplate(ADVISORY, q.id, sampleAnswer(q), null, { freshnessDays: 0 }),
      ),
    ).rejects.toMatchObject({ code: 'LIBRARY_FRESHNESS_INVALID' });
    await expect(msp.as(() => library.saveFromAssessment(id, q.id, null))).rejects.toMatchObject({
      code: 'LIBRARY_SOURCE_UNANSWERED',
    });
    expect((await msp.as(() => library.list(10, undefined))).answers).toEqual([]);
    await msp.as(() =>
      ctx
        .get(AnsweringService)
        .save(id, { questionId: q.id, expectedVersion: 0, ...sampleAnswer(q) }),
    );
    const kept = await msp.as(() => library.saveFromAssessment(id, q.id, 'From the last one.'));
    expect(kept).toMatchObject({
      questionId: q.id,
      value: 'yes',
      notApplicable: false,
      note: 'From the last one.',
      version: 1,
      confirmedBy: msp.userId,
    });
    expect(kept.controls).toEqual(q.controls);
    const again = await msp.as(() =>
      library.saveFromTemplate(ADVISORY, q.id, { value: 'partial', notApplicable: false }, null),
    );
    expect(again).toMatchObject({ value: 'partial', version: 2 });
    expect(await auditActions(msp)).toContain('library.answer_saved_from_assessment');
  });

  it('prefills by question id and by mapped controls under a grant, logging and auditing each use', async () => {
    const { customer, msp, fixtures } = await pair('Granted');
    const id = await fixtures.sent();
    const [byId, byControls] = (await questionsOf(msp, id)).filter(answerable);
    await msp.as(() => library.saveFromTemplate(ADVISORY, byId.id, sampleAnswer(byId), 'Policy.'));
    // The MSP's own question, worded its own way, mapped to the same controls.
    const own: Question = { ...byControls, id: 'OWN-CTRL-01', text: 'Our own wording.' };
    await msp.as(() => library.recordAnswer(undefined, own, sampleAnswer(byControls), [], null));
    const grant = await msp.as(() => grants.grant(id, days(30)));
    expect(grant).toMatchObject({ customerTenantId: customer.tenant.id, assessmentId: id });

    const offered = await msp.as(() => prefill.suggestions(id));
    expect(offered).toMatchObject({ available: true, reason: null });
    const find = (questionId: string) =>
      offered.suggestions.find((s) => s.questionId === questionId);
    expect(find(byId.id)).toMatchObject({
      libraryQuestionId: byId.id,
      matchedBy: 'question',
      stale: false,
      value: sampleAnswer(byId).value,
    });
    expect(find(byControls.id)).toMatchObject({
      libraryQuestionId: 'OWN-CTRL-01',
      matchedBy: 'controls',
      stale: false,
    });

    const saved = await msp.as(() =>
      prefill.apply(id, [
        { questionId: byId.id, reconfirm: false },
        { questionId: byControls.id, reconfirm: false },
      ]),
    );
    expect(saved.map((a) => [a.questionId, a.version, a.value])).toEqual([
      [byId.id, 1, sampleAnswer(byId).value],
      [byControls.id, 1, sampleAnswer(byControls).value],
    ]);
    // The customer sees them as any other answers, given by the respondent.
    const theirs = await customer.as(() => ctx.get(AssessmentsService).content(id));
    expect(theirs.answers.get(byId.id)).toMatchObject({
      answeredBy: msp.userId,
      value: sampleAnswer(byId).value,
      reviewStatus: 'pending',
    });
    expect(await uses(msp)).toEqual(
      [
        {
          question_id: byId.id,
          library_question_id: byId.id,
          matched_by: 'question',
          reconfirmed: false,
          grant_id: grant.id,
        },
        {
          question_id: byControls.id,
          library_question_id: 'OWN-CTRL-01',
          matched_by: 'controls',
          reconfirmed: false,
          grant_id: grant.id,
        },
      ].sort((x, y) => (x.question_id < y.question_id ? -1 : 1)),
    );
    // The grant's log reads the same uses back, a page at a time.
    const firstPage = await msp.as(() => grants.uses(grant.id, 1, undefined));
    expect(firstPage.hasNextPage).toBe(true);
    const secondPage = await msp.as(() => grants.uses(grant.id, 1, firstPage.uses[0]?.id));
    expect(secondPage.hasNextPage).toBe(false);
    expect([...firstPage.uses, ...secondPage.uses].map((u) => u.questionId).sort()).toEqual(
      [byId.id, byControls.id].sort(),
    );
    await expect(customer.as(() => grants.uses(grant.id, 10, undefined))).rejects.toMatchObject({
      code: 'LIBRARY_GRANT_NOT_FOUND',
    });
    const actions = await auditActions(msp);
    expect(actions).toEqual(
      expect.arrayContaining([
        'library.answer_recorded',
        'library.access_granted',
        'assessment.answers_saved',
        'library.prefill_applied',
      ]),
    );
    // Answered questions are no longer offered, and applying one again is refused.
    const after = await msp.as(() => prefill.suggestions(id));
    expect(after.suggestions.map((s) => s.questionId)).not.toContain(byId.id);
    await expect(
      msp.as(() => prefill.apply(id, [{ questionId: byId.id, reconfirm: false }])),
    ).rejects.toMatchObject({ code: 'LIBRARY_SUGGESTION_UNAVAILABLE' });
  });

  it('keeps evidence with a library answer and attaches the same file when prefilling', async () => {
    const { customer, msp, fixtures } = await pair('Evidence');
    const first = await fixtures.sent();
    const [q] = (await questionsOf(msp, first)).filter(answerable);
    await msp.as(() =>
      ctx
        .get(AnsweringService)
        .save(first, { questionId: q.id, expectedVersion: 0, ...sampleAnswer(q) }),
    );
    const upload = await msp.as(() =>
      ctx.get(EvidenceService).upload(first, q.id, 'mfa-policy.txt', Buffer.from('MFA for all.\n')),
    );
    const entry = await msp.as(() => library.saveFromAssessment(first, q.id, null));
    expect(entry.evidence).toEqual([
      {
        sha256: upload.sha256,
        fileName: 'mfa-policy.txt',
        mediaType: upload.mediaType,
        sizeBytes: upload.sizeBytes,
      },
    ]);
    const second = await fixtures.sent();
    await msp.as(() => grants.grant(second, days(10)));
    await msp.as(() => prefill.apply(second, [{ questionId: q.id, reconfirm: false }]));
    const content = await customer.as(() =>
      db.transaction((m) =>
        m.query<{ id: string; sha256: string }[]>(
          `SELECT id, sha256 FROM evidence_files WHERE assessment_id = $1 AND question_id = $2`,
          [second, q.id],
        ),
      ),
    );
    expect(content.map((f) => f.sha256)).toEqual([upload.sha256]);
    const download = await customer.as(() =>
      ctx.get(EvidenceService).download('customer', content[0].id),
    );
    expect(download.content.toString()).toBe('MFA for all.\n');
    expect((await uses(msp))[0]).toMatchObject({ question_id: q.id });
  });

  it('stops prefilling when the grant is revoked, even for a write prepared before', async () => {
    const { customer, msp, fixtures } = await pair('Revoked');
    const id = await fixtures.sent();
    const [q] = (await questionsOf(msp, id)).filter(answerable);
    await msp.as(() => library.saveFromTemplate(ADVISORY, q.id, sampleAnswer(q), null));
    const grant = await msp.as(() => grants.grant(id, days(30)));
    const offered = await msp.as(() => prefill.suggestions(id));
    expect(offered.suggestions.map((s) => s.questionId)).toContain(q.id);

    // A revocation commits while the respondent's apply is waiting to write.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let revoked!: () => void;
    const revokedInside = new Promise<void>((resolve) => (revoked = resolve));
    const revoking = msp.as(() =>
      db.transaction(async () => {
        await grants.revoke(grant.id);
        revoked();
        await held;
      }),
    );
    await revokedInside;
    const applying = msp.as(() => prefill.apply(id, [{ questionId: q.id, reconfirm: false }]));
    release();
    await revoking;
    await expect(applying).rejects.toMatchObject({ code: 'LIBRARY_NOT_SHARED' });

    expect(await msp.as(() => prefill.suggestions(id))).toMatchObject({
      available: false,
      reason: 'no_grant',
      suggestions: [],
    });
    const content = await msp.as(() => ctx.get(InboxService).content(id));
    expect(content.answers.get(q.id)).toBeUndefined();
    expect(await uses(msp)).toEqual([]);
    const listed = await msp.as(() => grants.list());
    expect(listed.map((g) => [g.id, grantStatus(g, clock.now())])).toEqual([[grant.id, 'revoked']]);
    expect(await auditActions(msp)).toContain('library.access_revoked');
    // Revoking again changes nothing.
    const again = await msp.as(() => grants.revoke(grant.id));
    expect(again.revokedAt).toEqual(listed[0].revokedAt);
    // The customer is told, by a job in its own tenant.
    const jobs = await ctx.dataSource.query<{ event: string; tenant: string }[]>(
      `SELECT data->'data'->>'event' AS event, data->>'tenantId' AS tenant FROM pgboss.job
        WHERE name = 'assessments.notify-library-grant' AND data->'data'->>'assessmentId' = $1
        ORDER BY created_on`,
      [id],
    );
    expect(jobs).toEqual([
      { event: 'granted', tenant: customer.tenant.id },
      { event: 'revoked', tenant: customer.tenant.id },
    ]);
    await customer.as(() =>
      ctx.get(LibraryGrantNoticeJob).notify(id, 'revoked', grant.expiresAt.toISOString()),
    );
    const mail = await ctx.dataSource.query<{ recipient: string; subject: string }[]>(
      `SELECT recipient, subject FROM outbox_messages WHERE tenant_id = $1 AND kind = 'library_revoked'`,
      [customer.tenant.id],
    );
    expect(mail).toEqual([
      { recipient: customer.email, subject: expect.stringContaining('no longer prefills') },
    ]);
  });

  it('prefills a not-applicable claim only with the library note as its justification, never on a knockout or a hidden question', async () => {
    const { msp, fixtures } = await pair('Claims');
    const id = await fixtures.sent();
    const asked = await questionsOf(msp, id);
    const [noted, bare] = asked.filter(
      (q) => !q.knockout && !q.visibleWhen && q.answer.type === 'yes_no',
    );
    const knockout = asked.find((q) => q.knockout && !q.visibleWhen && q.answer.type === 'yes_no');
    const hidden = asked.find((q) => q.visibleWhen && q.answer.type === 'yes_no');
    if (!knockout || !hidden)
      throw new Error('the sample assessment lacks a knockout or a follow-up');
    const notApplicable = { value: null, notApplicable: true };
    await msp.as(async () => {
      await library.saveFromTemplate(ADVISORY, noted.id, notApplicable, 'We run no such systems.');
      await library.saveFromTemplate(ADVISORY, bare.id, notApplicable, null);
      await library.saveFromTemplate(
        ADVISORY,
        hidden.id,
        { value: 'yes', notApplicable: false },
        null,
      );
    });
    // The library itself keeps no N/A on a knockout.
    await expect(
      msp.as(() =>
        library.saveFromTemplate(ADVISORY, knockout.id, notApplicable, 'No such systems.'),
      ),
    ).rejects.toMatchObject({ code: 'ANSWER_INVALID', details: { questionId: knockout.id } });
    await msp.as(() => grants.grant(id, days(30)));
    const offered = (await msp.as(() => prefill.suggestions(id))).suggestions.map(
      (s) => s.questionId,
    );
    expect(offered).toContain(noted.id);
    expect(offered).not.toContain(bare.id);
    expect(offered).not.toContain(knockout.id);
    expect(offered).not.toContain(hidden.id);
    const [saved] = await msp.as(() =>
      prefill.apply(id, [{ questionId: noted.id, reconfirm: false }]),
    );
    expect(saved).toMatchObject({
      notApplicable: true,
      notApplicableReason: 'We run no such systems.',
      reviewStatus: 'pending',
    });
  });

  it('ends a grant at its expiry, by the clock, and keeps grants within bounds', async () => {
    const { msp, fixtures } = await pair('Expiring');
    const id = await fixtures.sent();
    const [q] = (await questionsOf(msp, id)).filter(answerable);
    await msp.as(() => library.saveFromTemplate(ADVISORY, q.id, sampleAnswer(q), null));
    await expect(msp.as(() => grants.grant(id, days(-1)))).rejects.toMatchObject({
      code: 'LIBRARY_GRANT_INVALID',
    });
    await expect(msp.as(() => grants.grant(id, days(731)))).rejects.toMatchObject({
      code: 'LIBRARY_GRANT_INVALID',
    });
    const first = await msp.as(() => grants.grant(id, days(5)));
    // Granting again supersedes the active grant.
    const grant = await msp.as(() => grants.grant(id, days(2)));
    const listed = await msp.as(() => grants.list());
    expect(Object.fromEntries(listed.map((g) => [g.id, grantStatus(g, clock.now())]))).toEqual({
      [first.id]: 'revoked',
      [grant.id]: 'active',
    });
    expect((await msp.as(() => prefill.suggestions(id))).available).toBe(true);
    clock.advanceDays(3);
    expect(await msp.as(() => prefill.suggestions(id))).toMatchObject({
      available: false,
      reason: 'no_grant',
    });
    await expect(
      msp.as(() => prefill.apply(id, [{ questionId: q.id, reconfirm: false }])),
    ).rejects.toMatchObject({ code: 'LIBRARY_NOT_SHARED' });
    const latest = (await msp.as(() => grants.list())).find((g) => g.id === grant.id);
    expect(latest && grantStatus(latest, clock.now())).toBe('expired');
  });

  it('flags stale answers and refuses them until re-confirmed', async () => {
    const { msp, fixtures } = await pair('Stale');
    const id = await fixtures.sent();
    const [q, r] = (await questionsOf(msp, id)).filter(answerable);
    await msp.as(() => library.saveFromTemplate(ADVISORY, q.id, sampleAnswer(q), null));
    await msp.as(() =>
      library.saveFromTemplate(ADVISORY, r.id, sampleAnswer(r), null, { freshnessDays: 30 }),
    );
    clock.advanceDays(60);
    const ids = async (stale?: boolean) =>
      (await msp.as(() => library.list(10, undefined, stale))).answers.map((a) => a.questionId);
    expect(await ids(true)).toEqual([r.id]);
    expect(await ids(false)).toEqual([q.id]);
    expect((await ids()).sort()).toEqual([q.id, r.id].sort());

    await msp.as(() => grants.grant(id, days(30)));
    const offered = await msp.as(() => prefill.suggestions(id));
    expect(offered.suggestions.find((s) => s.questionId === r.id)?.stale).toBe(true);
    expect(offered.suggestions.find((s) => s.questionId === q.id)?.stale).toBe(false);
    await expect(
      msp.as(() =>
        prefill.apply(id, [
          { questionId: q.id, reconfirm: false },
          { questionId: r.id, reconfirm: false },
        ]),
      ),
    ).rejects.toMatchObject({ code: 'LIBRARY_ANSWER_STALE', details: { questionIds: [r.id] } });
    expect(await uses(msp)).toEqual([]);

    await msp.as(() => prefill.apply(id, [{ questionId: r.id, reconfirm: true }]));
    expect(await ids(true)).toEqual([]);
    expect(await uses(msp)).toMatchObject([{ question_id: r.id, reconfirmed: true }]);

    // Confirming by hand renews freshness too.
    clock.advanceDays(400);
    expect((await ids(true)).sort()).toEqual([q.id, r.id].sort());
    const renewed = await msp.as(() => library.confirm(q.id));
    expect(renewed.freshUntil.getTime()).toBe(clock.now().getTime() + 365 * DAY);
    expect(await ids(true)).toEqual([r.id]);
    expect(await auditActions(msp)).toContain('library.answer_confirmed');
  });

  it('keeps the library, its grants and uses from every other organization', async () => {
    const { customer, msp, fixtures } = await pair('Isolated');
    const id = await fixtures.sent();
    const [q] = (await questionsOf(msp, id)).filter(answerable);
    await msp.as(() => library.saveFromTemplate(ADVISORY, q.id, sampleAnswer(q), 'SECRET-NOTE'));
    const grant = await msp.as(() => grants.grant(id, days(30)));
    await msp.as(() => prefill.apply(id, [{ questionId: q.id, reconfirm: false }]));

    const otherMsp = await createTestTenant(ctx.app, 'Other MSP', { answersAssessments: true });
    expect((await otherMsp.as(() => library.list(100, undefined))).answers).toEqual([]);
    expect(await otherMsp.as(() => grants.list())).toEqual([]);
    await expect(otherMsp.as(() => library.get(q.id))).rejects.toMatchObject({
      code: 'LIBRARY_ANSWER_NOT_FOUND',
    });
    await expect(otherMsp.as(() => library.confirm(q.id))).rejects.toMatchObject({
      code: 'LIBRARY_ANSWER_NOT_FOUND',
    });
    await expect(otherMsp.as(() => grants.revoke(grant.id))).rejects.toMatchObject({
      code: 'LIBRARY_GRANT_NOT_FOUND',
    });
    // Another MSP's customer, a customer's draft and an unknown id are the same not-found.
    const draft = await fixtures.draft();
    for (const [tenant, assessmentId] of [
      [otherMsp, id],
      [msp, draft],
      [msp, randomUUID()],
    ] as const) {
      await expect(tenant.as(() => grants.grant(assessmentId, days(30)))).rejects.toMatchObject({
        code: 'ASSESSMENT_NOT_FOUND',
      });
    }
    await expect(otherMsp.as(() => prefill.suggestions(id))).rejects.toMatchObject({
      code: 'ASSESSMENT_NOT_FOUND',
    });
    await expect(
      otherMsp.as(() => prefill.apply(id, [{ questionId: q.id, reconfirm: false }])),
    ).rejects.toMatchObject({ code: 'ASSESSMENT_NOT_FOUND' });
    // The customer owns the assessment but is not its respondent.
    await expect(customer.as(() => prefill.suggestions(id))).rejects.toMatchObject({
      code: 'ASSESSMENT_NOT_FOUND',
    });

    // Row-level security under it: unscoped SQL as the app role sees none of the MSP's rows.
    for (const tenant of [customer, otherMsp]) {
      const rows = await tenant.as(() =>
        db.transaction(async (m) => [
          ...(await m.query<unknown[]>('SELECT * FROM library_answers')),
          ...(await m.query<unknown[]>('SELECT * FROM library_grants')),
          ...(await m.query<unknown[]>('SELECT * FROM library_uses')),
        ]),
      );
      expect(rows).toEqual([]);
      const changed = await tenant.as(() =>
        db.transaction((m) =>
          m.query<unknown[]>(
            `WITH changed AS (
               UPDATE library_grants SET expires_at = expires_at + interval '1 year' RETURNING id
             ) SELECT id FROM changed`,
          ),
        ),
      );
      expect(changed).toEqual([]);
      await expect(
        tenant.as(() =>
          db.transaction((m) =>
            m.query(
              `INSERT INTO library_grants (tenant_id, id, customer_tenant_id, assessment_id,
                 customer_name, granted_at, expires_at)
               VALUES ($1, $2, $3, $4, 'x', now(), now() + interval '1 day')`,
              [msp.tenant.id, randomUUID(), tenant.tenant.id, id],
            ),
          ),
        ),
      ).rejects.toThrow(/row-level security/);
    }
    // Uses are append-only for the app role, even in the MSP's own tenant.
    await expect(
      msp.as(() => db.transaction((m) => m.query('DELETE FROM library_uses'))),
    ).rejects.toThrow(/permission denied/);
    const own = await msp.as(() =>
      db.transaction((m) => m.query<{ note: string }[]>('SELECT note FROM library_answers')),
    );
    expect(own).toEqual([{ note: 'SECRET-NOTE' }]);
  });
});
