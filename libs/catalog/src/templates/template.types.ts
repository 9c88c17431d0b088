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
  | { readonly type: 'yes_no' | 'text' | 'evidence' | 'date' | 'percentage' }
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
}

export type ScoringRule =
  | { readonly kind: 'choice' | 'sum'; readonly values: Readonly<Record<string, number>> }
  | {
      readonly kind: 'threshold';
      readonly direction: 'at_least' | 'at_most';
      readonly steps: readonly { readonly bound: number; readonly value: number }[];
      readonly otherwise: number;
    }
  | { readonly kind: 'provided' | 'none' };

export const FRAMEWORKS = ['nist-800-53', 'csf-2.0', 'cis-v8', 'iso-27001-2022'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export type ControlMappings = Partial<Record<Framework, readonly string[]>>;

/** yes_no questions are answered with one of these; not_applicable is left out of scores. */
export const YES_NO_ANSWERS = ['yes', 'partial', 'no', 'not_applicable'] as const;
