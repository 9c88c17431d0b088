import type { Question } from '@app/catalog';
import { hasAnswer, isNotApplicable } from './compliance-value.js';
import type { ScoringAnswer } from './scoring.types.js';

/**
 * What a score breakdown shows of an answer. Free text is not copied: the breakdown is stored
 * with the score and shown next to it, where the answer itself has its own access rules.
 */
export function summariseAnswer(
  question: Question,
  answer: ScoringAnswer | undefined,
): string | null {
  if (answer && isNotApplicable(question, answer)) return 'not applicable';
  if (!answer || !hasAnswer(question, answer)) return null;
  const { value } = answer;
  const spec = question.answer;
  switch (spec.type) {
    case 'evidence': {
      const files = answer.evidenceCount ?? 0;
      return `${files} file${files === 1 ? '' : 's'}`;
    }
    case 'text':
      return 'text provided';
    case 'multiple_choice':
      return Array.isArray(value) ? value.join(', ') : String(value);
    case 'number':
      return `${String(value)} ${spec.unit}`.trim();
    case 'percentage':
      return `${String(value)}%`;
    default:
      return String(value);
  }
}
