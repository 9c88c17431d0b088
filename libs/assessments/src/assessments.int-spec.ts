import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Question } from '@app/catalog';
import { TenantDatabase } from '@app/database';
import {
  createIntegrationContext,
  createTestTenant,
  type IntegrationContext,
  sampleAnswer,
  sampleQuestions,
  type TestTenant,
} from '@app/testing';
import { type VendorDetails, VendorsModule, VendorsService } from '@app/vendors';
import { randomUUID } from 'node:crypto';
import { AnswerEntity } from './entities/answer.entity.js';
import { AssessmentCommentEntity } from './entities/assessment-comment.entity.js';
import { AssessmentEntity } from './entities/assessment.entity.js';
import { AssessmentsModule } from './assessments.module.js';
import { AssessmentsService } from './customer/assessments.service.js';
import { ReviewService } from './customer/review.service.js';
import { AnsweringService } from './respondent/answering.service.js';
import { InboxService } from './respondent/inbox.service.js';
import { CommentsService } from './shared/comments.service.js';

const ADVISORY = { key: 'msp-advisory', version: '1.0.0', builtIn: true };
const DUE = '2030-06-30';

const vendorDetails = (name: string, tier: 1 | 4): VendorDetails => ({
  name,
  domains: ['msp.example'],
  services: [{ name: 'Managed endpoints', inScope: true }],
  access: { remoteAccessTools: ['RMM'], privilegedAccounts: [], systems: [] },
  ownerUserId: null,
  contacts: [],
  tags: [],
  intake:
    tier === 1
      ? {
          dataAccess: 'confidential',
          privilegedAccess: 'domain_wide',
          businessImpact: 'high',
          substitutability: 'hard',
        }
      : {
          dataAccess: 'none',
          privilegedAccess: 'none',
          businessImpact: 'low',
          substitutability: 'easy',
        },
});

describe('assessment lifecycle', () => {
  let ctx: IntegrationContext;
  let assessments: AssessmentsService;
  let review: ReviewService;
  let inbox: InboxService;
  let answering: AnsweringService;
  let comments: CommentsService;
  let customerA: TestTenant;
  let customerB: TestTenant;
  let msp: TestTenant;
  let otherMsp: TestTenant;

  beforeAll(async () => {
    ctx = await createIntegrationContext([VendorsModule, AssessmentsModule]);
    assessments = ctx.get(AssessmentsService);
    review = ctx.get(ReviewService);
    inbox = ctx.get(InboxService);
    answering = ctx.get(AnsweringService);
    comments = ctx.get(CommentsService);
    customerA = await createTestTenant(ctx.app, 'Northwind A');
    customerB = await createTestTenant(ctx.app, 'Fabrikam B');
    msp = await createTestTenant(ctx.app, 'Contoso MSP', { answersAssessments: true });
    otherMsp = await createTestTenant(ctx.app, 'Other MSP', { answersAssessments: true });
  });

  afterAll(() => ctx.close());

  async function tokenMailedTo(email: string): Promise<string> {
    const rows = await ctx.dataSource.query<{ body_text: string }[]>(
      `SELECT body_text FROM outbox_messages WHERE recipient = $1 AND kind = 'assessment_invitation'
        ORDER BY created_at DESC LIMIT 1`,
      [email],
    );
    const token = /token=([\w-]+)/.exec(rows[0]?.body_text ?? '')?.[1];
    if (!token) throw new Error(`no invitation mailed to ${email}`);
    return token;
  }

  async function accept(who: TestTenant) {
    const token = await tokenMailedTo(who.email);
    return who.as(() => inbox.accept(token));
  }

  async function sentAssessment(customer: TestTenant, tier: 1 | 4 = 4, name = 'Contoso') {
    const vendor = await customer.as(() =>
      ctx.get(VendorsService).create(vendorDetails(`${name} ${Math.random()}`, tier)),
    );
    const created = await customer.as(() =>
      assessments.create({ vendorId: vendor.id, template: ADVISORY, dueOn: DUE }),
    );
    await customer.as(() => assessments.send(created.id, [msp.email]));
    return { vendor, assessment: created };
  }

  async function answerEverything(assessmentId: string) {
    const content = await msp.as(() => inbox.content(assessmentId));
    const saves = sampleQuestions(content.template).map((q) => ({
      questionId: q.id,
      expectedVersion: content.answers.get(q.id)?.version ?? 0,
      ...sampleAnswer(q),
    }));
    return msp.as(() => answering.saveMany(assessmentId, saves));
  }

  it('scopes the questions to the vendor’s tier when it is created', async () => {
    const high = await sentAssessment(customerA, 1);
    const low = await sentAssessment(customerA, 4);
    expect(high.assessment.questionIds).toHaveLength(86);
    expect(low.assessment.questionIds.length).toBeLessThan(60);
    expect(high.assessment).toMatchObject({ state: 'draft', tier: 1, customerName: 'Northwind A' });
  });

  it('refuses to send to an unlinked vendor without a respondent', async () => {
    const vendor = await customerA.as(() =>
      ctx.get(VendorsService).create(vendorDetails('Nobody MSP', 4)),
    );
    const draft = await customerA.as(() =>
      assessments.create({ vendorId: vendor.id, template: ADVISORY, dueOn: DUE }),
    );
    await expect(customerA.as(() => assessments.send(draft.id, []))).rejects.toMatchObject({
      code: 'RESPONDENTS_REQUIRED',
    });
  });

  it('links the vendor when the MSP accepts, and shows both customers’ assessments in one inbox', async () => {
    const a = await sentAssessment(customerA);
    const tokenA = await tokenMailedTo(msp.email);
    expect(await msp.as(() => inbox.list(50, undefined))).toMatchObject({ assessments: [] });
    const accepted = await msp.as(() => inbox.accept(tokenA));
    expect(accepted).toMatchObject({ id: a.assessment.id, state: 'sent' });
    const vendor = await customerA.as(() => ctx.get(VendorsService).get(a.vendor.id));
    expect(vendor.linkedTenantId).toBe(msp.tenant.id);

    const b = await sentAssessment(customerB);
    await accept(msp);
    const page = await msp.as(() => inbox.list(50, undefined));
    expect(page.assessments.map((x) => x.customerName).sort()).toEqual(
      expect.arrayContaining(['Fabrikam B', 'Northwind A']),
    );
    // A used token, and the other MSP, get the same answer as nonsense.
    await expect(msp.as(() => inbox.accept(tokenA))).rejects.toMatchObject({
      code: 'ASSESSMENT_INVITATION_INVALID',
    });
    await expect(otherMsp.as(() => inbox.get(b.assessment.id))).rejects.toMatchObject({
      code: 'ASSESSMENT_NOT_FOUND',
    });
    await expect(customerA.as(() => assessments.get(b.assessment.id))).rejects.toMatchObject({
      code: 'ASSESSMENT_NOT_FOUND',
    });
  });

  it('refuses an invitation accepted by another person or a non-MSP organization', async () => {
    await sentAssessment(customerA);
    const token = await tokenMailedTo(msp.email);
    await expect(otherMsp.as(() => inbox.accept(token))).rejects.toMatchObject({
      code: 'ASSESSMENT_INVITATION_INVALID',
    });
    await expect(customerB.as(() => inbox.accept(token))).rejects.toMatchObject({
      code: 'ORGANIZATION_DOES_NOT_ANSWER',
    });
  });

  it('plays the lifecycle: answers, a stale save, submit refused then accepted, review, changes, completion', async () => {
    const { assessment } = await sentAssessment(customerA);
    await accept(msp);
    const first = assessment.questionIds[0];
    const content = await msp.as(() => inbox.content(assessment.id));
    const question = content.template.families[0].questions.find((q) => q.id === first) as Question;

    const saved = await msp.as(() =>
      answering.save(assessment.id, {
        questionId: first,
        expectedVersion: 0,
        ...sampleAnswer(question),
      }),
    );
    expect(saved.version).toBe(1);
    expect((await msp.as(() => inbox.get(assessment.id))).state).toBe('in_progress');
    // A colleague's tab still holds version 0: refused, with what is stored now.
    await expect(
      msp.as(() =>
        answering.save(assessment.id, {
          questionId: first,
          expectedVersion: 0,
          value: null,
          notApplicable: true,
          notApplicableReason: 'We have no remote access.',
        }),
      ),
    ).rejects.toMatchObject({
      code: 'ANSWER_CHANGED',
      // The stored answer in the shape the API shows answers.
      details: {
        current: {
          questionId: first,
          version: 1,
          notApplicable: false,
          value: { choices: sampleAnswer(question).value },
        },
      },
    });

    // Expecting an answer where there is none is as stale; the batch writes nothing at all.
    // The next question shown whatever the answers (a conditional one would be refused as hidden).
    const secondQuestion = content.template.families
      .flatMap((f) => f.questions)
      .find((q) => q.id !== first && !q.visibleWhen) as Question;
    const second = secondQuestion.id;
    await expect(
      msp.as(() =>
        answering.saveMany(assessment.id, [
          { questionId: first, expectedVersion: 1, ...sampleAnswer(question) },
          { questionId: second, expectedVersion: 3, ...sampleAnswer(secondQuestion) },
        ]),
      ),
    ).rejects.toMatchObject({
      code: 'ANSWER_CHANGED',
      details: { current: { questionId: second, version: 0, value: null } },
    });
    const unchanged = await msp.as(() => inbox.content(assessment.id));
    expect(unchanged.answers.get(first)?.version).toBe(1);
    expect(unchanged.answers.get(second)).toBeUndefined();

    await expect(msp.as(() => answering.submit(assessment.id))).rejects.toMatchObject({
      code: 'ANSWERS_MISSING',
    });
    await answerEverything(assessment.id);
    expect(await msp.as(() => answering.submit(assessment.id))).toMatchObject({
      state: 'submitted',
    });
    await expect(
      msp.as(() =>
        answering.save(assessment.id, {
          questionId: first,
          expectedVersion: 2,
          ...sampleAnswer(question),
        }),
      ),
    ).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });

    await customerA.as(() => review.addNote(assessment.id, first, 'Ask their CISO about this.'));
    await customerA.as(() => review.review(assessment.id, first, 'flagged', 'Name the tool.'));
    await customerA.as(() => comments.post('customer', assessment.id, first, 'Which RMM?'));
    await expect(customerA.as(() => review.complete(assessment.id))).rejects.toMatchObject({
      code: 'ANSWERS_FLAGGED',
    });
    expect(
      await customerA.as(() => review.requestChanges(assessment.id, 'One fix please.')),
    ).toMatchObject({
      state: 'changes_requested',
    });

    const back = await msp.as(() => inbox.content(assessment.id));
    expect(back.answers.get(first)).toMatchObject({
      reviewStatus: 'flagged',
      reviewComment: 'Name the tool.',
    });
    expect(back.comments.map((c) => [c.authorSide, c.body])).toEqual([['customer', 'Which RMM?']]);
    await msp.as(() => comments.post('vendor', assessment.id, first, 'Our RMM is NinjaOne.'));
    const fixed = await msp.as(() =>
      answering.save(assessment.id, {
        questionId: first,
        expectedVersion: back.answers.get(first)?.version ?? 0,
        ...sampleAnswer(question),
      }),
    );
    expect(fixed.reviewStatus).toBe('pending');
    await msp.as(() => answering.submit(assessment.id));
    await customerA.as(() => review.review(assessment.id, first, 'accepted', null));
    const completed = await customerA.as(() => review.complete(assessment.id));
    expect(completed.state).toBe('completed');
    // Tier 4 is not reassessed by default.
    expect(completed.nextCycleOn).toBeNull();

    const timeline = await customerA.as(() => assessments.timeline(assessment.id));
    expect(timeline.map((e) => `${e.fromState}>${e.toState}:${e.actorSide}`)).toEqual([
      'draft>sent:customer',
      'sent>in_progress:vendor',
      'in_progress>submitted:vendor',
      'submitted>in_review:customer',
      'in_review>changes_requested:customer',
      'changes_requested>submitted:vendor',
      'submitted>in_review:customer',
      'in_review>completed:customer',
    ]);
  });

  it('keeps the customer’s notes and review columns out of the MSP’s reach, even in SQL', async () => {
    const { assessment } = await sentAssessment(customerB);
    await accept(msp);
    await customerB.as(() => review.addNote(assessment.id, null, 'Internal: renegotiating.'));
    await answerEverything(assessment.id);
    const db = ctx.get(TenantDatabase);
    const notes = await msp.as(() =>
      db.transaction((m) => m.query<unknown[]>(`SELECT * FROM assessment_notes`)),
    );
    expect(notes).toEqual([]);
    await expect(
      msp.as(() =>
        db.transaction((m) =>
          m.update(
            AssessmentEntity,
            { tenantId: customerB.tenant.id, id: assessment.id },
            { dueOn: '2040-01-01' },
          ),
        ),
      ),
    ).rejects.toThrow(/may not change/);
    await expect(
      msp.as(() =>
        db.transaction((m) =>
          m.update(
            AnswerEntity,
            {
              tenantId: customerB.tenant.id,
              assessmentId: assessment.id,
              questionId: assessment.questionIds[0],
            },
            { reviewStatus: 'accepted' },
          ),
        ),
      ),
    ).rejects.toThrow(/may not review/);
    // The MSP's side cannot post as the customer, even in SQL.
    await expect(
      msp.as(() =>
        db.transaction((m) =>
          m.insert(AssessmentCommentEntity, {
            tenantId: customerB.tenant.id,
            id: randomUUID(),
            assessmentId: assessment.id,
            questionId: assessment.questionIds[0],
            respondentTenantId: msp.tenant.id,
            authorSide: 'customer',
            authorUserId: null,
            authorName: 'Not the customer',
            body: 'Accepted, no need to fix.',
            createdAt: new Date(),
          }),
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    // Inserting an answer into an assessment not addressed to it is refused (the guard cannot
    // even see the assessment, and the policy would refuse the row).
    const { assessment: unlinked } = await sentAssessment(customerA, 4, 'Unlinked');
    await expect(
      otherMsp.as(() =>
        db.transaction((m) =>
          m.insert(AnswerEntity, {
            tenantId: customerA.tenant.id,
            assessmentId: unlinked.id,
            questionId: unlinked.questionIds[0],
            respondentTenantId: otherMsp.tenant.id,
            value: 'yes',
          }),
        ),
      ),
    ).rejects.toThrow(/row-level security|does not take answers/);
  });

  it('lets only the assignee’s own organization be assigned', async () => {
    const { assessment } = await sentAssessment(customerA);
    await accept(msp);
    const colleague = await msp.addMember('respondent');
    const q = assessment.questionIds[1];
    expect(await msp.as(() => answering.assign(assessment.id, q, colleague.userId))).toMatchObject({
      assigneeUserId: colleague.userId,
      version: 0,
    });
    await expect(
      msp.as(() => answering.assign(assessment.id, q, customerA.userId)),
    ).rejects.toMatchObject({ code: 'ASSIGNEE_NOT_MEMBER' });
  });
  it('refuses every move the lifecycle does not allow, saying why, and changes nothing', async () => {
    const { assessment } = await sentAssessment(customerA);
    await accept(msp);
    const id = assessment.id;
    const refused = { code: 'TRANSITION_NOT_ALLOWED' };
    await expect(customerA.as(() => assessments.send(id, [msp.email]))).rejects.toMatchObject({
      ...refused,
      message: 'A sent assessment cannot be sent; that needs it to be draft.',
    });
    await expect(customerA.as(() => review.complete(id))).rejects.toMatchObject(refused);
    await expect(customerA.as(() => review.requestChanges(id, null))).rejects.toMatchObject(
      refused,
    );
    await expect(
      customerA.as(() => review.review(id, assessment.questionIds[0], 'accepted', null)),
    ).rejects.toMatchObject(refused);
    // The customer cannot act as the vendor: the assessment is not in its inbox.
    await expect(customerA.as(() => answering.submit(id))).rejects.toMatchObject({
      code: 'ASSESSMENT_NOT_FOUND',
    });
    await customerA.as(() => assessments.cancel(id, 'The contract ended early.'));
    await expect(customerA.as(() => assessments.cancel(id, 'Again.'))).rejects.toMatchObject(
      refused,
    );
    await expect(msp.as(() => answering.submit(id))).rejects.toMatchObject(refused);
    await expect(
      msp.as(() =>
        answering.save(id, {
          questionId: assessment.questionIds[0],
          expectedVersion: 0,
          value: null,
          notApplicable: true,
        }),
      ),
    ).rejects.toMatchObject(refused);
    const timeline = await customerA.as(() => assessments.timeline(id));
    expect(timeline.map((e) => e.toState)).toEqual(['sent', 'cancelled']);
    expect(timeline[1].comment).toBe('The contract ended early.');
  });
  it('holds the MSP to the lifecycle in SQL too: no review of its own, no answers once submitted, no reopening', async () => {
    const db = ctx.get(TenantDatabase);
    const { assessment } = await sentAssessment(customerA);
    await accept(msp);
    const [first] = assessment.questionIds;
    const key = { tenantId: customerA.tenant.id, assessmentId: assessment.id };
    // An insert that claims a review decision is stored as pending.
    await msp.as(() =>
      db.transaction((m) =>
        m.insert(AnswerEntity, {
          ...key,
          questionId: first,
          respondentTenantId: msp.tenant.id,
          value: 'yes',
          reviewStatus: 'accepted',
          reviewComment: 'Looks fine to us.',
        }),
      ),
    );
    const stored = await customerA.as(() =>
      db.transaction((m) => m.findOneByOrFail(AnswerEntity, { ...key, questionId: first })),
    );
    expect(stored).toMatchObject({ reviewStatus: 'pending', reviewComment: null });
    // A question the assessment does not ask is refused.
    await expect(
      msp.as(() =>
        db.transaction((m) =>
          m.insert(AnswerEntity, {
            ...key,
            questionId: 'NOT-ASKED',
            respondentTenantId: msp.tenant.id,
            value: 'yes',
          }),
        ),
      ),
    ).rejects.toThrow(/does not take answers/);
    await answerEverything(assessment.id);
    await msp.as(() => answering.submit(assessment.id));
    await expect(
      msp.as(() =>
        db.transaction((m) =>
          m.update(AnswerEntity, { ...key, questionId: first }, { value: 'no' }),
        ),
      ),
    ).rejects.toThrow(/does not take answers/);
    await customerA.as(() => review.review(assessment.id, first, 'accepted', null));
    await customerA.as(() => review.complete(assessment.id));
    await expect(
      msp.as(() =>
        db.transaction((m) =>
          m.update(
            AssessmentEntity,
            { tenantId: customerA.tenant.id, id: assessment.id },
            { state: 'in_progress' },
          ),
        ),
      ),
    ).rejects.toThrow(/may not move an assessment from completed/);
  });

  it('refuses the invitation of a cancelled assessment', async () => {
    const { assessment } = await sentAssessment(customerB, 4, 'Cancelled');
    const token = await tokenMailedTo(msp.email);
    await customerB.as(() => assessments.cancel(assessment.id, 'Sent to the wrong vendor.'));
    await expect(msp.as(() => inbox.accept(token))).rejects.toMatchObject({
      code: 'ASSESSMENT_INVITATION_INVALID',
    });
  });
});
