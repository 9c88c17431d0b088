import {
  type AnswerValue,
  type ChoiceOption,
  type Question,
  allowsNotApplicable,
} from '@app/catalog';
import { InvalidAnswerError } from './answer.errors.js';
import { normaliseAnswerText } from './answer-text.js';
import { isCalendarDate } from './calendar-date.js';

export { InvalidAnswerError } from './answer.errors.js';

/** An answer as submitted, before it is checked against its question. */
export interface AnswerInput {
  readonly value: AnswerValue | undefined;
  readonly notApplicable: boolean;
  /** Why not applicable: a claim the reviewer accepts or rejects. */
  readonly notApplicableReason?: string | null;
}

/** An answer in its stored shape: value is null when not applicable (and for a bare evidence answer). */
export interface CheckedAnswer {
  readonly value: AnswerValue;
  readonly notApplicable: boolean;
  readonly notApplicableReason: string | null;
}

export const MAX_NOT_APPLICABLE_REASON_LENGTH = 1000;

const YES_NO = ['yes', 'partial', 'no'] as const;

/**
 * Checks an answer against its question and returns it normalised (text in NFC and trimmed,
 * choices in the template's order). `today` (YYYY-MM-DD, UTC) is the day of the save: a date
 * that asks when something was last done may not lie after it. Throws InvalidAnswerError naming
 * what is wrong.
 */
export function checkAnswer(question: Question, input: AnswerInput, today: string): CheckedAnswer {
  const value = input.value ?? null;
  // yes_no carries "not applicable" as a value in templates and scoring; store it as the flag.
  const saysNotApplicable = question.answer.type === 'yes_no' && value === 'not_applicable';
  if (input.notApplicable || saysNotApplicable) {
    if (value !== null && !saysNotApplicable) {
      throw invalid(question, 'is marked not applicable but also has an answer; clear one of them');
    }
    if (!allowsNotApplicable(question)) {
      throw invalid(question, 'cannot be marked not applicable; answer it');
    }
    return { value: null, notApplicable: true, notApplicableReason: reasonOf(question, input) };
  }
  if (input.notApplicableReason) {
    throw invalid(question, 'has a not-applicable justification but is not marked not applicable');
  }
  if (value === null) {
    // Evidence is answered by its files; the description is optional.
    if (question.answer.type === 'evidence') {
      return { value: null, notApplicable: false, notApplicableReason: null };
    }
    throw invalid(question, 'needs an answer, or mark it not applicable');
  }
  return {
    value: checkValue(question, value, today),
    notApplicable: false,
    notApplicableReason: null,
  };
}

/**
 * A not-applicable answer saved into an assessment is a claim: it needs the respondent's
 * justification, which the reviewer reads before accepting or rejecting it.
 */
export function requireJustification(question: Question, answer: CheckedAnswer): void {
  if (answer.notApplicable && !answer.notApplicableReason) {
    throw invalid(question, 'is marked not applicable: say why (notApplicableReason)');
  }
}

function reasonOf(question: Question, input: AnswerInput): string | null {
  if (input.notApplicableReason === undefined || input.notApplicableReason === null) return null;
  const result = normaliseAnswerText(input.notApplicableReason);
  if ('problem' in result) throw invalid(question, `justification ${result.problem}`);
  if ([...result.text].length > MAX_NOT_APPLICABLE_REASON_LENGTH) {
    throw invalid(
      question,
      `justification is longer than ${MAX_NOT_APPLICABLE_REASON_LENGTH.toLocaleString('en')} characters`,
    );
  }
  return result.text === '' ? null : result.text;
}

/**
 * Whether a question counts as answered for progress and submission. An evidence question is
 * answered by at least one file (a description alone is not evidence) or by being not applicable.
 */
export function isAnswered(
  question: Question,
  answer: Pick<CheckedAnswer, 'value' | 'notApplicable'> | undefined,
  evidenceCount: number,
): boolean {
  if (answer?.notApplicable) return true;
  if (question.answer.type === 'evidence') return evidenceCount >= 1;
  if (!answer || answer.value === null) return false;
  return !(Array.isArray(answer.value) && answer.value.length === 0);
}

function checkValue(
  question: Question,
  value: Exclude<AnswerValue, null>,
  today: string,
): AnswerValue {
  const spec = question.answer;
  switch (spec.type) {
    case 'yes_no':
      return oneOf(question, value, YES_NO);
    case 'single_choice':
      return oneOf(question, value, optionValues(spec.options));
    case 'multiple_choice':
      return alone(question, anyOf(question, value, optionValues(spec.options)), spec.options);
    case 'number': {
      const unit = spec.unit ? ` of ${spec.unit}` : '';
      return numberWithin(question, value, spec.min, spec.max, `a number${unit}`);
    }
    case 'percentage':
      return numberWithin(question, value, 0, 100, 'a percentage');
    case 'date':
      if (typeof value !== 'string' || !isCalendarDate(value)) {
        throw invalid(question, 'expects a date written YYYY-MM-DD, for example 2025-03-31');
      }
      // Calendar dates compare as strings.
      if (spec.notInFuture && value > today) {
        throw invalid(
          question,
          `asks when this was last done: ${value} lies after today (${today})`,
        );
      }
      return value;
    case 'text': {
      const text = checkText(question, value);
      if (text === '') throw invalid(question, 'needs some text, or mark it not applicable');
      return text;
    }
    case 'evidence': {
      const text = checkText(question, value);
      return text === '' ? null : text;
    }
  }
}

function optionValues(options: readonly ChoiceOption[]): readonly string[] {
  return options.map((option) => option.value);
}

function oneOf(question: Question, value: AnswerValue, allowed: readonly string[]): string {
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw invalid(question, `expects one of: ${allowed.join(', ')}`);
  }
  return value;
}

function anyOf(question: Question, value: AnswerValue, allowed: readonly string[]): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw invalid(question, `expects at least one of: ${allowed.join(', ')}`);
  }
  const chosen = new Set<string>();
  for (const item of value as readonly unknown[]) {
    if (typeof item !== 'string' || !allowed.includes(item)) {
      throw invalid(
        question,
        `has no option ${describe(item)}; choose from: ${allowed.join(', ')}`,
      );
    }
    if (chosen.has(item)) throw invalid(question, `lists ${item} more than once`);
    chosen.add(item);
  }
  // One order for the same choices, so stored answers compare and diff cleanly.
  return allowed.filter((option) => chosen.has(option));
}

/** An exclusive option ("none of these") is chosen on its own or not at all. */
function alone(question: Question, chosen: string[], options: readonly ChoiceOption[]): string[] {
  const exclusive = options.find((o) => o.exclusive && chosen.includes(o.value));
  if (exclusive && chosen.length > 1) {
    throw invalid(question, `cannot combine ${exclusive.value} with other options`);
  }
  return chosen;
}

function numberWithin(
  question: Question,
  value: AnswerValue,
  min: number | undefined,
  max: number | undefined,
  what: string,
): number {
  const range =
    min !== undefined && max !== undefined
      ? ` from ${min} to ${max}`
      : min !== undefined
        ? ` of at least ${min}`
        : max !== undefined
          ? ` of at most ${max}`
          : '';
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    (min !== undefined && value < min) ||
    (max !== undefined && value > max)
  ) {
    throw invalid(question, `expects ${what}${range}`);
  }
  return value;
}

function checkText(question: Question, value: AnswerValue): string {
  if (typeof value !== 'string') throw invalid(question, 'expects text');
  const result = normaliseAnswerText(value);
  if ('problem' in result) throw invalid(question, `answer ${result.problem}`);
  return result.text;
}

function describe(item: unknown): string {
  const text = typeof item === 'string' ? item : String(item);
  return `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
}

function invalid(question: Question, problem: string): InvalidAnswerError {
  return new InvalidAnswerError(question.id, `${question.id} ${problem}`);
}
