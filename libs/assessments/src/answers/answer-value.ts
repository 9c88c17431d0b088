import type { AnswerValue, ChoiceOption, Question } from '@app/catalog';
import { InvalidAnswerError } from './answer.errors.js';
import { normaliseAnswerText } from './answer-text.js';
import { isCalendarDate } from './calendar-date.js';

export { InvalidAnswerError } from './answer.errors.js';

/** An answer as submitted, before it is checked against its question. */
export interface AnswerInput {
  readonly value: AnswerValue | undefined;
  readonly notApplicable: boolean;
}

/** An answer in its stored shape: value is null when not applicable (and for a bare evidence answer). */
export interface CheckedAnswer {
  readonly value: AnswerValue;
  readonly notApplicable: boolean;
}

const YES_NO = ['yes', 'partial', 'no'] as const;

const NOT_APPLICABLE: CheckedAnswer = { value: null, notApplicable: true };

/**
 * Checks an answer against its question's answer type and returns it normalised (text in NFC and
 * trimmed, choices in the template's order). Throws InvalidAnswerError naming what is wrong.
 */
export function checkAnswer(question: Question, input: AnswerInput): CheckedAnswer {
  const value = input.value ?? null;
  // yes_no carries "not applicable" as a value in templates and scoring; store it as the flag.
  const saysNotApplicable = question.answer.type === 'yes_no' && value === 'not_applicable';
  if (input.notApplicable || saysNotApplicable) {
    if (value !== null && !saysNotApplicable) {
      throw invalid(question, 'is marked not applicable but also has an answer; clear one of them');
    }
    return NOT_APPLICABLE;
  }
  if (value === null) {
    // Evidence is answered by its files; the description is optional.
    if (question.answer.type === 'evidence') return { value: null, notApplicable: false };
    throw invalid(question, 'needs an answer, or mark it not applicable');
  }
  return { value: checkValue(question, value), notApplicable: false };
}

/**
 * Whether a question counts as answered for progress and submission. An evidence question is
 * answered by at least one file (a description alone is not evidence) or by being not applicable.
 */
export function isAnswered(
  question: Question,
  answer: CheckedAnswer | undefined,
  evidenceCount: number,
): boolean {
  if (answer?.notApplicable) return true;
  if (question.answer.type === 'evidence') return evidenceCount >= 1;
  if (!answer || answer.value === null) return false;
  return !(Array.isArray(answer.value) && answer.value.length === 0);
}

function checkValue(question: Question, value: Exclude<AnswerValue, null>): AnswerValue {
  const spec = question.answer;
  switch (spec.type) {
    case 'yes_no':
      return oneOf(question, value, YES_NO);
    case 'single_choice':
      return oneOf(question, value, optionValues(spec.options));
    case 'multiple_choice':
      return anyOf(question, value, optionValues(spec.options));
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
