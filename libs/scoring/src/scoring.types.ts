import type { AnswerValue, QuestionnaireTemplate } from '@app/catalog';

/** Stamped on every result, so a stored score says which rules produced it. */
export const SCORING_ENGINE_VERSION = '2.0.0';

/** From best to worst; the order is used to pick the worse of two levels. */
export const RISK_LEVELS = ['low', 'moderate', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** A vendor's criticality: 1 is the most critical, 4 the least (as in @app/vendors). */
export type CriticalityTier = 1 | 2 | 3 | 4;

/** Lowest overall score (0–100) for each rating; below `high` is critical. */
export interface RatingBands {
  readonly low: number;
  readonly moderate: number;
  readonly high: number;
}

/** Residual risk for each criticality tier and rating. */
export type ResidualMatrix = Readonly<
  Record<CriticalityTier, Readonly<Record<RiskLevel, RiskLevel>>>
>;

/** An answer in its stored shape (value null when not applicable or a bare evidence answer). */
export interface ScoringAnswer {
  readonly value: AnswerValue;
  readonly notApplicable: boolean;
  /** Files attached: an evidence question counts as answered only with at least one. */
  readonly evidenceCount?: number;
  /** The reviewer accepted this answer; for a not-applicable claim, that accepts the claim. */
  readonly reviewAccepted?: boolean;
  /** The reviewer's grade for a review-scored (kind provided) answer; null/undefined = not graded. */
  readonly grade?: number | null;
}

export interface TemplateReference {
  readonly key: string;
  readonly version: string;
}

export interface ScoreInput {
  readonly template: QuestionnaireTemplate;
  readonly answers: Readonly<Record<string, ScoringAnswer>>;
  /** Submitted: an unanswered visible question counts 0. Otherwise the score is provisional. */
  readonly submitted: boolean;
  readonly bands?: RatingBands;
  readonly residualMatrix?: ResidualMatrix;
  readonly tier?: CriticalityTier;
  readonly templateRef: TemplateReference;
  /** The day date answers are aged against (YYYY-MM-DD); today in UTC when left out. */
  readonly asOf?: string;
}

/** Why a question is left out of its family's score. */
export type ExclusionReason =
  'hidden' | 'not_scored' | 'not_applicable' | 'unanswered' | 'pending_review';

interface QuestionScoreBase {
  readonly questionId: string;
  /** A short summary of the stored answer (never free text itself); null when unanswered. */
  readonly answer: string | null;
  readonly weight: number;
  readonly knockout: boolean;
  /** A plain sentence why it counted 0, is pending or is excluded; null when nothing to say. */
  readonly note: string | null;
}

/** A question in its family's score with compliance value v in [0, 1]. */
export interface CountedQuestion extends QuestionScoreBase {
  readonly counted: true;
  readonly compliance: number;
  readonly reason: null;
}

export interface ExcludedQuestion extends QuestionScoreBase {
  readonly counted: false;
  readonly compliance: null;
  readonly reason: ExclusionReason;
}

export type QuestionScore = CountedQuestion | ExcludedQuestion;

export interface FamilyScore {
  readonly familyId: string;
  /** The family's weight in the overall score (the template's, default 1). */
  readonly weight: number;
  /** 0–100, or null when none of its questions counts (then it is left out of the overall). */
  readonly score: number | null;
  /** Accepted not-applicable claims among visible, scored questions. */
  readonly notApplicable: WeightTally;
  /** Not-applicable claims awaiting review and ungraded provided answers. */
  readonly pending: WeightTally;
  readonly questions: readonly QuestionScore[];
}

/** How many questions, and how much question weight, fall in a group. */
export interface WeightTally {
  readonly count: number;
  readonly weight: number;
}

export interface FailedKnockout {
  readonly questionId: string;
  readonly familyId: string;
  readonly reason: string;
  readonly compliance: number;
  readonly passLevel: number;
}

/** A visible knockout not truly met: unanswered, pending review, or N/A not accepted. */
export interface OpenKnockout {
  readonly questionId: string;
  readonly familyId: string;
  readonly reason: string;
}

export interface ScoreResult {
  readonly engineVersion: string;
  readonly template: TemplateReference;
  readonly submitted: boolean;
  readonly asOf: string;
  /** 0–100, or null when nothing counts yet. */
  readonly overall: number | null;
  readonly bands: RatingBands;
  /** The rating the overall score alone earns. */
  readonly bandRating: RiskLevel | null;
  /** The band rating, made no better than `high` by any failed or open knockout. */
  readonly rating: RiskLevel | null;
  readonly failedKnockouts: readonly FailedKnockout[];
  readonly openKnockouts: readonly OpenKnockout[];
  /** Accepted not-applicable claims, over all families. */
  readonly notApplicable: WeightTally;
  /** Not-applicable claims awaiting review and ungraded provided answers, over all families. */
  readonly pending: WeightTally;
  readonly tier: CriticalityTier | null;
  /** From the residual matrix; null without a tier or a rating. */
  readonly residualRisk: RiskLevel | null;
  readonly families: readonly FamilyScore[];
}

/** One control category of a framework, e.g. CSF 2.0 `PR.AA`, scored over its mapped questions. */
export interface ControlScore {
  readonly control: string;
  readonly score: number;
  readonly questions: number;
}
