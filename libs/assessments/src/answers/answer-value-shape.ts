import type { AnswerSpec, AnswerValue } from '@app/catalog';

/** An answer's value in the one field its question's type uses: how the API shows answers. */
export interface AnswerValueShape {
  choice?: string | null;
  choices?: string[] | null;
  number?: number | null;
  date?: string | null;
  text?: string | null;
}

export function answerValueShape(
  spec: Pick<AnswerSpec, 'type'>,
  value: AnswerValue,
): AnswerValueShape | null {
  if (value === null) return null;
  switch (spec.type) {
    case 'yes_no':
    case 'single_choice':
      return { choice: String(value) };
    case 'multiple_choice':
      return { choices: [...(value as readonly string[])] };
    case 'number':
    case 'percentage':
      return { number: Number(value) };
    case 'date':
      return { date: String(value) };
    case 'text':
    case 'evidence':
      return { text: String(value) };
  }
}
