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
import { AssessmentScoreEntity } from '../entities/assessment-score.entity.js';
import { ReviewService } from '../customer/review.service.js';
import { RecomputeScoresJob } from './recompute-scores.job.js';
import { ScoresService } from './scores.service.js';
import { ScoringSettingsService } from './scoring-settings.service.js';

describe('scores in the product', () => {
  let ctx: IntegrationContext;
  let scores: ScoresService;
  let customer: TestTenant;
  let msp: TestTenant;
  let fixtures: AssessmentFixtures;

  beforeAll(async () => {
    ctx = await createIntegrationContext([VendorsModule, AssessmentsModule]);
    scores = ctx.get(ScoresService);
    customer = await createTestTenant(ctx.app, 'Scores Customer');
    msp = await createTestTenant(ctx.app, 'Scores MSP', { answersAssessments: true });
    fixtures = new AssessmentFixtures(ctx.app, customer, msp);
  });

  afterAll(() => ctx.close());

  async function completed(): Promise<string> {
    const { id } = await fixtures.inReview('accepted');
    await customer.as(() => ctx.get(ReviewService).complete(id));
    return id;
  }

  it('shows both sides a provisional score while the MSP answers', async () => {
    const id = await fixtures.sent();
    const before = await customer.as(() => scores.current('customer', id));
    expect(before).toMatchObject({ kind: 'provisional', result: { overall: null } });
    const answered = await fixtures.answered();
    const customerView = await customer.as(() => scores.current('customer', answered));
    const mspView = await msp.as(() => scores.current('vendor', answered));
    expect(customerView.kind).toBe('provisional');
    expect(customerView.result.overall).toBeGreaterThan(0);
    expect(mspView.result.overall).toBe(customerView.result.overall);
    const stranger = await createTestTenant(ctx.app, 'Scores Stranger', {
      answersAssessments: true,
    });
    for (const side of ['customer', 'vendor'] as const) {
      await expect(stranger.as(() => scores.current(side, answered))).rejects.toMatchObject({
        code: 'ASSESSMENT_NOT_FOUND',
      });
    }
  });

  it('stores the final score on completion, with its breakdown and versions', async () => {
    const id = await completed();
    const final = await customer.as(() => scores.current('customer', id));
    expect(final).toMatchObject({
      kind: 'final',
      settingsVersion: 0,
      result: { engineVersion: '2.0.0', template: { key: 'msp-advisory', version: '1.0.0' } },
    });
    const question = final.result.families[0].questions[0];
    expect(question).toHaveProperty('compliance');
    expect(question).toHaveProperty('weight');
    expect((await msp.as(() => scores.current('vendor', id))).kind).toBe('final');
    const csf = await customer.as(() => scores.byFramework('customer', id, 'csf-2.0'));
    expect(csf.map((c) => c.control)).toContain('PR.AA');
    const functions = await customer.as(() =>
      scores.byFramework('customer', id, 'csf-2.0', 'function'),
    );
    expect(functions.map((c) => c.control)).toEqual(expect.arrayContaining(['GV', 'PR', 'DE']));
    expect(functions.every((c) => !c.control.includes('.'))).toBe(true);
  });

  it('marks only the vendor’s most recent completion as its latest score', async () => {
    const first = await completed();
    const second = await completed();
    const rows = await ctx.dataSource.query<{ assessment_id: string; latest: boolean }[]>(
      `SELECT assessment_id, latest_for_vendor AS latest FROM assessment_scores
        WHERE assessment_id = ANY($1)`,
      [[first, second]],
    );
    expect(Object.fromEntries(rows.map((r) => [r.assessment_id, r.latest]))).toEqual({
      [first]: false,
      [second]: true,
    });
  });

  it('recomputes under new bands through the job, keeping the old result', async () => {
    const id = await completed();
    const before = await customer.as(() => scores.current('customer', id));
    await customer.as(() =>
      ctx.get(ScoringSettingsService).update({ bands: { low: 100, moderate: 99, high: 98 } }),
    );
    const job = ctx.get(RecomputeScoresJob);
    const stale = await customer.as(() => job.request());
    expect(stale).toBeGreaterThanOrEqual(1);
    await customer.as(() => job.run());
    const after = await customer.as(() => scores.current('customer', id));
    expect(after.settingsVersion).toBe(1);
    expect(after.result.overall).toBe(before.result.overall);
    expect(after.result.bands).toEqual({ low: 100, moderate: 99, high: 98 });
    const history = await customer.as(() => scores.history(id));
    expect(history.map((h) => [h.settingsVersion, h.current])).toEqual([
      [1, true],
      [0, false],
    ]);
    // Rerunning finds nothing left to do.
    expect(await customer.as(() => job.run())).toBe(0);
    const latest = await ctx.dataSource.getRepository(AssessmentScoreEntity).countBy({
      assessmentId: id,
      latestForVendor: true,
    });
    expect(latest).toBeLessThanOrEqual(1);
  });

  it('refuses bands out of order and weights out of range', async () => {
    const settings = ctx.get(ScoringSettingsService);
    await expect(
      customer.as(() => settings.update({ bands: { low: 50, moderate: 70, high: 85 } })),
    ).rejects.toMatchObject({ code: 'INVALID_RATING_BANDS' });
    await expect(
      customer.as(() => settings.update({ familyWeights: { mfa: -1 } })),
    ).rejects.toMatchObject({ code: 'FAMILY_WEIGHT_INVALID' });
  });
});
