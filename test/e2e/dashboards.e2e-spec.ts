import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { AssessmentsService } from '@app/assessments';
import { ADVISORY, type TestTenant } from '@app/testing';
import { VendorsService } from '@app/vendors';
import { startTestApi, type TestApi } from '../support/test-api.js';

interface SeededScore {
  completedAt: string;
  overall: number;
  rating: string;
  residual: string;
  families: Record<string, number>;
  controls: Record<string, number>;
  questions: Record<string, number>;
}

const INTAKES = {
  1: {
    dataAccess: 'confidential',
    privilegedAccess: 'domain_wide',
    businessImpact: 'critical',
    substitutability: 'hard',
  },
  2: {
    dataAccess: 'confidential',
    privilegedAccess: 'limited',
    businessImpact: 'high',
    substitutability: 'moderate',
  },
  3: {
    dataAccess: 'internal',
    privilegedAccess: 'limited',
    businessImpact: 'moderate',
    substitutability: 'easy',
  },
  4: {
    dataAccess: 'none',
    privilegedAccess: 'none',
    businessImpact: 'low',
    substitutability: 'easy',
  },
} as const;

const TITLES: Record<string, string> = {
  mfa: 'Multi-factor authentication',
  logging: 'Monitoring and logging',
};

/**
 * The dashboards over HTTP on seeded scores with figures worked out by hand. Scores are written
 * straight into the tables (their arithmetic is the scoring engine's, tested on its own); the
 * dashboards must add them up exactly, for the right tenant only.
 */
describe('portfolio and MSP dashboards', () => {
  let api: TestApi;
  let customer: TestTenant;
  let other: TestTenant;
  let msp: TestTenant;
  const vendors: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi();
    customer = await api.tenant('Dash Customer');
    other = await api.tenant('Other Customer');
    msp = await api.tenant('Dash MSP', { answersAssessments: true });

    // Alpha: tier 1, fell from 80 to 60. Bravo: tier 2, 90. Charlie: tier 4, 45. Delta: tier 3,
    // never scored, one overdue assessment.
    vendors.alpha = await vendor(customer, 'Alpha IT', 1, ['critical-path']);
    vendors.bravo = await vendor(customer, 'Bravo Managed', 2, []);
    vendors.charlie = await vendor(customer, 'Charlie Cloud', 4, []);
    vendors.delta = await vendor(customer, 'Delta Desk', 3, []);
    await score(customer, vendors.alpha, msp, [
      {
        completedAt: '2024-01-15',
        overall: 80,
        rating: 'moderate',
        residual: 'high',
        families: { mfa: 75, logging: 85 },
        controls: { 'PR.AA': 70 },
        questions: { 'MFA-01': 1 },
      },
      {
        completedAt: '2024-07-15',
        overall: 60,
        rating: 'high',
        residual: 'critical',
        families: { mfa: 50, logging: 70 },
        controls: { 'PR.AA': 40, 'DE.CM': 80 },
        questions: { 'MFA-01': 0.5, 'MFA-02': 1 },
      },
    ]);
    await score(customer, vendors.bravo, msp, [
      {
        completedAt: '2024-07-20',
        overall: 90,
        rating: 'low',
        residual: 'low',
        families: { mfa: 100, logging: 80 },
        controls: { 'PR.AA': 100, 'DE.CM': 90 },
        questions: { 'MFA-01': 0 },
      },
    ]);
    await score(customer, vendors.charlie, null, [
      {
        completedAt: '2024-03-10',
        overall: 45,
        rating: 'critical',
        residual: 'moderate',
        families: { mfa: 30, logging: 60 },
        controls: { 'PR.AA': 20, 'DE.CM': 50 },
        questions: { 'LOG-01': 0.2 },
      },
    ]);
    await overdueAssessment(customer, vendors.delta, '2024-01-01');
    // Another customer of the same MSP, with a dreadful score that must never count for the first.
    vendors.elsewhere = await vendor(other, 'Alpha IT', 1, ['critical-path']);
    await score(other, vendors.elsewhere, msp, [
      {
        completedAt: '2024-07-01',
        overall: 10,
        rating: 'critical',
        residual: 'critical',
        families: { mfa: 0, logging: 20 },
        controls: { 'PR.AA': 0 },
        questions: { 'MFA-01': 0.25 },
      },
    ]);
  });

  afterAll(() => api.close());

  async function vendor(org: TestTenant, name: string, tier: 1 | 2 | 3 | 4, tags: string[]) {
    const created = await org.as(() =>
      api.app.get(VendorsService).create({
        name,
        domains: [],
        services: [],
        access: { remoteAccessTools: [], privilegedAccounts: [], systems: [] },
        ownerUserId: null,
        contacts: [],
        tags,
        intake: INTAKES[tier],
      }),
    );
    expect(created.tier).toBe(tier);
    return created.id;
  }

  async function assessmentFor(org: TestTenant, vendorId: string): Promise<string> {
    const created = await org.as(() =>
      api.app.get(AssessmentsService).create({ vendorId, template: ADVISORY, dueOn: '2030-01-01' }),
    );
    return created.id;
  }

  async function overdueAssessment(org: TestTenant, vendorId: string, dueOn: string) {
    const id = await assessmentFor(org, vendorId);
    await api.owner.query(
      `UPDATE assessments SET state = 'sent', due_on = $3, sent_at = now() WHERE tenant_id = $1 AND id = $2`,
      [org.tenant.id, id, dueOn],
    );
  }

  /** Completed assessments with stored scores, oldest first; the last is the vendor's latest. */
  async function score(
    org: TestTenant,
    vendorId: string,
    answeredBy: TestTenant | null,
    scores: SeededScore[],
  ) {
    const db = api.owner;
    for (const [index, s] of scores.entries()) {
      const id = await assessmentFor(org, vendorId);
      const latest = index === scores.length - 1;
      await db.query(
        `UPDATE assessments SET state = 'completed', completed_at = $3, respondent_tenant_id = $4
          WHERE tenant_id = $1 AND id = $2`,
        [org.tenant.id, id, s.completedAt, answeredBy?.tenant.id ?? null],
      );
      const scoreId = randomUUID();
      const families = Object.entries(s.families).map(([familyId, value]) => ({
        familyId,
        title: TITLES[familyId],
        weight: 1,
        score: value,
      }));
      const breakdown = {
        families: [
          {
            familyId: 'mfa',
            questions: Object.entries(s.questions).map(([questionId, compliance]) => ({
              questionId,
              counted: true,
              compliance,
            })),
          },
        ],
      };
      await db.query(
        `INSERT INTO assessment_scores (tenant_id, id, assessment_id, vendor_id, respondent_tenant_id, tier,
           overall, rating, residual_risk, failed_knockouts, families, controls, breakdown, engine_version,
           template_key, template_version, settings_version, completed_at, computed_at, current, latest_for_vendor)
         SELECT $1, $2, $3, $4, $5, v.tier, $6, $7, $8, '[]', $9, $10, $11, '1.0.0', 'msp-advisory', '1.0.0', 0, $12, now(), true, $13
           FROM vendors v WHERE v.tenant_id = $1 AND v.id = $4`,
        [
          org.tenant.id,
          scoreId,
          id,
          vendorId,
          answeredBy?.tenant.id ?? null,
          s.overall,
          s.rating,
          s.residual,
          JSON.stringify(families),
          JSON.stringify({ 'csf-2.0': s.controls }),
          JSON.stringify(breakdown),
          s.completedAt,
          latest,
        ],
      );
      for (const family of families) {
        await db.query(
          `INSERT INTO assessment_family_scores (tenant_id, score_id, family_id, vendor_id, score, latest_for_vendor)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [org.tenant.id, scoreId, family.familyId, vendorId, family.score, latest],
        );
      }
    }
  }

  async function query<T>(who: TestTenant, document: string, variables?: Record<string, unknown>) {
    const response = await api.gql<T>(document, { token: who.token, variables });
    expect(response.body.errors).toBeUndefined();
    return response.body.data as T;
  }

  it('sums up the portfolio exactly', async () => {
    const { portfolioOverview } = await query<{ portfolioOverview: Record<string, unknown> }>(
      customer,
      `{ portfolioOverview { vendors averageScore byResidualRisk { level vendors }
          scoreDistribution { from vendors } assessmentsByState { state assessments }
          overdue mostOverdue { vendorName dueOn daysOverdue } } }`,
    );
    const days = Math.round(
      (Date.parse(new Date().toISOString().slice(0, 10)) - Date.parse('2024-01-01')) / 86_400_000,
    );
    expect(portfolioOverview).toEqual({
      vendors: 4,
      // (60 + 90 + 45) / 3: each vendor's latest score; Alpha's older 80 is history.
      averageScore: 65,
      byResidualRisk: [
        { level: 'low', vendors: 1 },
        { level: 'moderate', vendors: 1 },
        { level: 'high', vendors: 0 },
        { level: 'critical', vendors: 1 },
        { level: null, vendors: 1 },
      ],
      scoreDistribution: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90].map((from) => ({
        from,
        vendors: from === 40 || from === 60 || from === 90 ? 1 : 0,
      })),
      assessmentsByState: [
        { state: 'completed', assessments: 4 },
        { state: 'sent', assessments: 1 },
      ],
      overdue: 1,
      mostOverdue: [{ vendorName: 'Delta Desk', dueOn: '2024-01-01', daysOverdue: days }],
    });
  });

  it('filters by tier, tag and date range', async () => {
    const overview = (filter: Record<string, unknown>) =>
      query<{ portfolioOverview: { vendors: number; averageScore: number | null } }>(
        customer,
        `query($f: PortfolioFilter) { portfolioOverview(filter: $f) { vendors averageScore } }`,
        { f: filter },
      );
    expect((await overview({ tier: 1 })).portfolioOverview).toEqual({
      vendors: 1,
      averageScore: 60,
    });
    expect((await overview({ tag: 'Critical-Path' })).portfolioOverview).toEqual({
      vendors: 1,
      averageScore: 60,
    });
    // Latest scores completed in the first half of 2024: only Charlie's 45.
    expect((await overview({ from: '2024-01-01', to: '2024-07-01' })).portfolioOverview).toEqual({
      vendors: 4,
      averageScore: 45,
    });
    // A day that does not exist is the caller's mistake, named as such, not a server error.
    const impossible = await api.gql(
      `query($f: PortfolioFilter) { portfolioOverview(filter: $f) { vendors } }`,
      { token: customer.token, variables: { f: { from: '2024-02-30' } } },
    );
    expect(impossible.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    // The filter's rules hold wherever it is an argument.
    for (const field of ['portfolioScoreTrend', 'riskHeatmap', 'weakestFamilies']) {
      const selection = field === 'riskHeatmap' ? '{ pageInfo { hasNextPage } }' : '{ __typename }';
      const refused = await api.gql(
        `query($f: PortfolioFilter) { ${field}(filter: $f) ${selection} }`,
        { token: customer.token, variables: { f: { tier: 9 } } },
      );
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
  });

  it('pages the heatmap of vendors × families by name', async () => {
    const page = (after?: string) =>
      query<{
        riskHeatmap: {
          families: { familyId: string; title: string }[];
          edges: {
            node: {
              vendorName: string;
              overall: number;
              cells: { familyId: string; score: number }[];
            };
          }[];
          pageInfo: { endCursor: string; hasNextPage: boolean };
        };
      }>(
        customer,
        `query($a: ID) { riskHeatmap(first: 2, after: $a) { families { familyId title }
           edges { node { vendorName overall scores } } pageInfo { endCursor hasNextPage } } }`,
        { a: after },
      );
    const first = (await page()).riskHeatmap;
    expect(first.families).toEqual([
      { familyId: 'mfa', title: 'Multi-factor authentication' },
      { familyId: 'logging', title: 'Monitoring and logging' },
    ]);
    expect(first.edges.map((e) => e.node)).toEqual([
      { vendorName: 'Alpha IT', overall: 60, scores: [50, 70] },
      { vendorName: 'Bravo Managed', overall: 90, scores: [100, 80] },
    ]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await page(first.pageInfo.endCursor)).riskHeatmap;
    expect(second.edges.map((e) => e.node.vendorName)).toEqual(['Charlie Cloud']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('shows trends, the weakest families and controls, and who fell', async () => {
    const data = await query<Record<string, unknown>>(
      customer,
      `query($v: ID!) {
         vendorScoreTrend(vendorId: $v) { overall completedAt }
         portfolioScoreTrend { month averageScore assessments }
         weakestFamilies(first: 5) { id title averageScore vendors }
         weakestControls(first: 5, framework: CSF_2_0) { id averageScore vendors }
         decliningVendors { vendorName previous latest change } }`,
      { v: vendors.alpha },
    );
    expect(data).toEqual({
      vendorScoreTrend: [
        { overall: 80, completedAt: '2024-01-15T00:00:00.000Z' },
        { overall: 60, completedAt: '2024-07-15T00:00:00.000Z' },
      ],
      portfolioScoreTrend: [
        { month: '2024-01', averageScore: 80, assessments: 1 },
        { month: '2024-03', averageScore: 45, assessments: 1 },
        // (60 + 90) / 2
        { month: '2024-07', averageScore: 75, assessments: 2 },
      ],
      weakestFamilies: [
        // (50 + 100 + 30) / 3 and (70 + 80 + 60) / 3
        { id: 'mfa', title: 'Multi-factor authentication', averageScore: 60, vendors: 3 },
        { id: 'logging', title: 'Monitoring and logging', averageScore: 70, vendors: 3 },
      ],
      weakestControls: [
        { id: 'PR.AA', averageScore: (40 + 100 + 20) / 3, vendors: 3 },
        { id: 'DE.CM', averageScore: (80 + 90 + 50) / 3, vendors: 3 },
      ],
      decliningVendors: [{ vendorName: 'Alpha IT', previous: 80, latest: 60, change: -20 }],
    });
    // A vendor of the customer's with no completed assessment has an empty trend, not an error.
    const unscored = await query<{ vendorScoreTrend: unknown[] }>(
      customer,
      `query($v: ID!) { vendorScoreTrend(vendorId: $v) { overall } }`,
      { v: vendors.delta },
    );
    expect(unscored.vendorScoreTrend).toEqual([]);
  });

  it('shows the MSP its standing per customer and the questions it fails most', async () => {
    const data = await query<Record<string, unknown>>(
      msp,
      `{ standingByCustomer { customerName openAssessments completedAssessments latestScore latestRating }
         mostFailedQuestions { questionId familyId customers averageCompliance text } }`,
    );
    expect(data.standingByCustomer).toEqual([
      // Alpha (2) and Bravo (1); Bravo's 90 on 20 July is the latest. Charlie was not answered by this MSP.
      {
        customerName: 'Dash Customer',
        openAssessments: 0,
        completedAssessments: 3,
        latestScore: 90,
        latestRating: 'low',
      },
      {
        customerName: 'Other Customer',
        openAssessments: 0,
        completedAssessments: 1,
        latestScore: 10,
        latestRating: 'critical',
      },
    ]);
    expect(data.mostFailedQuestions).toEqual([
      // MFA-01 below full marks for Alpha (0.5), Bravo (0) and the other customer (0.25).
      {
        questionId: 'MFA-01',
        familyId: 'mfa',
        customers: 2,
        averageCompliance: 0.25,
        text: expect.stringContaining('MFA'),
      },
    ]);
  });

  it('never counts another tenant: the other customer sees only its own vendor', async () => {
    const { portfolioOverview } = await query<{ portfolioOverview: Record<string, unknown> }>(
      other,
      `{ portfolioOverview { vendors averageScore overdue } }`,
    );
    expect(portfolioOverview).toEqual({ vendors: 1, averageScore: 10, overdue: 0 });
    const foreign = await api.gql(`query($v: ID!) { vendorScoreTrend(vendorId: $v) { overall } }`, {
      token: other.token,
      variables: { v: vendors.alpha },
    });
    expect(foreign.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    const heatmap = await query<{
      riskHeatmap: { edges: { node: { vendorName: string; overall: number } }[] };
    }>(other, `{ riskHeatmap { edges { node { vendorName overall } } } }`);
    expect(heatmap.riskHeatmap.edges.map((e) => e.node)).toEqual([
      { vendorName: 'Alpha IT', overall: 10 },
    ]);
    // Another tenant's vendor as a cursor is not found, exactly like one that does not exist.
    for (const after of [vendors.alpha, randomUUID()]) {
      const paged = await api.gql(
        `query($a: ID) { riskHeatmap(after: $a) { pageInfo { hasNextPage } } }`,
        {
          token: other.token,
          variables: { a: after },
        },
      );
      expect(paged.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    }
    // Its own last vendor is a valid cursor with nothing after it.
    const last = await query<{ riskHeatmap: { edges: unknown[]; pageInfo: unknown } }>(
      other,
      `query($a: ID) { riskHeatmap(after: $a) { edges { cursor } pageInfo { hasNextPage } } }`,
      { a: vendors.elsewhere },
    );
    expect(last.riskHeatmap).toEqual({ edges: [], pageInfo: { hasNextPage: false } });
  });
});
