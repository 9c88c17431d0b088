import type { AnswerValue, Question, ScoringRule } from '@app/catalog';
import { monthsSince } from './answer-age.js';
import { UnscorableAnswerError } from './scoring.errors.js';
import type { ScoringAnswer } from './scoring.types.js';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Not applicable by the flag, or by the yes_no value that means the same. */
export function isNotApplicable(question: Question, answer: ScoringAnswer): boolean {
  return (
    answer.notApplicable || (question.answer.type === 'yes_no' && answer.value === 'not_applicable')
  );
}

/**
 * Whether there is an answer to score, as the assessments lib counts it for submission: an
 * evidence question needs a file (a description alone is not evidence), others a value.
 */
export function hasAnswer(question: Question, answer: ScoringAnswer | undefined): boolean {
  if (!answer) return false;
  if (question.answer.type === 'evidence') return (answer.evidenceCount ?? 0) >= 1;
  const { value } = answer;
  if (value === null || value === '') return false;
  return !(Array.isArray(value) && value.length === 0);
}

/** A compliance value with the sentence that explains it when it is not the plain rule value. */
export interface Valuation {
  readonly compliance: number | null;
  readonly note: string | null;
}

/**
 * The compliance value v in [0, 1] of an answered, applicable question, by its rule:
 * - choice: the value given for the chosen option; an option the rule gives no value earns 0
 *   (only yes_no `partial` may lack one in a valid template);
 * - sum: the values of the chosen options added up, capped at 1; an exclusive option chosen
 *   with others counts alone;
 * - threshold: the value of the first step the answer reaches (`at_least`: answer ≥ bound,
 *   `at_most`: answer ≤ bound, bounds inclusive), else `otherwise`; a date answer is measured
 *   by its age in months at `asOf`, and a future date on a `notInFuture` question is 0;
 * - provided: the reviewer's grade; null while ungraded (pending review);
 * - none: null, never scored.
 */
export function complianceValue(
  question: Question,
  answer: ScoringAnswer,
  asOf: string,
): number | null {
  return valueAnswer(question, answer, asOf).compliance;
}

/** complianceValue, with a note when the answer was scored other than as given or is pending. */
export function valueAnswer(question: Question, answer: ScoringAnswer, asOf: string): Valuation {
  const rule = question.scoring;
  switch (rule.kind) {
    case 'choice':
      if (typeof answer.value !== 'string') throw unscorable(question, 'one option');
      return plain(valueOf(rule.values, answer.value));
    case 'sum': {
      if (!Array.isArray(answer.value)) throw unscorable(question, 'a list of options');
      const { chosen, note } = withExclusiveAlone(question, answer.value as readonly string[]);
      const total = chosen.reduce((sum, option) => sum + valueOf(rule.values, option), 0);
      // Rounded so 0.7 + 0.1 + 0.2 is the 1 its author meant, not 0.9999999999999999.
      return { compliance: clamp(Math.round(Math.min(1, total) * 1e9) / 1e9), note };
    }
    case 'threshold':
      if (isFutureDate(question, answer.value, asOf)) {
        return { compliance: 0, note: `Date lies in the future (after ${asOf})` };
      }
      return plain(thresholdValue(rule, measure(question, answer.value, asOf)));
    case 'provided':
      if (typeof answer.grade !== 'number' || !Number.isFinite(answer.grade)) {
        return { compliance: null, note: "Waiting for the reviewer's grade" };
      }
      return plain(answer.grade);
    case 'none':
      return { compliance: null, note: null };
  }
}

const plain = (v: number): Valuation => ({ compliance: clamp(v), note: null });

/** The chosen options, each once; an exclusive option ("none of these") mixed with others counts alone. */
function withExclusiveAlone(
  question: Question,
  values: readonly string[],
): { chosen: readonly string[]; note: string | null } {
  const chosen = [...new Set(values)];
  const options = question.answer.type === 'multiple_choice' ? question.answer.options : [];
  const exclusive = options.find((option) => option.exclusive && chosen.includes(option.value));
  if (!exclusive || chosen.length === 1) return { chosen, note: null };
  return {
    chosen: [exclusive.value],
    note: `"${exclusive.label}" cannot be combined with other options; scored as that option alone`,
  };
}

function valueOf(values: Readonly<Record<string, number>>, option: string): number {
  // hasOwn: an option called "constructor" must not read Object.prototype.
  return Object.hasOwn(values, option) ? values[option] : 0;
}

/** A date after `asOf` on a question that asks when something was last done. */
function isFutureDate(question: Question, value: AnswerValue, asOf: string): boolean {
  const spec = question.answer;
  if (spec.type !== 'date' || spec.notInFuture !== true || typeof value !== 'string') return false;
  return CALENDAR_DATE.test(value) && value > asOf;
}

function measure(question: Question, value: AnswerValue, asOf: string): number {
  if (question.answer.type === 'date') {
    if (typeof value !== 'string' || !CALENDAR_DATE.test(value)) {
      throw unscorable(question, 'a date written YYYY-MM-DD');
    }
    return monthsSince(value, asOf);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) throw unscorable(question, 'a number');
  return value;
}

function thresholdValue(
  rule: Extract<ScoringRule, { kind: 'threshold' }>,
  measured: number,
): number {
  const reached = rule.steps.find((step) =>
    rule.direction === 'at_least' ? measured >= step.bound : measured <= step.bound,
  );
  return reached ? reached.value : rule.otherwise;
}

// The schema keeps rule values in [0, 1]; clamping keeps the 0–100 promise for any template.
const clamp = (v: number): number => Math.min(1, Math.max(0, v));

function unscorable(question: Question, expected: string): UnscorableAnswerError {
  return new UnscorableAnswerError(question.id, expected);
}
