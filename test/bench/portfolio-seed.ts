import { randomUUID } from 'node:crypto';
import { questionsForTier, scopedTemplate } from '@app/assessments';
import type { AnswerValue, Question, QuestionnaireTemplate } from '@app/catalog';
import { FRAMEWORKS } from '@app/catalog';
import {
  type CriticalityTier,
  type ScoringAnswer,
  scoreAssessment,
  scoreByFramework,
} from '@app/scoring';
import type { DataSource } from 'typeorm';
import { bulkInsert } from './bulk-insert.js';

export interface PortfolioShape {
  readonly vendors: number;
  readonly assessmentsPerVendor: number;
}

export interface SeededPortfolio {
  readonly vendors: number;
  readonly assessments: number;
  readonly answers: number;
}

/** Deterministic variety: answer quality from a cheap hash of (assessment, question). */
function grade(seed: number): 'good' | 'fair' | 'poor' {
  const x = Math.sin(seed) * 10_000;
  const r = x - Math.floor(x);
  return r < 0.6 ? 'good' : r < 0.85 ? 'fair' : 'poor';
}

function answerFor(question: Question, seed: number): ScoringAnswer {
  const spec = question.answer;
  const level = grade(seed);
  const pick = <T>(good: T, fair: T, poor: T): T =>
    level === 'good' ? good : level === 'fair' ? fair : poor;
  let value: AnswerValue;
  switch (spec.type) {
    case 'yes_no':
      value = pick('yes', 'partial', 'no');
      break;
    case 'single_choice':
      value =
        spec.options[pick(0, Math.min(1, spec.options.length - 1), spec.options.length - 1)].value;
      break;
    case 'multiple_choice':
      value = [spec.options[0].value];
      break;
    case 'number':
      value = pick(spec.min ?? 1, 12, 90);
      break;
    case 'percentage':
      value = pick(100, 80, 40);
      break;
    case 'date':
      value = pick('2026-09-01', '2026-01-01', '2024-06-01');
      break;
    case 'text':
      value = 'Documented in our security policy.';
      break;
    case 'evidence':
      return { value: null, notApplicable: true };
  }
  return { value, notApplicable: false };
}

const day = (offset: number) => new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000);

/**
 * A customer's portfolio written straight into the tables, as completed assessments with
 * answers and final scores computed by the real scoring engine: the shape the dashboards read.
 */
export async function seedPortfolio(
  dataSource: DataSource,
  tenantId: string,
  template: QuestionnaireTemplate,
  shape: PortfolioShape,
  respondentTenantId: string | null = null,
): Promise<SeededPortfolio> {
  const formId = randomUUID();
  await dataSource.query(
    `INSERT INTO assessment_forms (tenant_id, id, template_key, template_version, built_in, content, created_at)
     VALUES ($1, $2, $3, $4, true, $5, now())`,
    [tenantId, formId, template.key, template.version, JSON.stringify(template)],
  );
  const vendorRows = Array.from({ length: shape.vendors }, (_, i) => {
    const tier = (i % 2 === 0 ? 3 : 4) as CriticalityTier;
    const name = `Vendor ${String(i).padStart(5, '0')}`;
    return {
      tenant_id: tenantId,
      id: randomUUID(),
      name,
      name_key: name.toLowerCase(),
      access: { remoteAccessTools: [], privilegedAccounts: [], systems: [] },
      intake: {
        dataAccess: 'internal',
        privilegedAccess: 'limited',
        businessImpact: 'moderate',
        substitutability: 'easy',
      },
      tier,
      tags: i % 10 === 0 ? ['critical-path'] : [],
      version: 1,
      created_at: new Date(),
      updated_at: new Date(),
    };
  });
  await bulkInsert(
    dataSource,
    'vendors',
    [
      ['tenant_id', 'uuid'],
      ['id', 'uuid'],
      ['name', 'varchar'],
      ['name_key', 'varchar'],
      ['access', 'jsonb'],
      ['intake', 'jsonb'],
      ['tier', 'smallint'],
      ['tags', 'text[]'],
      ['version', 'integer'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    vendorRows,
  );
  const scopes = new Map(
    ([3, 4] as const).map((tier) => {
      const ids = questionsForTier(template, tier);
      return [tier, { ids, template: scopedTemplate(template, ids) }];
    }),
  );
  let assessments = 0;
  let answers = 0;
  for (const vendor of vendorRows) {
    const scope = scopes.get(vendor.tier as 3 | 4);
    if (!scope) throw new Error('unexpected tier');
    const questions = scope.template.families.flatMap((f) => f.questions);
    const assessmentRows: Record<string, unknown>[] = [];
    const answerRows: Record<string, unknown>[] = [];
    const scoreRows: Record<string, unknown>[] = [];
    const familyRows: Record<string, unknown>[] = [];
    for (let cycle = 0; cycle < shape.assessmentsPerVendor; cycle++) {
      const id = randomUUID();
      const completedAt = day(cycle * 120 + (assessments % 90));
      const seed = assessments * 131;
      const given: Record<string, ScoringAnswer> = {};
      questions.forEach((q, index) => {
        given[q.id] = answerFor(q, seed + index);
        answerRows.push({
          tenant_id: tenantId,
          assessment_id: id,
          question_id: q.id,
          respondent_tenant_id: respondentTenantId,
          value: given[q.id].value,
          not_applicable: given[q.id].notApplicable,
          version: 1,
          answered_at: completedAt,
          review_status: 'accepted',
        });
      });
      const result = scoreAssessment({
        template: scope.template,
        answers: given,
        submitted: true,
        tier: vendor.tier,
        templateRef: { key: template.key, version: template.version },
        asOf: completedAt.toISOString().slice(0, 10),
      });
      const latest = cycle === shape.assessmentsPerVendor - 1;
      const scoreId = randomUUID();
      assessmentRows.push({
        tenant_id: tenantId,
        id,
        vendor_id: vendor.id,
        form_id: formId,
        title: `${template.title} — ${vendor.name}`,
        state: 'completed',
        tier: vendor.tier,
        question_ids: scope.ids,
        due_on: completedAt.toISOString().slice(0, 10),
        respondent_tenant_id: respondentTenantId,
        customer_name: 'Bench customer',
        vendor_name: vendor.name,
        created_at: completedAt,
        state_changed_at: completedAt,
        completed_at: completedAt,
      });
      const controls = Object.fromEntries(
        FRAMEWORKS.map((f) => [
          f,
          Object.fromEntries(
            scoreByFramework(result, scope.template, f).map((c) => [c.control, c.score]),
          ),
        ]),
      );
      scoreRows.push({
        tenant_id: tenantId,
        id: scoreId,
        assessment_id: id,
        vendor_id: vendor.id,
        respondent_tenant_id: respondentTenantId,
        tier: vendor.tier,
        overall: result.overall,
        rating: result.rating,
        residual_risk: result.residualRisk,
        failed_knockouts: result.failedKnockouts,
        families: result.families.map((f) => ({
          familyId: f.familyId,
          title: scope.template.families.find((x) => x.id === f.familyId)?.title,
          weight: f.weight,
          score: f.score,
        })),
        controls,
        breakdown: result,
        engine_version: result.engineVersion,
        template_key: template.key,
        template_version: template.version,
        settings_version: 0,
        completed_at: completedAt,
        computed_at: completedAt,
        current: true,
        latest_for_vendor: latest,
      });
      for (const family of result.families) {
        if (family.score === null) continue;
        familyRows.push({
          tenant_id: tenantId,
          score_id: scoreId,
          family_id: family.familyId,
          vendor_id: vendor.id,
          score: family.score,
          latest_for_vendor: latest,
        });
      }
      assessments++;
    }
    answers += answerRows.length;
    await writeVendorRows(dataSource, assessmentRows, answerRows, scoreRows, familyRows);
  }
  return { vendors: vendorRows.length, assessments, answers };
}

async function writeVendorRows(
  dataSource: DataSource,
  assessments: Record<string, unknown>[],
  answers: Record<string, unknown>[],
  scores: Record<string, unknown>[],
  families: Record<string, unknown>[],
): Promise<void> {
  await bulkInsert(
    dataSource,
    'assessments',
    [
      ['tenant_id', 'uuid'],
      ['id', 'uuid'],
      ['vendor_id', 'uuid'],
      ['form_id', 'uuid'],
      ['title', 'varchar'],
      ['state', 'varchar'],
      ['tier', 'smallint'],
      ['question_ids', 'text[]'],
      ['due_on', 'date'],
      ['respondent_tenant_id', 'uuid'],
      ['customer_name', 'varchar'],
      ['vendor_name', 'varchar'],
      ['created_at', 'timestamptz'],
      ['state_changed_at', 'timestamptz'],
      ['completed_at', 'timestamptz'],
    ],
    assessments,
  );
  await bulkInsert(
    dataSource,
    'assessment_answers',
    [
      ['tenant_id', 'uuid'],
      ['assessment_id', 'uuid'],
      ['question_id', 'varchar'],
      ['respondent_tenant_id', 'uuid'],
      ['value', 'jsonb'],
      ['not_applicable', 'boolean'],
      ['version', 'integer'],
      ['answered_at', 'timestamptz'],
      ['review_status', 'varchar'],
    ],
    answers,
  );
  await bulkInsert(
    dataSource,
    'assessment_scores',
    [
      ['tenant_id', 'uuid'],
      ['id', 'uuid'],
      ['assessment_id', 'uuid'],
      ['vendor_id', 'uuid'],
      ['respondent_tenant_id', 'uuid'],
      ['tier', 'smallint'],
      ['overall', 'float8'],
      ['rating', 'varchar'],
      ['residual_risk', 'varchar'],
      ['failed_knockouts', 'jsonb'],
      ['families', 'jsonb'],
      ['controls', 'jsonb'],
      ['breakdown', 'jsonb'],
      ['engine_version', 'varchar'],
      ['template_key', 'varchar'],
      ['template_version', 'varchar'],
      ['settings_version', 'integer'],
      ['completed_at', 'timestamptz'],
      ['computed_at', 'timestamptz'],
      ['current', 'boolean'],
      ['latest_for_vendor', 'boolean'],
    ],
    scores,
  );
  await bulkInsert(
    dataSource,
    'assessment_family_scores',
    [
      ['tenant_id', 'uuid'],
      ['score_id', 'uuid'],
      ['family_id', 'varchar'],
      ['vendor_id', 'uuid'],
      ['score', 'float8'],
      ['latest_for_vendor', 'boolean'],
    ],
    families,
  );
}
