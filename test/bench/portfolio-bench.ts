import { AccessTokenService } from '@app/auth';
import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import type { Question, QuestionnaireTemplate } from '@app/catalog';
import { bind, filterValues, PORTFOLIO_SQL } from '@app/dashboards';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { ownerDataSourceOf } from '@app/testing';
import type { BenchTenant } from './fixtures.js';
import { startApiProcess } from './api-process.js';
import { GraphqlClient } from './graphql-client.js';
import {
  measure,
  measureInTurns,
  type MeasureOptions,
  measurePaced,
  type Result,
} from './measure.js';
import { seedPortfolio } from './portfolio-seed.js';

/** Issue 6's shape: one customer of 1,000 vendors and 5,000 completed assessments among 100. */
const BIG = { vendors: 1_000, assessmentsPerVendor: 5 };
const SMALL = { vendors: 5, assessmentsPerVendor: 5 };
const READS: MeasureOptions = { iterations: 300, warmup: 30, concurrency: 1, timeCapMs: 60_000 };
const RESPONDENTS = 50;
const BATCH = 50;
const SAVES: MeasureOptions = {
  iterations: 1_000,
  warmup: 100,
  concurrency: RESPONDENTS,
  timeCapMs: 60_000,
};

const OVERVIEW = `{ portfolioOverview { vendors averageScore byResidualRisk { level vendors }
  scoreDistribution { from vendors } assessmentsByState { state assessments } overdue
  mostOverdue { assessmentId daysOverdue } } }`;
/** A page as a list shows it, and the whole portfolio as one heatmap. */
const HEATMAP_PAGES = [50, 1_000] as const;
const heatmapQuery = (first: number) => `{ riskHeatmap(first: ${first}) {
  families { familyId title }
  edges { node { vendorId vendorName overall rating scores } }
  pageInfo { endCursor hasNextPage } } }`;
const SAVE = `mutation($a: ID!, $s: [AnswerSaveInput!]!) {
  saveAnswers(assessmentId: $a, answers: $s) { questionId version } }`;

export interface PortfolioReport {
  readonly seeded: { vendors: number; assessments: number; answers: number; seconds: number };
  /** Where the API ran: its own process (server mode) or the bench's (embedded). */
  readonly api: 'separate process' | 'bench process';
  /** The separate process's NODE_OPTIONS (the shipped heap cap unless overridden). */
  readonly apiNodeOptions?: string;
  /** The API's peak RSS over the portfolio phase, in MB: after the reads, and at the end. */
  readonly apiPeakRssAfterReadsMb: number;
  readonly apiPeakRssMb: number;
  readonly results: Result[];
  readonly ratios: { name: string; p50Times: number; p95Times: number }[];
}

function graphqlAnswer(question: Question, round: number): Record<string, unknown> {
  const spec = question.answer;
  switch (spec.type) {
    case 'yes_no':
      return { choice: round % 2 === 0 ? 'yes' : 'partial' };
    case 'single_choice':
      return { choice: spec.options[round % spec.options.length].value };
    case 'multiple_choice':
      return { choices: [spec.options[round % spec.options.length].value] };
    case 'number':
      return { number: (spec.min ?? 0) + (round % 10) };
    case 'percentage':
      return { number: 50 + (round % 50) };
    case 'date':
      return { date: '2026-10-01' };
    case 'text':
      return { text: `Policy revision ${round}.` };
    case 'evidence':
      return { notApplicable: true };
  }
}

/**
 * The dashboards against the hand-written SQL that computes the same figures, and respondents
 * saving batches of answers concurrently. One process, one run: the ratios compare like with like.
 */
export interface ApiTarget {
  /** The in-process API's port. */
  readonly port: number;
  /** On a server, the portfolio phase runs against a separate API process on the same data. */
  readonly server?: { readonly url: string; readonly jwtSecret: string };
}

export async function benchPortfolio(
  app: INestApplicationContext,
  target: ApiTarget,
  tenants: readonly BenchTenant[],
): Promise<PortfolioReport> {
  const seeded = await seed(app, tenants);
  const separate = target.server
    ? await startApiProcess(target.server.url, target.server.jwtSecret)
    : undefined;
  const port = separate?.port ?? target.port;
  const client = new GraphqlClient(port, 1);
  const respondents = new GraphqlClient(port, RESPONDENTS);
  try {
    const peak = () => separate?.peakRssMb() ?? process.resourceUsage().maxRSS / 1024;
    const measured = await run(app, client, respondents, tenants, peak);
    return {
      seeded,
      api: separate ? 'separate process' : 'bench process',
      apiNodeOptions: separate?.nodeOptions,
      apiPeakRssAfterReadsMb: measured.peakAfterReads,
      apiPeakRssMb: peak(),
      results: measured.results,
      ratios: measured.ratios,
    };
  } finally {
    client.close();
    respondents.close();
    await separate?.stop();
  }
}

async function seed(app: INestApplicationContext, tenants: readonly BenchTenant[]) {
  const dataSource = ownerDataSourceOf(app);
  const template = await advisory(dataSource);
  const started = performance.now();
  const [big, , ...rest] = tenants;
  let { vendors, assessments, answers } = await seedPortfolio(
    dataSource,
    big.tenantId,
    template,
    BIG,
  );
  for (const tenant of rest) {
    const small = await seedPortfolio(dataSource, tenant.tenantId, template, SMALL);
    vendors += small.vendors;
    assessments += small.assessments;
    answers += small.answers;
  }
  await dataSource.query('ANALYZE');
  return { vendors, assessments, answers, seconds: (performance.now() - started) / 1000 };
}

async function advisory(dataSource: DataSource): Promise<QuestionnaireTemplate> {
  const [{ content }] = await dataSource.query<{ content: QuestionnaireTemplate }[]>(
    `SELECT content FROM builtin_templates WHERE key = 'msp-advisory' ORDER BY version DESC LIMIT 1`,
  );
  return content;
}

async function run(
  app: INestApplicationContext,
  client: GraphqlClient,
  respondents: GraphqlClient,
  tenants: readonly BenchTenant[],
  peak: () => number,
): Promise<Pick<PortfolioReport, 'results' | 'ratios'> & { peakAfterReads: number }> {
  const dataSource = ownerDataSourceOf(app);
  const template = await advisory(dataSource);
  const [big, msp, ...rest] = tenants;
  // Tokens last 15 minutes; seeding can take a while, so issue fresh ones.
  const tokens = app.get(AccessTokenService);
  const bigToken = await tokens.issue(big.userId, big.tenantId, 1);

  const values = filterValues(big.tenantId, {});
  // The same statements two ways: bare on the data source (owner, no RLS), and the way the API
  // sends them, in one message with the tenant's settings under row-level security.
  const bare = (sql: string, extra: Record<string, unknown>) =>
    dataSource.query<Record<string, unknown>[]>(...bind(sql, { ...values, ...extra }));
  const context = app.get(RequestContext);
  const tenantDb = app.get(TenantDatabase);
  const asTenant = (sql: string, extra: Record<string, unknown>) =>
    context.run({ tenantId: big.tenantId, actor: { type: 'user', id: big.userId } }, () =>
      tenantDb.readInOneTrip<Record<string, unknown>>(...bind(sql, { ...values, ...extra })),
    );
  const overviewValues = {
    open: ['sent', 'in_progress', 'changes_requested'],
    today: new Date().toISOString().slice(0, 10),
  };
  const expectRows = (rows: unknown[], n: number) => {
    if (rows.length !== n) throw new Error(`expected ${n} rows, got ${rows.length}`);
  };
  const [overviewSql, overviewRls, overviewApi] = await measureInTurns(
    [
      {
        name: '4. portfolio overview, hand-written SQL',
        op: async () => expectRows(await bare(PORTFOLIO_SQL.overview, overviewValues), 1),
      },
      {
        name: '4. portfolio overview, same SQL as the API sends it (RLS)',
        op: async () => expectRows(await asTenant(PORTFOLIO_SQL.overview, overviewValues), 1),
      },
      {
        name: '4. portfolio overview, GraphQL',
        op: async () => {
          const data = await client.post(OVERVIEW, bigToken);
          const overview = data.portfolioOverview as { vendors: number };
          if (overview.vendors !== BIG.vendors) throw new Error('wrong portfolio');
        },
      },
    ],
    READS,
  );
  const heatmaps: Result[] = [];
  const heatmapRatios: { name: string; p50Times: number; p95Times: number }[] = [];
  for (const first of HEATMAP_PAGES) {
    const values = { after: null, limit: first + 1 };
    const rows = Math.min(first + 1, BIG.vendors);
    const label = `5. heatmap, ${first} vendors`;
    const [sql, rls, api] = await measureInTurns(
      [
        {
          name: `${label}, hand-written SQL`,
          op: async () => expectRows(await bare(PORTFOLIO_SQL.heatmap, values), rows),
        },
        {
          name: `${label}, same SQL as the API sends it (RLS)`,
          op: async () => expectRows(await asTenant(PORTFOLIO_SQL.heatmap, values), rows),
        },
        {
          name: `${label}, GraphQL`,
          op: async () => {
            const data = await client.post(heatmapQuery(first), bigToken);
            const heatmap = data.riskHeatmap as { edges: unknown[] };
            if (heatmap.edges.length !== first) throw new Error('wrong heatmap');
          },
        },
      ],
      READS,
    );
    heatmaps.push(sql, rls, api);
    heatmapRatios.push(
      ratio(`${label}: GraphQL vs SQL`, api, sql),
      ratio(`${label}: GraphQL vs SQL as the API sends it`, api, rls),
    );
  }
  const peakAfterReads = peak();
  const saves = await benchSaves(app, respondents, template, msp, rest[0]);
  return {
    peakAfterReads,
    results: [overviewSql, overviewRls, overviewApi, ...heatmaps, ...saves],
    ratios: [
      ratio('4. overview: GraphQL vs SQL', overviewApi, overviewSql),
      ratio('4. overview: GraphQL vs SQL as the API sends it', overviewApi, overviewRls),
      ...heatmapRatios,
    ],
  };
}

function ratio(name: string, api: Result, sql: Result) {
  return { name, p50Times: api.p50 / sql.p50, p95Times: api.p95 / sql.p95 };
}

/** 50 respondents at one MSP, each saving 50-answer batches into its own open assessment. */
async function benchSaves(
  app: INestApplicationContext,
  client: GraphqlClient,
  template: QuestionnaireTemplate,
  msp: BenchTenant,
  customer: BenchTenant,
): Promise<Result[]> {
  const dataSource = ownerDataSourceOf(app);
  await dataSource.query(`UPDATE tenants SET answers_assessments = true WHERE id = $1`, [
    msp.tenantId,
  ]);
  const questions = template.families.flatMap((f) => f.questions).slice(0, BATCH);
  const [{ id: formId }] = await dataSource.query<{ id: string }[]>(
    `SELECT id FROM assessment_forms WHERE tenant_id = $1 LIMIT 1`,
    [customer.tenantId],
  );
  const [{ id: vendorId }] = await dataSource.query<{ id: string }[]>(
    `SELECT id FROM vendors WHERE tenant_id = $1 LIMIT 1`,
    [customer.tenantId],
  );
  const ids = Array.from({ length: RESPONDENTS }, () => randomUUID());
  for (const id of ids) {
    await dataSource.query(
      `INSERT INTO assessments (tenant_id, id, vendor_id, form_id, title, state, tier, question_ids,
         due_on, respondent_tenant_id, customer_name, vendor_name, created_at, state_changed_at, sent_at)
       VALUES ($1, $2, $3, $4, 'Bench open assessment', 'in_progress', 1, $5, '2030-01-01', $6,
         'Bench customer', 'Bench MSP', now(), now(), now())`,
      [
        customer.tenantId,
        id,
        vendorId,
        formId,
        template.families.flatMap((f) => f.questions.map((q) => q.id)),
        msp.tenantId,
      ],
    );
  }
  const token = await app.get(AccessTokenService).issue(msp.userId, msp.tenantId, 1);
  const versions = ids.map(() => new Map<string, number>());
  const rounds = ids.map(() => 0);
  // Paced: each respondent saves a 50-answer page every second, after its previous save.
  const previous = ids.map(() => Promise.resolve());
  const paced = await measurePaced(
    `6a. save ${BATCH} answers, ${RESPONDENTS} respondents × 1 save/s`,
    (client) => (previous[client] = previous[client].then(() => saveBatch(client))),
    { clients: RESPONDENTS, intervalMs: 1_000, durationMs: 20_000 },
  );
  // Saturated: each respondent saves again the moment its last save returns.
  const free = ids.map((_, slot) => slot);
  const saturated = await measure(
    `6b. save ${BATCH} answers, ${RESPONDENTS} respondents flat out`,
    async () => {
      const slot = free.pop();
      if (slot === undefined) throw new Error('more saves in flight than respondents');
      try {
        await saveBatch(slot);
      } finally {
        free.push(slot);
      }
    },
    SAVES,
  );
  return [paced, saturated];

  async function saveBatch(slot: number): Promise<void> {
    const known = versions[slot];
    const round = rounds[slot]++;
    const answers = questions.map((q) => ({
      questionId: q.id,
      expectedVersion: known.get(q.id) ?? 0,
      ...graphqlAnswer(q, round),
    }));
    const data = await client.post(SAVE, token, { a: ids[slot], s: answers });
    for (const saved of data.saveAnswers as { questionId: string; version: number }[]) {
      known.set(saved.questionId, saved.version);
    }
  }
}
