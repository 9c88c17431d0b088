/**
 * A question id as the schema allows it: imports keep their source's ids (`V1.1.1`); built-ins
 * use the `MFA-01` form (checked by catalog:validate).
 */
export const QUESTION_ID_PATTERN = /^[A-Za-z][A-Za-z0-9._-]{0,39}$/;

/** A questionnaire template version as stored in `questionnaires/<key>/<version>.yaml`. */
export interface QuestionnaireTemplate {
  readonly key: string;
  readonly version: string;
  readonly title: string;
  readonly description: string;
  readonly audience: 'msp' | 'customer';
  readonly source?: string;
  readonly families: readonly ControlFamily[];
}

export interface ControlFamily {
  readonly id: string;
  readonly title: string;
  readonly guidance: string;
  readonly weight?: number;
  readonly questions: readonly Question[];
}

export interface Question {
  readonly id: string;
  readonly text: string;
  readonly help?: string;
  readonly answer: AnswerSpec;
  readonly scoring: ScoringRule;
  readonly weight: number;
  readonly required?: boolean;
  readonly knockout?: boolean;
  readonly knockoutReason?: string;
  readonly passLevel?: number;
  readonly visibleWhen?: string;
  readonly evidence?: readonly string[];
  readonly controls?: ControlMappings;
  /** Whether not applicable may be claimed; default true, false for a knockout. */
  readonly allowNotApplicable?: boolean;
  /** Why not applicable may be claimed; a knockout that allows it must say. */
  readonly notApplicableReason?: string;
  /** An earlier, scored question this one follows up: it never scores above that one. */
  readonly followsUp?: string;
  /** Asked of every criticality tier: tier scoping keeps it, like a knockout. */
  readonly everyTier?: boolean;
  /** Free labels, e.g. ASVS levels `L1`, `L2`. */
  readonly tags?: readonly string[];
}

export const ANSWER_TYPES = [
  'yes_no',
  'single_choice',
  'multiple_choice',
  'number',
  'percentage',
  'date',
  'text',
  'evidence',
] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

export type AnswerSpec =
  | { readonly type: 'yes_no' | 'text' | 'evidence' | 'percentage' }
  | {
      readonly type: 'date';
      /** Asks when something was last done: an answer may not lie after the day it is saved. */
      readonly notInFuture?: boolean;
    }
  | {
      readonly type: 'single_choice' | 'multiple_choice';
      readonly options: readonly ChoiceOption[];
    }
  | {
      readonly type: 'number';
      readonly unit: string;
      readonly min?: number;
      readonly max?: number;
    };

export interface ChoiceOption {
  readonly value: string;
  readonly label: string;
  /** On multiple_choice: cannot be chosen together with any other option ("none of these"). */
  readonly exclusive?: boolean;
}

/** A grade a reviewer may give a review-scored (kind provided) answer. */
export interface ReviewGrade {
  readonly value: number;
  readonly label: string;
}

/** The grades a provided answer may get when its rule lists none. */
export const DEFAULT_REVIEW_GRADES: readonly ReviewGrade[] = [
  { value: 0, label: 'Not met' },
  { value: 0.5, label: 'Partly met' },
  { value: 1, label: 'Met' },
];

export type ScoringRule =
  | { readonly kind: 'choice' | 'sum'; readonly values: Readonly<Record<string, number>> }
  | {
      readonly kind: 'threshold';
      readonly direction: 'at_least' | 'at_most';
      readonly steps: readonly { readonly bound: number; readonly value: number }[];
      readonly otherwise: number;
    }
  | {
      /** Pending review until a reviewer grades the answer with one of the grades. */
      readonly kind: 'provided';
      readonly grades?: readonly ReviewGrade[];
    }
  | { readonly kind: 'none' };

export const FRAMEWORKS = ['nist-800-53', 'csf-2.0', 'cis-v8', 'iso-27001-2022'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export type ControlMappings = Partial<Record<Framework, readonly string[]>>;

/** yes_no questions are answered with one of these; not_applicable is a claim a reviewer accepts. */
export const YES_NO_ANSWERS = ['yes', 'partial', 'no', 'not_applicable'] as const;

/** What each yes_no answer means, for anyone listing a yes_no question's options. */
export const YES_NO_OPTIONS: readonly ChoiceOption[] = [
  { value: 'yes', label: 'Yes, fully in place' },
  { value: 'partial', label: 'Partly in place' },
  { value: 'no', label: 'No, not in place' },
  { value: 'not_applicable', label: 'Not applicable (a claim the reviewer accepts or rejects)' },
];

/** The grades a reviewer may give a provided answer: the rule's own, else the defaults. */
export function reviewGrades(rule: ScoringRule): readonly ReviewGrade[] {
  if (rule.kind !== 'provided') return [];
  return rule.grades ?? DEFAULT_REVIEW_GRADES;
}

/** Whether the respondent may claim not applicable: by default yes, except on a knockout. */
export function allowsNotApplicable(question: Question): boolean {
  return question.allowNotApplicable ?? question.knockout !== true;
}

/**
 * The answers a respondent can pick, with their meaning: a choice question's options, or for
 * yes_no the four fixed answers (not applicable only where the question allows the claim).
 */
export function answerOptions(question: Question): readonly ChoiceOption[] {
  const spec = question.answer;
  if (spec.type === 'single_choice' || spec.type === 'multiple_choice') return spec.options;
  if (spec.type !== 'yes_no') return [];
  return allowsNotApplicable(question)
    ? YES_NO_OPTIONS
    : YES_NO_OPTIONS.filter((option) => option.value !== 'not_applicable');
}
