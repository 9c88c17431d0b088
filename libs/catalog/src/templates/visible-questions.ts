import { type AnswerValue, evaluateExpression, parseExpression } from '../expressions/index.js';
import type { Question, QuestionnaireTemplate } from './template.types.js';

/**
 * The questions shown for a set of answers, in order. A hidden question's answer does not count
 * for later conditions, so hiding a question also hides what depends on it.
 */
export function visibleQuestions(
  template: QuestionnaireTemplate,
  answers: Readonly<Record<string, AnswerValue>>,
): Question[] {
  const visible: Question[] = [];
  const shown = new Set<string>();
  const lookup = (id: string) => (shown.has(id) ? answers[id] : undefined);
  for (const family of template.families) {
    for (const question of family.questions) {
      const show =
        !question.visibleWhen || evaluateExpression(parseExpression(question.visibleWhen), lookup);
      if (show) {
        visible.push(question);
        shown.add(question.id);
      }
    }
  }
  return visible;
}
