import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type AnswerValue,
  CatalogService,
  type Question,
  type QuestionnaireTemplate,
  visibleQuestions,
} from '@app/catalog';
import { Clock } from '@app/common';
import { TenantDatabase } from '@app/database';
import {
  AssessmentFixtures,
  createIntegrationContext,
  createTestTenant,
  DUE_ON,
  type IntegrationContext,
  invitationTokenFor,
  sampleAnswer,
  type TestTenant,
} from '@app/testing';
import { VendorsModule } from '@app/vendors';
import ExcelJS from 'exceljs';
import { AssessmentsModule } from '../assessments.module.js';
import { WorkbookService } from '../offline/workbook.service.js';
import { AssessmentsService } from '../customer/assessments.service.js';
import { ReviewService } from '../customer/review.service.js';
import { scoreView } from '../graphql/score-mapping.js';
import { ScoresService } from '../scores/scores.service.js';
import { AnsweringService } from './answering.service.js';
import { InboxService } from './inbox.service.js';

const KEY = 'claims-check';
const CHOICE = { kind: 'choice', values: { yes: 1, partial: 0.5, no: 0 } } as const;
const JUSTIFIED = 'We run no offsite site: everything is in the customer’s cloud tenant.';

/** One family with each rule of issue 14 on a question; every weight survives tier scoping. */
function claimsTemplate(base: QuestionnaireTemplate): QuestionnaireTemplate {
  const questions: Question[] = [
    {
      id: 'ACC-01',
      text: 'Is MFA enforced on every remote session into customer systems?',
      answer: { type: 'yes_no' },
      scoring: CHOICE,
      weight: 5,
      required: true,
      knockout: true,
      knockoutReason: 'Remote sessions without MFA are how MSP compromises spread.',
      passLevel: 1,
    },
    {
      id: 'ACC-02',
      text: 'Which remote access tools reach customer systems?',
      answer: {
        type: 'multiple_choice',
        options: [
          { value: 'rmm', label: 'RMM agent' },
          { value: 'vpn', label: 'VPN' },
          { value: 'none', label: 'None of these', exclusive: true },
        ],
      },
      scoring: { kind: 'sum', values: { rmm: 0.5, vpn: 0.5, none: 0 } },
      weight: 4,
    },
    {
      id: 'ACC-03',
      text: 'When did you last restore a customer backup as a test?',
      answer: { type: 'date', notInFuture: true },
      scoring: {
        kind: 'threshold',
        direction: 'at_most',
        steps: [{ bound: 12, value: 1 }],
        otherwise: 0,
      },
      weight: 4,
    },
    {
      id: 'ACC-04',
      text: 'Describe how you tell a customer about an incident.',
      answer: { type: 'text' },
      scoring: { kind: 'provided' },
      weight: 4,
    },
    {
      id: 'ACC-05',
      text: 'Is there a written, time-limited exception for the sessions without MFA?',
      answer: { type: 'yes_no' },
      scoring: CHOICE,
      weight: 4,
      visibleWhen: "answer('ACC-01') == 'no'",
    },
    {
      id: 'ACC-06',
      text: 'Do you keep an offsite copy of customer backups?',
      answer: { type: 'yes_no' },
      scoring: CHOICE,
      weight: 4,
    },
  ];
  return {
    ...base,
    families: [{ id: 'acc', title: 'Access', guidance: 'Who gets in, and how.', questions }],
  };
}

/**
 * Issue 14 on the assessments side, against the real database: a not-applicable answer is a
 * claim the reviewer accepts, review-scored answers wait for a grade, the save-time rules, what
 * stored scores say, the exploit, and who may do (or see) any of it.
 */
describe('answer claims, grades and save-time rules', () => {
  let ctx: IntegrationContext;
  let db: TenantDatabase;
  let answering: AnsweringService;
  let review: ReviewService;
  let scores: ScoresService;
  let customer: TestTenant;
  let msp: TestTenant;
  let stranger: TestTenant;
  let fixtures: AssessmentFixtures;
  let today: string;

  beforeAll(async () => {
    ctx = await createIntegrationContext([VendorsModule, AssessmentsModule]);
    db = ctx.get(TenantDatabase);
    answering = ctx.get(AnsweringService);
    review = ctx.get(ReviewService);
    scores = ctx.get(ScoresService);
    today = ctx.get(Clock).today();
    customer = await createTestTenant(ctx.app, 'Claims Customer');
    msp = await createTestTenant(ctx.app, 'Claims MSP', { answersAssessments: true });
    stranger = await createTestTenant(ctx.app, 'Claims Stranger', { answersAssessments: true });
    fixtures = new AssessmentFixtures(ctx.app, customer, msp);
    const catalog = ctx.get(CatalogService);
    await customer.as(async () => {
      await catalog.copy({ key: 'msp-advisory', version: '1.0.0', builtIn: true }, KEY);
      await catalog.editDraft(KEY, claimsTemplate, 'edited');
      await catalog.publish(KEY);
    });
  }, 120_000);

  afterAll(() => ctx.close());

  /** An assessment of the claims template, in the MSP's inbox. */
  async function sentClaims(): Promise<string> {
    const vendorId = await fixtures.vendor();
    const assessments = ctx.get(AssessmentsService);
    const { id } = await customer.as(() =>
      assessments.create({
        vendorId,
        template: { key: KEY, version: '1.0.0', builtIn: false },
        dueOn: DUE_ON,
      }),
    );
    await customer.as(() => assessments.send(id, [msp.email]));
    const token = await invitationTokenFor(ctx.app, msp.email);
    await msp.as(() => ctx.get(InboxService).accept(token));
    return id;
  }

  type Save = Parameters<AnsweringService['saveMany']>[1][number];
  const answer = (questionId: string, value: Save['value'], expectedVersion = 0): Save => ({
    questionId,
    expectedVersion,
    value,
    notApplicable: false,
  });
  const claim = (questionId: string, reason: string | null, expectedVersion = 0): Save => ({
    questionId,
    expectedVersion,
    value: null,
    notApplicable: true,
    notApplicableReason: reason,
  });
  const save = (id: string, saves: Save[]) => msp.as(() => answering.saveMany(id, saves));

  /** Every shown question answered at its best, ACC-06 claimed not applicable. */
  async function answeredClaims(): Promise<string> {
    const id = await sentClaims();
    await save(id, [
      answer('ACC-01', 'yes'),
      answer('ACC-02', ['rmm', 'vpn']),
      answer('ACC-03', today),
      answer('ACC-04', 'We call the named contact within four hours, then write.'),
      claim('ACC-06', JUSTIFIED),
    ]);
    return id;
  }

  const stored = (id: string) =>
    ctx.dataSource.query<
      { question_id: string; review_status: string; grade: number | null; reason: string | null }[]
    >(
      `SELECT question_id, review_status, grade, not_applicable_reason AS reason
         FROM assessment_answers WHERE assessment_id = $1 ORDER BY question_id`,
      [id],
    );
  const rowOf = async (id: string, questionId: string) =>
    (await stored(id)).find((r) => r.question_id === questionId);
  const questionOf = (
    result: Awaited<ReturnType<ScoresService['current']>>['result'],
    questionId: string,
  ) => result.families.flatMap((f) => f.questions).find((q) => q.questionId === questionId);

  describe('not applicable is a claim', () => {
    it('refuses N/A where the question does not allow it, naming the question', async () => {
      const id = await sentClaims();
      for (const attempt of [claim('ACC-01', JUSTIFIED), answer('ACC-01', 'not_applicable')]) {
        await expect(save(id, [attempt])).rejects.toMatchObject({
          code: 'ANSWER_INVALID',
          kind: 'invalid_input',
          details: { questionId: 'ACC-01' },
          message: expect.stringMatching(/ACC-01 cannot be marked not applicable/),
        });
      }
    });

    it('needs a plain-text justification, capped in length, and stores it normalised', async () => {
      const id = await sentClaims();
      for (const reason of [null, '   ', 'x'.repeat(1001)]) {
        await expect(save(id, [claim('ACC-06', reason)])).rejects.toMatchObject({
          code: 'ANSWER_INVALID',
          details: { questionId: 'ACC-06' },
        });
      }
      await expect(
        save(id, [{ ...answer('ACC-06', 'yes'), notApplicableReason: JUSTIFIED }]),
      ).rejects.toMatchObject({ code: 'ANSWER_INVALID', details: { questionId: 'ACC-06' } });
      const [saved] = await save(id, [claim('ACC-06', `  ${JUSTIFIED}\n`)]);
      expect(saved).toMatchObject({ notApplicable: true, notApplicableReason: JUSTIFIED });
      expect(await rowOf(id, 'ACC-06')).toMatchObject({ reason: JUSTIFIED, grade: null });
    });

    it('counts a claim only once the reviewer accepts it; flagging rejects it; a new save loses it', async () => {
      const id = await answeredClaims();
      const pending = (await customer.as(() => scores.current('customer', id))).result;
      expect(pending.pending.count).toBeGreaterThanOrEqual(1);
      expect(pending.notApplicable).toEqual({ count: 0, weight: 0 });
      expect(questionOf(pending, 'ACC-06')).toMatchObject({ counted: false });

      await msp.as(() => answering.submit(id));
      const submitted = (await customer.as(() => scores.current('customer', id))).result;
      // Unaccepted after submission: counted as 0, so the overall is below what it will be.
      expect(questionOf(submitted, 'ACC-06')).toMatchObject({ counted: true, compliance: 0 });
      expect(questionOf(submitted, 'ACC-06')?.note).toEqual(expect.any(String));

      await customer.as(() => review.review(id, 'ACC-06', 'accepted', null));
      const accepted = (await customer.as(() => scores.current('customer', id))).result;
      expect(questionOf(accepted, 'ACC-06')).toMatchObject({
        counted: false,
        reason: 'not_applicable',
      });
      expect(accepted.notApplicable).toEqual({ count: 1, weight: 4 });
      expect(accepted.families[0].notApplicable).toEqual({ count: 1, weight: 4 });
      expect(accepted.overall).toBeGreaterThan(submitted.overall ?? 0);

      await customer.as(() => review.review(id, 'ACC-06', 'flagged', 'Name the offsite copy.'));
      const flagged = (await customer.as(() => scores.current('customer', id))).result;
      expect(questionOf(flagged, 'ACC-06')).toMatchObject({ counted: true, compliance: 0 });
      expect(flagged.notApplicable.count).toBe(0);

      // Accepted, then sent back for another answer: changing the claim loses the acceptance.
      await customer.as(() => review.review(id, 'ACC-06', 'accepted', null));
      await customer.as(() => review.review(id, 'ACC-02', 'flagged', 'Which tools exactly?'));
      await customer.as(() => review.requestChanges(id, null));
      expect(await rowOf(id, 'ACC-06')).toMatchObject({ review_status: 'accepted' });
      await save(id, [claim('ACC-06', `${JUSTIFIED} Still.`, 1)]);
      expect(await rowOf(id, 'ACC-06')).toMatchObject({ review_status: 'pending' });
      const resaved = (await customer.as(() => scores.current('customer', id))).result;
      expect(resaved.notApplicable.count).toBe(0);
    });
  });

  describe('review-scored answers', () => {
    it('stay pending until graded with one of the question’s grades, which accepts them', async () => {
      const id = await answeredClaims();
      await msp.as(() => answering.submit(id));
      const before = (await customer.as(() => scores.current('customer', id))).result;
      expect(questionOf(before, 'ACC-04')).toMatchObject({
        counted: false,
        reason: 'pending_review',
      });
      expect(before.pending.weight).toBeGreaterThanOrEqual(4);

      const grade = (questionId: string, decision: 'accepted' | 'flagged', value: number) =>
        customer.as(() => review.review(id, questionId, decision, 'Graded.', value));
      await expect(grade('ACC-04', 'accepted', 0.7)).rejects.toMatchObject({
        code: 'GRADE_INVALID',
        message: expect.stringMatching(/0 \(Not met\), 0\.5 \(Partly met\), 1 \(Met\)/),
      });
      await expect(grade('ACC-01', 'accepted', 1)).rejects.toMatchObject({
        code: 'GRADE_INVALID',
      });
      await expect(grade('ACC-04', 'flagged', 0.5)).rejects.toMatchObject({
        code: 'GRADE_INVALID',
      });
      expect(await rowOf(id, 'ACC-04')).toMatchObject({ review_status: 'pending', grade: null });

      const graded = await grade('ACC-04', 'accepted', 0.5);
      expect(graded).toMatchObject({ reviewStatus: 'accepted', grade: 0.5 });
      const after = (await customer.as(() => scores.current('customer', id))).result;
      expect(questionOf(after, 'ACC-04')).toMatchObject({ counted: true, compliance: 0.5 });

      // Accepting again without a grade keeps it; a new answer from the MSP clears it.
      await customer.as(() => review.review(id, 'ACC-04', 'accepted', null));
      expect(await rowOf(id, 'ACC-04')).toMatchObject({ grade: 0.5 });
      await customer.as(() => review.review(id, 'ACC-02', 'flagged', 'Which tools exactly?'));
      await customer.as(() => review.requestChanges(id, null));
      await save(id, [answer('ACC-04', 'We call within two hours now.', 1)]);
      expect(await rowOf(id, 'ACC-04')).toMatchObject({ review_status: 'pending', grade: null });
    });
  });

  describe('save-time rules', () => {
    it('keeps an exclusive option on its own', async () => {
      const id = await sentClaims();
      await expect(save(id, [answer('ACC-02', ['rmm', 'none'])])).rejects.toMatchObject({
        code: 'ANSWER_INVALID',
        details: { questionId: 'ACC-02' },
        message: 'ACC-02 cannot combine none with other options',
      });
      const [saved] = await save(id, [answer('ACC-02', ['none'])]);
      expect(saved.value).toEqual(['none']);
    });

    it('refuses a last-done date after the day of the save (UTC)', async () => {
      const id = await sentClaims();
      const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000)
        .toISOString()
        .slice(0, 10);
      await expect(save(id, [answer('ACC-03', tomorrow)])).rejects.toMatchObject({
        code: 'ANSWER_INVALID',
        details: { questionId: 'ACC-03' },
      });
      await expect(save(id, [answer('ACC-03', '2030-01-01')])).rejects.toMatchObject({
        code: 'ANSWER_INVALID',
      });
      const [saved] = await save(id, [answer('ACC-03', today)]);
      expect(saved.value).toBe(today);
    });

    it('refuses answers to hidden questions, judged on the answers after the save', async () => {
      const id = await sentClaims();
      await save(id, [answer('ACC-01', 'yes')]);
      await expect(save(id, [answer('ACC-05', 'yes')])).rejects.toMatchObject({
        code: 'QUESTIONS_HIDDEN',
        kind: 'invalid_input',
        details: { questionIds: ['ACC-05'] },
      });
      // The same batch that shows it may answer it.
      const saved = await save(id, [answer('ACC-01', 'no', 1), answer('ACC-05', 'yes')]);
      expect(saved.map((a) => a.questionId)).toEqual(['ACC-01', 'ACC-05']);
      // Hiding it again in one batch with an answer to it is refused as a whole.
      await expect(
        save(id, [answer('ACC-01', 'yes', 2), answer('ACC-05', 'no', 1)]),
      ).rejects.toMatchObject({ code: 'QUESTIONS_HIDDEN' });
      expect(await rowOf(id, 'ACC-05')).toBeDefined();
    });
  });

  describe('the offline workbook and the answer library', () => {
    async function filledIn(id: string, fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
      const workbooks = ctx.get(WorkbookService);
      const workbook = new ExcelJS.Workbook();
      const exported = await msp.as(() => workbooks.export(id));
      await workbook.xlsx.load(exported as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Answers');
      if (!sheet) throw new Error('the workbook has no Answers sheet');
      fill(sheet);
      return Buffer.from(await workbook.xlsx.writeBuffer());
    }
    /** Answer (E), N/A (F) and justification (G) of the question's row. */
    const row = (sheet: ExcelJS.Worksheet, questionId: string) => {
      let found = 0;
      sheet.eachRow((r, n) => {
        if (r.getCell(1).value === questionId) found = n;
      });
      return sheet.getRow(found);
    };

    it('imports under the same rules: justified claims, no hidden questions, no knockout N/A', async () => {
      const id = await sentClaims();
      const workbooks = ctx.get(WorkbookService);
      const hidden = await filledIn(id, (sheet) => {
        row(sheet, 'ACC-01').getCell(5).value = 'yes';
        row(sheet, 'ACC-05').getCell(5).value = 'yes';
      });
      await expect(msp.as(() => workbooks.import(id, hidden))).rejects.toMatchObject({
        code: 'QUESTIONS_HIDDEN',
        details: { questionIds: ['ACC-05'] },
      });
      const knockout = await filledIn(id, (sheet) => {
        row(sheet, 'ACC-01').getCell(6).value = 'Y';
        row(sheet, 'ACC-01').getCell(7).value = JUSTIFIED;
      });
      await expect(msp.as(() => workbooks.import(id, knockout))).rejects.toMatchObject({
        code: 'WORKBOOK_INVALID',
      });
      const claimed = await filledIn(id, (sheet) => {
        row(sheet, 'ACC-01').getCell(5).value = 'yes';
        row(sheet, 'ACC-06').getCell(6).value = 'Y';
        row(sheet, 'ACC-06').getCell(7).value = JUSTIFIED;
      });
      expect(await msp.as(() => workbooks.import(id, claimed))).toEqual({
        saved: 2,
        unchanged: 0,
      });
      expect(await rowOf(id, 'ACC-06')).toMatchObject({ reason: JUSTIFIED });
    });
  });

  describe('stored scores', () => {
    it('keep the tallies and open knockouts next to the score, overall and per family', async () => {
      const id = await sentClaims();
      await save(id, [
        answer('ACC-01', 'yes'),
        answer('ACC-02', ['rmm']),
        answer('ACC-03', today),
        answer('ACC-04', 'By phone, then in writing.'),
        claim('ACC-06', JUSTIFIED),
      ]);
      await msp.as(() => answering.submit(id));
      await customer.as(() => review.review(id, 'ACC-06', 'accepted', null));
      await customer.as(() => review.complete(id));
      const [row] = await ctx.dataSource.query<Record<string, unknown>[]>(
        `SELECT engine_version, not_applicable_count, not_applicable_weight, pending_count,
                pending_weight, open_knockouts, families
           FROM assessment_scores WHERE assessment_id = $1 AND current`,
        [id],
      );
      expect(row).toMatchObject({
        engine_version: '2.0.0',
        not_applicable_count: 1,
        not_applicable_weight: 4,
        pending_count: 1,
        pending_weight: 4,
        open_knockouts: [],
      });
      expect(row.families).toEqual([
        expect.objectContaining({
          familyId: 'acc',
          notApplicable: { count: 1, weight: 4 },
          pending: { count: 1, weight: 4 },
        }),
      ]);
      const [family] = await ctx.dataSource.query<Record<string, unknown>[]>(
        `SELECT f.not_applicable_count, f.pending_count, f.pending_weight
           FROM assessment_family_scores f JOIN assessment_scores s
             ON s.tenant_id = f.tenant_id AND s.id = f.score_id
          WHERE s.assessment_id = $1 AND s.current`,
        [id],
      );
      expect(family).toEqual({ not_applicable_count: 1, pending_count: 1, pending_weight: 4 });

      const view = scoreView(await customer.as(() => scores.current('customer', id)));
      expect(view).toMatchObject({
        kind: 'final',
        engineVersion: '2.0.0',
        notApplicable: { count: 1, weight: 4 },
        pending: { count: 1, weight: 4 },
        openKnockouts: [],
      });
      expect(view.families[0].questions.find((q) => q.questionId === 'ACC-04')).toMatchObject({
        reason: 'pending_review',
        note: expect.any(String),
      });
    });

    it('shows a score stored by engine 1.0.0 with the tallies that engine implied', () => {
      const question = (questionId: string, reason: string | null, weight: number) => ({
        questionId,
        answer: null,
        weight,
        knockout: false,
        counted: reason === null,
        compliance: reason === null ? 1 : null,
        reason,
      });
      const legacy = {
        engineVersion: '1.0.0',
        template: { key: 'msp-advisory', version: '1.0.0' },
        submitted: true,
        asOf: '2026-01-02',
        overall: 100,
        bands: { low: 85, moderate: 70, high: 50 },
        bandRating: 'low',
        rating: 'low',
        failedKnockouts: [],
        tier: 4,
        residualRisk: 'low',
        families: [
          {
            familyId: 'pic',
            weight: 1,
            score: 100,
            questions: [question('PIC-01', null, 3), question('PIC-02', 'not_applicable', 5)],
          },
        ],
      } as unknown as Awaited<ReturnType<ScoresService['current']>>['result'];
      const view = scoreView({
        kind: 'final',
        result: legacy,
        settingsVersion: 0,
        computedAt: new Date(),
      });
      expect(view).toMatchObject({
        engineVersion: '1.0.0',
        notApplicable: { count: 1, weight: 5 },
        pending: { count: 0, weight: 0 },
        openKnockouts: [],
      });
      expect(view.families[0]).toMatchObject({ notApplicable: { count: 1, weight: 5 } });
      expect(view.families[0].questions.map((q) => q.note)).toEqual([null, null]);
    });
  });

  describe('who may claim, accept, grade and see', () => {
    it('lets the MSP neither accept nor grade its own answers, in the service or in SQL', async () => {
      const id = await answeredClaims();
      await msp.as(() => answering.submit(id));
      await expect(
        msp.as(() => review.review(id, 'ACC-06', 'accepted', null)),
      ).rejects.toMatchObject({ code: 'ASSESSMENT_NOT_FOUND' });
      await expect(
        msp.as(() => review.review(id, 'ACC-04', 'accepted', null, 1)),
      ).rejects.toMatchObject({ code: 'ASSESSMENT_NOT_FOUND' });
      const key = [customer.tenant.id, id];
      await expect(
        msp.as(() =>
          db.transaction((m) =>
            m.query(
              `UPDATE assessment_answers SET grade = 1
                WHERE tenant_id = $1 AND assessment_id = $2 AND question_id = 'ACC-04'`,
              key,
            ),
          ),
        ),
      ).rejects.toThrow(/may not (grade|change)/);
      await expect(
        msp.as(() =>
          db.transaction((m) =>
            m.query(
              `UPDATE assessment_answers SET review_status = 'accepted'
                WHERE tenant_id = $1 AND assessment_id = $2 AND question_id = 'ACC-06'`,
              key,
            ),
          ),
        ),
      ).rejects.toThrow();
      expect(await rowOf(id, 'ACC-04')).toMatchObject({ review_status: 'pending', grade: null });
    });

    it('lets the customer neither answer nor write a justification', async () => {
      const id = await answeredClaims();
      await expect(
        customer.as(() => answering.saveMany(id, [claim('ACC-02', 'The customer says so.')])),
      ).rejects.toMatchObject({ code: 'ASSESSMENT_NOT_FOUND' });
      await expect(
        customer.as(() =>
          db.transaction((m) =>
            m.query(
              `UPDATE assessment_answers SET not_applicable_reason = 'Rewritten by the customer.'
                WHERE tenant_id = $1 AND assessment_id = $2 AND question_id = 'ACC-06'`,
              [customer.tenant.id, id],
            ),
          ),
        ),
      ).rejects.toThrow(/only the respondent justifies/);
      expect(await rowOf(id, 'ACC-06')).toMatchObject({ reason: JUSTIFIED });
    });

    it('shows another organization nothing of the claims, grades or scores', async () => {
      const id = await answeredClaims();
      await msp.as(() => answering.submit(id));
      await customer.as(() => review.review(id, 'ACC-04', 'accepted', null, 1));
      for (const side of ['customer', 'vendor'] as const) {
        await expect(stranger.as(() => scores.current(side, id))).rejects.toMatchObject({
          code: 'ASSESSMENT_NOT_FOUND',
        });
      }
      await expect(
        stranger.as(() => review.review(id, 'ACC-06', 'accepted', null)),
      ).rejects.toMatchObject({ code: 'ASSESSMENT_NOT_FOUND' });
      await expect(
        stranger.as(() => answering.save(id, claim('ACC-06', JUSTIFIED, 1))),
      ).rejects.toMatchObject({ code: 'ASSESSMENT_NOT_FOUND' });
      const seen = await stranger.as(() =>
        db.transaction((m) =>
          m.query<unknown[]>(
            `SELECT not_applicable_reason, grade FROM assessment_answers
              WHERE assessment_id = $1
             UNION ALL
             SELECT not_applicable_count::text, pending_weight FROM assessment_scores
              WHERE assessment_id = $1`,
            [id],
          ),
        ),
      );
      expect(seen).toEqual([]);
    });
  });

  describe('the issue’s exploit on msp-advisory', () => {
    /** The answer each scoring rule rates highest (review-scored ones still need a grade). */
    function bestAnswer(question: Question): Save {
      const rule = question.scoring;
      const spec = question.answer;
      const given = (value: Save['value']) => answer(question.id, value);
      if (rule.kind === 'choice') {
        const [best] = Object.entries(rule.values).sort((x, y) => y[1] - x[1]);
        return given(best[0]);
      }
      if (rule.kind === 'sum' && spec.type === 'multiple_choice') {
        return given(
          spec.options.filter((o) => (rule.values[o.value] ?? 0) > 0).map((o) => o.value),
        );
      }
      if (rule.kind === 'threshold') {
        if (spec.type === 'date') return given(today);
        const bound = rule.steps[0].bound;
        if (rule.direction === 'at_least')
          return given(spec.type === 'number' ? (spec.max ?? bound) : 100);
        return given(spec.type === 'number' ? (spec.min ?? 0) : 0);
      }
      if (spec.type === 'evidence') return claim(question.id, JUSTIFIED);
      if (spec.type === 'text') return given('Documented in our security policy, reviewed yearly.');
      return { questionId: question.id, expectedVersion: 0, ...sampleAnswer(question) };
    }

    /** The best answers to the questions they show, and every question asked. */
    async function assessment(): Promise<{ id: string; questions: Question[]; saves: Save[] }> {
      const id = await fixtures.sent();
      const { template } = await msp.as(() => ctx.get(InboxService).content(id));
      const questions = template.families.flatMap((f) => f.questions);
      const values: Record<string, AnswerValue> = {};
      for (const best of questions.map(bestAnswer)) {
        values[best.questionId] = best.notApplicable ? 'not_applicable' : (best.value ?? null);
      }
      const shown = new Set(visibleQuestions(template, values).map((q) => q.id));
      return { id, questions, saves: questions.filter((q) => shown.has(q.id)).map(bestAnswer) };
    }

    it('cannot claim N/A on the ten knockouts; forged in SQL they leave the rating high at best', async () => {
      const { id, questions, saves } = await assessment();
      const knockouts = questions.filter((q) => q.knockout);
      expect(knockouts).toHaveLength(10);
      for (const knockout of knockouts) {
        await expect(save(id, [claim(knockout.id, JUSTIFIED)])).rejects.toMatchObject({
          code: 'ANSWER_INVALID',
          details: { questionId: knockout.id },
        });
      }
      // Everything else at its best, the knockouts too (the only way the MSP can save them).
      await save(id, saves);
      // An injected statement can still set the flag on the MSP's side of the row.
      await msp.as(() =>
        db.transaction((m) =>
          m.query(
            `UPDATE assessment_answers SET not_applicable = true, value = NULL
              WHERE tenant_id = $1 AND assessment_id = $2 AND question_id = ANY($3)`,
            [customer.tenant.id, id, knockouts.map((q) => q.id)],
          ),
        ),
      );
      await msp.as(() => answering.submit(id));
      const result = (await customer.as(() => scores.current('customer', id))).result;
      expect(result.overall).toBeLessThan(100);
      expect(['high', 'critical']).toContain(result.rating);
      const notMet = new Set([
        ...result.failedKnockouts.map((k) => k.questionId),
        ...result.openKnockouts.map((k) => k.questionId),
      ]);
      const answered = new Set(saves.map((a) => a.questionId));
      const visibleKnockouts = knockouts.filter((q) => answered.has(q.id)).map((q) => q.id);
      expect([...notMet].sort()).toEqual([...visibleKnockouts].sort());
      for (const questionId of visibleKnockouts) {
        await expect(
          customer.as(() => review.review(id, questionId, 'accepted', null)),
        ).rejects.toMatchObject({ code: 'NOT_APPLICABLE_NOT_ALLOWED', details: { questionId } });
      }
    });

    it('is below 100 while N/A claims wait, and reaches it once the reviewer accepts them', async () => {
      const { id, questions, saves: best } = await assessment();
      // The claim the exploit made, on three ordinary questions where N/A is allowed.
      const claimed = questions
        .filter((q) => !q.knockout && !q.visibleWhen && q.answer.type === 'yes_no')
        .slice(0, 3)
        .map((q) => q.id);
      expect(claimed).toHaveLength(3);
      const saves = best.map((a) =>
        claimed.includes(a.questionId) ? claim(a.questionId, JUSTIFIED) : a,
      );
      await save(id, saves);
      await msp.as(() => answering.submit(id));
      const waiting = (await customer.as(() => scores.current('customer', id))).result;
      expect(waiting.overall).toBeLessThan(100);
      expect(waiting.notApplicable.count).toBe(0);
      for (const questionId of claimed) {
        await customer.as(() => review.review(id, questionId, 'accepted', null));
      }
      const accepted = (await customer.as(() => scores.current('customer', id))).result;
      expect(accepted.overall).toBe(100);
      expect(accepted.notApplicable.count).toBe(claimed.length);
      expect(accepted.openKnockouts).toEqual([]);
      expect(accepted.rating).toBe('low');
    });
  });
});
