import type {
  FamilyScore,
  QuestionScore,
  ResidualMatrix,
  RiskLevel,
  ScoreResult,
  WeightTally,
} from '@app/scoring';
import type { AssessmentScore } from '../scores/scores.service.js';
import type { ScoringSettings, ScoringSettingsChange } from '../scores/scoring-settings.service.js';
import { InvalidAssessmentError } from '../assessments.errors.js';
import type {
  AssessmentScoreObject,
  ScoringSettingsInput,
  ScoringSettingsObject,
} from './score.objects.js';

export function scoreView(score: AssessmentScore): AssessmentScoreObject {
  const r: StoredResult = score.result;
  return {
    kind: score.kind,
    overall: r.overall,
    rating: r.rating,
    bandRating: r.bandRating,
    residualRisk: r.residualRisk,
    tier: r.tier,
    failedKnockouts: [...r.failedKnockouts],
    openKnockouts: [...(r.openKnockouts ?? [])],
    notApplicable: r.notApplicable ?? acceptedBefore2(r.families.flatMap((f) => f.questions)),
    pending: r.pending ?? NOTHING,
    families: r.families.map((f) => familyView(f)),
    engineVersion: r.engineVersion,
    templateKey: r.template.key,
    templateVersion: r.template.version,
    settingsVersion: score.settingsVersion,
    asOf: r.asOf,
    computedAt: score.computedAt,
  };
}

/** Engine 1.0.0 breakdowns (stored before 2.0.0) lack the tallies, notes and open knockouts. */
type StoredResult = ScoreResult & Partial<Pick<ScoreResult, 'openKnockouts'>>;

const NOTHING: WeightTally = { count: 0, weight: 0 };

function familyView(family: FamilyScore): AssessmentScoreObject['families'][number] {
  const questions = family.questions.map((q) => ({ ...q, note: q.note ?? null }));
  return {
    familyId: family.familyId,
    weight: family.weight,
    score: family.score,
    notApplicable: family.notApplicable ?? acceptedBefore2(family.questions),
    pending: family.pending ?? NOTHING,
    questions,
  };
}

/** Engine 1.0.0 left every not-applicable answer out, as if accepted, and had nothing pending. */
function acceptedBefore2(questions: readonly QuestionScore[]): WeightTally {
  const left = questions.filter((q) => q.reason === 'not_applicable');
  return { count: left.length, weight: left.reduce((sum, q) => sum + q.weight, 0) };
}

export function settingsView(settings: ScoringSettings): ScoringSettingsObject {
  return {
    bands: { ...settings.bands },
    residualMatrix: ([1, 2, 3, 4] as const).map((tier) => ({
      tier,
      ...settings.residualMatrix[tier],
    })),
    familyWeights: Object.entries(settings.familyWeights).map(([familyId, weight]) => ({
      familyId,
      weight,
    })),
    version: settings.version,
  };
}

export function settingsChange(input: ScoringSettingsInput): ScoringSettingsChange {
  let residualMatrix: ResidualMatrix | undefined;
  if (input.residualMatrix) {
    const tiers = new Set(input.residualMatrix.map((row) => row.tier));
    if (tiers.size !== 4 || input.residualMatrix.length !== 4) {
      throw new InvalidAssessmentError(
        'RESIDUAL_MATRIX_INVALID',
        'Give the residual-risk matrix one row for each tier, 1 to 4.',
      );
    }
    const row = (tier: number) => {
      const found = input.residualMatrix?.find((r) => r.tier === tier);
      return {
        low: found?.low as RiskLevel,
        moderate: found?.moderate as RiskLevel,
        high: found?.high as RiskLevel,
        critical: found?.critical as RiskLevel,
      };
    };
    residualMatrix = { 1: row(1), 2: row(2), 3: row(3), 4: row(4) };
  }
  return {
    bands: input.bands ? { ...input.bands } : undefined,
    residualMatrix,
    familyWeights: input.familyWeights
      ? Object.fromEntries(input.familyWeights.map((w) => [w.familyId, w.weight]))
      : undefined,
  };
}
