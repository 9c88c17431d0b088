import {
  allowsNotApplicable,
  type AnswerValue,
  type ControlFamily,
  type Question,
  type QuestionnaireTemplate,
  visibleQuestions,
} from '@app/catalog';
import { summariseAnswer } from './answer-summary.js';
import { hasAnswer, isNotApplicable, valueAnswer } from './compliance-value.js';
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
  type OpenKnockout,
  type QuestionScore,
  type RiskLevel,
  SCORING_ENGINE_VERSION,
  type ScoreInput,
  type ScoreResult,
  type ScoringAnswer,
  type WeightTally,
} from './scoring.types.js';

/** A knockout passes at or above this compliance value unless the question sets passLevel. */
export const DEFAULT_PASS_LEVEL = 1;

/**
 * Scores an assessment: each visible, applicable, answered question gets v in [0, 1]; a family
 * scores 100 × Σ(w·v) / Σw; the overall is the family scores averaged by family weight. Once
 * submitted, an unanswered visible question counts v = 0; before that it is left out, so the
 * provisional score rates what has been answered so far.
 *
 * Engine 2 closes the ways round that: not applicable is a claim that counts only once a reviewer
 * accepts it (until then it is unanswered); text and evidence wait for a reviewer's grade; a
 * follow-up never scores above the question it follows; a future date on a "when was it last
 * done" question is 0; an exclusive option mixed with others counts alone; and a knockout that is
 * not truly met, failed or still open, caps the rating.
 */
export function scoreAssessment(input: ScoreInput): ScoreResult {
  const bands = input.bands ?? DEFAULT_RATING_BANDS;
  checkRatingBands(bands);
  const asOf = input.asOf ?? new Date().toISOString().slice(0, 10);
  const visible = visibleIds(input.template, input.answers);
  const failedKnockouts: FailedKnockout[] = [];
  const openKnockouts: OpenKnockout[] = [];
  const fractions: (number | null)[] = [];
  // Scores so far by question id, so a follow-up can be capped at the question it follows.
  const scored = new Map<string, QuestionScore>();
  const families = input.template.families.map((family): FamilyScore => {
    const assessed = family.questions.map((question) => {
      const result = scoreQuestion(question, answerTo(input.answers, question.id), {
        visible: visible.has(question.id),
        submitted: input.submitted,
        asOf,
        followed: question.followsUp === undefined ? undefined : scored.get(question.followsUp),
      });
      scored.set(question.id, result.score);
      return result;
    });
    const questions = assessed.map((result) => result.score);
    failedKnockouts.push(...failedIn(family, assessed));
    openKnockouts.push(...openIn(family, assessed));
    const fraction = familyFraction(questions);
    fractions.push(fraction);
    const weight = family.weight ?? 1;
    return {
      familyId: family.id,
      weight,
      score: fraction === null ? null : 100 * fraction,
      notApplicable: tally(assessed, 'accepted_na'),
      pending: tally(assessed, 'pending'),
      questions,
    };
  });
  const overall = overallScore(families.map((family, index) => [family.weight, fractions[index]]));
  const bandRating = overall === null ? null : ratingForScore(overall, bands);
  const rating = cappedRating(
    bandRating,
    failedKnockouts.length > 0,
    openKnockouts.length > 0,
    input.submitted,
  );
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
    openKnockouts,
    notApplicable: sumTallies(families.map((family) => family.notApplicable)),
    pending: sumTallies(families.map((family) => family.pending)),
    tier,
    residualRisk: tier !== null && rating !== null ? matrix[tier][rating] : null,
    families,
  };
}

/**
 * A failed or open knockout makes the rating no better than the cap. With no overall score a
 * failed knockout still says something (the rating is the cap), and so does an open one once
 * submitted; before that an open one alone does not, so an assessment nobody has started has
 * no rating yet.
 */
function cappedRating(
  band: RiskLevel | null,
  failed: boolean,
  open: boolean,
  submitted: boolean,
): RiskLevel | null {
  if (band === null) return failed || (open && submitted) ? KNOCKOUT_CAP : null;
  return failed || open ? worseOf(band, KNOCKOUT_CAP) : band;
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

/**
 * How a question stands beyond its score: `met` when its value comes from a real answer; `open`
 * when it has none (unanswered, or N/A where N/A is not allowed); `pending` when it waits for the
 * reviewer (an N/A claim, an ungraded answer); `accepted_na` for an accepted N/A claim;
 * `ignored` for hidden and unscored questions.
 */
type Standing = 'met' | 'open' | 'pending' | 'accepted_na' | 'ignored';

interface AssessedQuestion {
  readonly score: QuestionScore;
  readonly standing: Standing;
}

function scoreQuestion(
  question: Question,
  answer: ScoringAnswer | undefined,
  context: {
    visible: boolean;
    submitted: boolean;
    asOf: string;
    followed: QuestionScore | undefined;
  },
): AssessedQuestion {
  const base = {
    questionId: question.id,
    answer: summariseAnswer(question, answer),
    weight: question.weight,
    knockout: question.knockout === true,
  };
  const excluded = (reason: ExclusionReason, note: string | null, standing: Standing) => ({
    score: { ...base, counted: false, compliance: null, reason, note } as const,
    standing,
  });
  const counted = (compliance: number, note: string | null, standing: Standing) => ({
    score: { ...base, counted: true, compliance, reason: null, note } as const,
    standing,
  });
  // Until it can count, an answer is unanswered: 0 once submitted, left out before.
  const notYet = (note: string, standing: Standing) =>
    context.submitted
      ? counted(0, `${note}; counts 0 after submission`, standing)
      : excluded('unanswered', note, standing);
  // A hidden question's answer may be left over from before its condition changed: ignore it.
  if (!context.visible) return excluded('hidden', 'Not asked: its condition is not met', 'ignored');
  if (question.scoring.kind === 'none' || !(question.weight > 0)) {
    return excluded('not_scored', 'Informational; not scored', 'ignored');
  }
  if (answer && isNotApplicable(question, answer)) {
    if (!allowsNotApplicable(question)) {
      return notYet('Not applicable is not allowed on this question', 'open');
    }
    if (answer.reviewAccepted === true) {
      return excluded('not_applicable', 'Not applicable; accepted by the reviewer', 'accepted_na');
    }
    return notYet('Not applicable claimed; waiting for the reviewer', 'pending');
  }
  if (!answer || !hasAnswer(question, answer)) return notYet('Not answered', 'open');
  const { compliance, note } = valueAnswer(question, answer, context.asOf);
  if (compliance === null) return excluded('pending_review', note, 'pending');
  const followed = context.followed;
  if (followed?.counted && compliance > followed.compliance) {
    const cap = `Follow-up capped at ${followed.questionId}'s value`;
    return counted(followed.compliance, note ? `${note}. ${cap}` : cap, 'met');
  }
  return counted(compliance, note ?? (compliance === 0 ? 'The answer scores 0' : null), 'met');
}

/** Knockouts counted below their pass level, unless what counted is a claim awaiting review. */
function failedIn(family: ControlFamily, assessed: readonly AssessedQuestion[]): FailedKnockout[] {
  return family.questions.flatMap((question, index) => {
    const { score, standing } = assessed[index];
    const passLevel = question.passLevel ?? DEFAULT_PASS_LEVEL;
    if (!question.knockout || !score.counted || standing === 'pending') return [];
    if (score.compliance >= passLevel) return [];
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

/**
 * Knockouts not truly met and not failed: one waiting for the reviewer (an N/A claim, an ungraded
 * answer), and before submission one unanswered (after it, that one has failed at 0). Failed and
 * open knockouts never overlap.
 */
function openIn(family: ControlFamily, assessed: readonly AssessedQuestion[]): OpenKnockout[] {
  return family.questions.flatMap((question, index) => {
    const { score, standing } = assessed[index];
    if (!question.knockout) return [];
    if (standing !== 'pending' && !(standing === 'open' && !score.counted)) return [];
    return [
      { questionId: question.id, familyId: family.id, reason: question.knockoutReason ?? '' },
    ];
  });
}

function tally(assessed: readonly AssessedQuestion[], standing: Standing): WeightTally {
  let count = 0;
  let weight = 0;
  for (const question of assessed) {
    if (question.standing !== standing) continue;
    count += 1;
    weight += question.score.weight;
  }
  return { count, weight };
}

function sumTallies(tallies: readonly WeightTally[]): WeightTally {
  return tallies.reduce(
    (sum, next) => ({ count: sum.count + next.count, weight: sum.weight + next.weight }),
    { count: 0, weight: 0 },
  );
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
