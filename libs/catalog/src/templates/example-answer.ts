import type { AnswerValue } from '../expressions/evaluate-expression.js';
import type { Question } from './template.types.js';

/**
 * A valid answer for any question, for the demo and for tests that need a form filled in.
 * Evidence questions are answered "not applicable", since they count only with a file attached.
 */
export function exampleAnswer(question: Question): { value: AnswerValue; notApplicable: boolean } {
  const spec = question.answer;
  switch (spec.type) {
    case 'yes_no':
      return { value: 'yes', notApplicable: false };
    case 'single_choice':
      return { value: spec.options[0].value, notApplicable: false };
    case 'multiple_choice':
      return { value: [spec.options[0].value], notApplicable: false };
    case 'number':
      return { value: spec.min ?? 1, notApplicable: false };
    case 'percentage':
      return { value: 100, notApplicable: false };
    case 'date':
      return { value: '2026-01-15', notApplicable: false };
    case 'text':
      return { value: 'Documented in our security policy.', notApplicable: false };
    case 'evidence':
      return { value: null, notApplicable: true };
  }
}
