import { InvalidInputError } from '@app/common';

/** Free text from a person: NFC, trimmed, well-formed, within bounds, or a clear error. */
export function cleanText(
  input: string,
  what: string,
  { min = 1, max = 4000 }: { min?: number; max?: number } = {},
): string {
  const text = input.normalize('NFC').trim();
  const length = [...text].length;
  if (length < min || length > max || !text.isWellFormed() || text.includes('\u0000')) {
    throw new InvalidInputError(
      'TEXT_INVALID',
      `${what} must be ${min} to ${max.toLocaleString('en')} characters of text.`,
    );
  }
  return text;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkDate(input: string, what: string): string {
  const parsed = new Date(`${input}T00:00:00Z`);
  if (
    !ISO_DATE.test(input) ||
    Number.isNaN(parsed.getTime()) ||
    parsed.toISOString().slice(0, 10) !== input
  ) {
    throw new InvalidInputError('DATE_INVALID', `${what} must be a date as YYYY-MM-DD.`);
  }
  return input;
}
