import type { ChoiceOption, Question } from '@app/catalog';
import { MAX_ANSWER_TEXT_LENGTH } from '../answers/answer-text.js';

export const ANSWERS_SHEET = 'Answers';
export const ABOUT_SHEET = 'About';
/** Holds the dropdown values of choice questions (a list typed into the rule is capped at 255 chars). */
export const LISTS_SHEET = 'Lists';

export const WORKBOOK_FORMAT = 'cascade-assessment-workbook';
/** 2: a column for the justification of a not-applicable claim (issue 14). */
export const WORKBOOK_FORMAT_VERSION = 2;

/** Answers sheet columns, 1-based. The header is row 1; each later row is one question. */
export const COLUMN = {
  questionId: 1,
  family: 2,
  question: 3,
  expected: 4,
  answer: 5,
  notApplicable: 6,
  notApplicableReason: 7,
  // A hidden copy of the question id: tells a changed id cell apart from a reordered row.
  rowKey: 8,
} as const;

export const HEADERS: readonly string[] = [
  'Question ID',
  'Family',
  'Question',
  'Expected answer',
  'Answer',
  'Not applicable (Y)',
  'Why not applicable',
  'Row check (do not edit)',
];

/** Labels in column A of the About sheet; the value sits next to each in column B. */
export const ABOUT_LABELS = {
  title: 'Assessment',
  customerName: 'Customer',
  vendorName: 'Vendor',
  dueOn: 'Due on',
  assessmentId: 'Assessment ID',
  format: 'Format',
  formatVersion: 'Format version',
} as const;

// What a workbook may hold; the sandbox checks them (and the archive caps from configuration)
// before exceljs builds its model of the workbook.
export const MAX_WORKBOOK_BYTES = 5 * 1024 * 1024;
export const MAX_WORKBOOK_ROWS = 2_000;
export const MAX_WORKBOOK_CELLS = 200_000;
export const MAX_PROBLEMS = 100;

export const YES_NO_CHOICES = ['yes', 'partial', 'no'] as const;
export const MULTIPLE_CHOICE_SEPARATOR = ';';

/** The "Expected answer" text: what the Answer cell takes, in words. */
export function answerHint(question: Question): string {
  const spec = question.answer;
  switch (spec.type) {
    case 'yes_no':
      return YES_NO_CHOICES.join(' / ');
    case 'single_choice':
      return `one of:\n${optionLines(spec.options)}`;
    case 'multiple_choice':
      return `any of (separate with ${MULTIPLE_CHOICE_SEPARATOR}):\n${optionLines(spec.options)}`;
    case 'number':
      return `number (${[spec.unit, range(spec.min, spec.max)].filter(Boolean).join(', ')})`;
    case 'percentage':
      return 'percentage 0–100';
    case 'date':
      return 'date YYYY-MM-DD';
    case 'text':
      return `text (up to ${MAX_ANSWER_TEXT_LENGTH.toLocaleString('en')} characters)`;
    case 'evidence':
      return 'optional description; upload the evidence files in Cascade';
  }
}

function optionLines(options: readonly ChoiceOption[]): string {
  return options.map((o) => (o.label === o.value ? o.value : `${o.value} = ${o.label}`)).join('\n');
}

function range(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${min}–${max}`;
  if (min !== undefined) return `at least ${min}`;
  if (max !== undefined) return `at most ${max}`;
  return '';
}
