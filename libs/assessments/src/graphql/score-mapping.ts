import type { ResidualMatrix, RiskLevel } from '@app/scoring';
import type { AssessmentScore } from '../scores/scores.service.js';
import type { ScoringSettings, ScoringSettingsChange } from '../scores/scoring-settings.service.js';
import { InvalidAssessmentError } from '../assessments.errors.js';
import type {
  AssessmentScoreObject,
  ScoringSettingsInput,
  ScoringSettingsObject,
} from './score.objects.js';

export function scoreView(score: AssessmentScore): AssessmentScoreObject {
  const r = score.result;
  return {
    kind: score.kind,
    overall: r.overall,
    rating: r.rating,
    bandRating: r.bandRating,
    residualRisk: r.residualRisk,
    tier: r.tier,
    failedKnockouts: [...r.failedKnockouts],
    families: r.families.map((f) => ({ ...f, questions: [...f.questions] })),
    engineVersion: r.engineVersion,
    templateKey: r.template.key,
    templateVersion: r.template.version,
    settingsVersion: score.settingsVersion,
    asOf: r.asOf,
    computedAt: score.computedAt,
  };
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
