import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AssessmentFixtures,
  createIntegrationContext,
  createTestTenant,
  type IntegrationContext,
  type TestTenant,
} from '@app/testing';
import { VendorsModule } from '@app/vendors';
import { AssessmentsModule } from '../assessments.module.js';
import { ReviewService } from '../customer/review.service.js';
import { ScoresService } from '../scores/scores.service.js';
import { FindingsService } from './findings.service.js';

describe('findings', () => {
  let ctx: IntegrationContext;
  let findings: FindingsService;
  let customer: TestTenant;
  let msp: TestTenant;
  let fixtures: AssessmentFixtures;

  beforeAll(async () => {
    ctx = await createIntegrationContext([VendorsModule, AssessmentsModule]);
    findings = ctx.get(FindingsService);
    customer = await createTestTenant(ctx.app, 'Findings Customer');
    msp = await createTestTenant(ctx.app, 'Findings MSP', { answersAssessments: true });
    fixtures = new AssessmentFixtures(ctx.app, customer, msp);
  });

  afterAll(() => ctx.close());

  it('raises one finding per counted answer below its pass level when an assessment completes', async () => {
    const { id } = await fixtures.inReview('accepted');
    await customer.as(() => ctx.get(ReviewService).complete(id));
    const score = await customer.as(() => ctx.get(ScoresService).current('customer', id));
    const below = score.result.families
      .flatMap((f) => f.questions)
      .filter((q) => q.counted && q.compliance < 1)
      .map((q) => q.questionId)
      .sort();
    expect(below.length).toBeGreaterThan(0);
    const page = await customer.as(() => findings.list(100, undefined, {}));
    const mine = page.findings.filter((f) => f.assessmentId === id);
    expect(mine.map((f) => f.questionId).sort()).toEqual(below);
    for (const finding of mine) {
      expect(finding).toMatchObject({ source: 'automatic', status: 'open' });
      expect(finding.compliance).toBeLessThan(1);
      expect(['low', 'medium', 'high', 'critical']).toContain(finding.severity);
    }
  });

  it('lets a reviewer raise one by hand on a reviewed answer, once per question', async () => {
    const { id, questionId } = await fixtures.inReview('accepted');
    const raised = await customer.as(() =>
      findings.raise(id, questionId, 'The RMM vendor is not covered.', 'high'),
    );
    expect(raised).toMatchObject({ source: 'manual', severity: 'high', questionId });
    await expect(
      customer.as(() => findings.raise(id, questionId, 'Again.', null)),
    ).rejects.toMatchObject({ code: 'FINDING_EXISTS' });
    const sent = await fixtures.sent();
    await expect(
      customer.as(() => findings.raise(sent, questionId, 'Too early.', null)),
    ).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
  });

  it('shows another tenant nothing, and the MSP cannot reach the table', async () => {
    const { id, questionId } = await fixtures.inReview('accepted');
    const finding = await customer.as(() => findings.raise(id, questionId, 'Gap.', null));
    const stranger = await createTestTenant(ctx.app, 'Findings Stranger');
    await expect(stranger.as(() => findings.get(finding.id))).rejects.toMatchObject({
      code: 'FINDING_NOT_FOUND',
    });
    await expect(
      stranger.as(() => findings.raise(id, questionId, 'Not mine.', null)),
    ).rejects.toMatchObject({ code: 'ASSESSMENT_NOT_FOUND' });
    expect((await msp.as(() => findings.list(100, undefined, {}))).findings).toEqual([]);
  });
});
