import {
  type AnswerValue,
  type ControlFamily,
  type Question,
  type QuestionnaireTemplate,
  visibleQuestions,
} from '@app/catalog';
import { summariseAnswer } from './answer-summary.js';
import { complianceValue, hasAnswer, isNotApplicable } from './compliance-value.js';
import { DEFAULT_RESIDUAL_MATRIX } from './residual-risk.js';
import {
  checkRatingBands,
  DEFAULT_RATING_BANDS,
  KNOCKOUT_CAP,
  ratingForScore,
  worseOf,
} from './risk-rating.js';
import {
  type ExclusionReason,
  type FailedKnockout,
  type FamilyScore,
  type QuestionScore,
  SCORING_ENGINE_VERSION,
  type ScoreInput,
  type ScoreResult,
  type ScoringAnswer,
} from './scoring.types.js';

/** A knockout passes at or above this compliance value unless the question sets passLevel. */
export const DEFAULT_PASS_LEVEL = 1;

/**
 * Scores an assessment: each visible, applicable, answered question gets v in [0, 1]; a family
 * scores 100 × Σ(w·v) / Σw; the overall is the family scores averaged by family weight. Once
 * submitted, an unanswered visible question counts v = 0; before that it is left out, so the
 * provisional score rates what has been answered so far.
 */
export function scoreAssessment(input: ScoreInput): ScoreResult {
  const bands = input.bands ?? DEFAULT_RATING_BANDS;
  checkRatingBands(bands);
  const asOf = input.asOf ?? new Date().toISOString().slice(0, 10);
  const visible = visibleIds(input.template, input.answers);
  const failedKnockouts: FailedKnockout[] = [];
  const fractions: (number | null)[] = [];
  const families = input.template.families.map((family): FamilyScore => {
    const questions = family.questions.map((question) =>
      scoreQuestion(question, answerTo(input.answers, question.id), {
        visible: visible.has(question.id),
        submitted: input.submitted,
        asOf,
      }),
    );
    failedKnockouts.push(...failedIn(family, questions));
    const fraction = familyFraction(questions);
    fractions.push(fraction);
    const weight = family.weight ?? 1;
    return {
      familyId: family.id,
      weight,
      score: fraction === null ? null : 100 * fraction,
      questions,
    };
  });
  const overall = overallScore(families.map((family, index) => [family.weight, fractions[index]]));
  const bandRating = overall === null ? null : ratingForScore(overall, bands);
  // With no overall score a failed knockout still says something: the rating is the cap.
  const rating =
    failedKnockouts.length > 0 ? worseOf(bandRating ?? KNOCKOUT_CAP, KNOCKOUT_CAP) : bandRating;
  const tier = input.tier ?? null;
  const matrix = input.residualMatrix ?? DEFAULT_RESIDUAL_MATRIX;
  return {
    engineVersion: SCORING_ENGINE_VERSION,
    template: { key: input.templateRef.key, version: input.templateRef.version },
    submitted: input.submitted,
    asOf,
    overall,
    bands,
    bandRating,
    rating,
    failedKnockouts,
    tier,
    residualRisk: tier !== null && rating !== null ? matrix[tier][rating] : null,
    families,
  };
}

function answerTo(
  answers: Readonly<Record<string, ScoringAnswer>>,
  questionId: string,
): ScoringAnswer | undefined {
  return Object.hasOwn(answers, questionId) ? answers[questionId] : undefined;
}

/** Conditions see answers as the assessments lib shows them: not applicable as 'not_applicable'. */
function visibleIds(
  template: QuestionnaireTemplate,
  answers: Readonly<Record<string, ScoringAnswer>>,
): Set<string> {
  const values: Record<string, AnswerValue> = {};
  for (const [id, answer] of Object.entries(answers)) {
    if (answer.notApplicable) values[id] = 'not_applicable';
    else if (answer.value !== null) values[id] = answer.value;
  }
  return new Set(visibleQuestions(template, values).map((question) => question.id));
}

function scoreQuestion(
  question: Question,
  answer: ScoringAnswer | undefined,
  context: { visible: boolean; submitted: boolean; asOf: string },
): QuestionScore {
  const base = {
    questionId: question.id,
    answer: summariseAnswer(question, answer),
    weight: question.weight,
    knockout: question.knockout === true,
  };
  const excluded = (reason: ExclusionReason) =>
    ({ ...base, counted: false, compliance: null, reason }) as const;
  // A hidden question's answer may be left over from before its condition changed: ignore it.
  if (!context.visible) return excluded('hidden');
  if (question.scoring.kind === 'none' || !(question.weight > 0)) return excluded('not_scored');
  if (answer && isNotApplicable(question, answer)) return excluded('not_applicable');
  if (!answer || !hasAnswer(question, answer)) {
    return context.submitted
      ? { ...base, counted: true, compliance: 0, reason: null }
      : excluded('unanswered');
  }
  const compliance = complianceValue(question, answer, context.asOf) ?? 0;
  return { ...base, counted: true, compliance, reason: null };
}

function failedIn(family: ControlFamily, scores: readonly QuestionScore[]): FailedKnockout[] {
  return family.questions.flatMap((question, index) => {
    const score = scores[index];
    const passLevel = question.passLevel ?? DEFAULT_PASS_LEVEL;
    if (!question.knockout || !score.counted || score.compliance >= passLevel) return [];
    return [
      {
        questionId: question.id,
        familyId: family.id,
        reason: question.knockoutReason ?? '',
        compliance: score.compliance,
        passLevel,
      },
    ];
  });
}

/** Σ(w·v) / Σw over counted questions, in [0, 1]; null when none counts. */
function familyFraction(questions: readonly QuestionScore[]): number | null {
  let weighted = 0;
  let total = 0;
  for (const question of questions) {
    if (!question.counted) continue;
    weighted += question.weight * question.compliance;
    total += question.weight;
  }
  return total > 0 ? weighted / total : null;
}

/**
 * Family scores averaged by family weight, over families that have a score. Averaged as
 * fractions in [0, 1] and scaled last, so rounding can never carry the result past 100.
 */
function overallScore(families: readonly (readonly [number, number | null])[]): number | null {
  let weighted = 0;
  let total = 0;
  for (const [weight, fraction] of families) {
    if (fraction === null) continue;
    weighted += weight * fraction;
    total += weight;
  }
  return total > 0 ? 100 * (weighted / total) : null;
}
