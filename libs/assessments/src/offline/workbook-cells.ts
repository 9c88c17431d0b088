import type { ChoiceOption, Question, AnswerValue } from '@app/catalog';
import type { CellValue } from 'exceljs';
import { YES_NO_CHOICES } from './workbook-layout.js';

/** A cell's content whichever way Excel stored it; null when empty or only spaces. */
export type CellContent = string | number | boolean | Date | null;

/** A cell that cannot be read as a value at all, with the reason in words. */
export class CellProblem extends Error {}

/**
 * Plain content of a cell: formulas give their saved result, rich text and links their text.
 * Excel error values (#N/A, #REF!...) and formulas never calculated are problems, not blanks,
 * so an answer is never dropped silently.
 */
export function cellContent(value: CellValue): CellContent {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date)
    return value;
  if ('error' in value)
    throw new CellProblem(`shows the error ${value.error}; type a value instead`);
  if ('richText' in value) return cellContent(value.richText.map((part) => part.text).join(''));
  if ('hyperlink' in value) return cellContent(value.text);
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result === undefined) {
      throw new CellProblem('holds a formula with no saved result; type the value instead');
    }
    return cellContent(value.result);
  }
  throw new CellProblem('holds something other than a value; type the value instead');
}

/** Y marks a question not applicable; empty (or an explicit no) leaves it applicable. */
export function notApplicableFromCell(content: CellContent): boolean {
  if (content === null) return false;
  if (typeof content === 'boolean') return content;
  const text = String(content).trim().toLowerCase();
  if (['y', 'yes', 'x', 'true', '1', 'n/a', 'na'].includes(text)) return true;
  if (['n', 'no', 'false', '0'].includes(text)) return false;
  throw new CellProblem('should be Y (not applicable) or empty');
}

/**
 * Turns a non-empty Answer cell into the value checkAnswer expects. Lenient where Excel or a
 * person is likely to differ from the stored form (Yes for yes, an option's label, 85% for 85,
 * a real date cell); anything it cannot map is passed through for checkAnswer to refuse in words.
 */
export function answerValueFromCell(
  question: Question,
  content: Exclude<CellContent, null>,
  percentFormat: boolean,
): AnswerValue {
  const spec = question.answer;
  switch (spec.type) {
    case 'yes_no':
      if (typeof content === 'boolean') return content ? 'yes' : 'no';
      return yesNoFromText(asText(content));
    case 'single_choice':
      return optionFromText(spec.options, asText(content));
    case 'multiple_choice':
      return (
        asText(content)
          // The hint asks for ";"; a line break is what people type with Alt+Enter.
          .split(/[;\n]/)
          .map((part) => part.trim())
          .filter(Boolean)
          .map((part) => optionFromText(spec.options, part))
      );
    case 'number':
      return numberFrom(content, spec.unit, 1);
    case 'percentage':
      return numberFrom(content, '%', percentFormat ? 100 : 1);
    case 'date':
    case 'text':
    case 'evidence':
      return asText(content);
  }
}

/** Percent-formatted cells store 85% as 0.85. */
export function isPercentFormat(numFmt: string | undefined): boolean {
  return numFmt?.includes('%') ?? false;
}

function asText(content: Exclude<CellContent, null>): string {
  if (content instanceof Date) return isoDate(content);
  if (typeof content === 'boolean') return content ? 'TRUE' : 'FALSE';
  return String(content);
}

/** Excel date cells come back as midnight UTC of the day shown. */
function isoDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'an unreadable date';
  return date.toISOString().slice(0, 10);
}

function yesNoFromText(text: string): string {
  const word = text.trim().toLowerCase();
  if (['n/a', 'na', 'not applicable', 'not_applicable'].includes(word)) return 'not_applicable';
  return (YES_NO_CHOICES as readonly string[]).includes(word) ? word : text;
}

function optionFromText(options: readonly ChoiceOption[], text: string): string {
  const wanted = fold(text);
  const option = options.find((o) => fold(o.value) === wanted || fold(o.label) === wanted);
  return option?.value ?? text.trim();
}

const fold = (text: string) => text.normalize('NFC').trim().toLowerCase();

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

function numberFrom(content: Exclude<CellContent, null>, unit: string, scale: number): AnswerValue {
  // Twelve significant digits drop the float noise of scaling (0.07 * 100 = 7.000000000000001).
  if (typeof content === 'number') return Number((content * scale).toPrecision(12));
  const text = asText(content).trim();
  const suffix = unit.toLowerCase();
  const bare =
    suffix && text.toLowerCase().endsWith(suffix) ? text.slice(0, -suffix.length).trim() : text;
  return NUMBER.test(bare) ? Number(bare) : text;
}
