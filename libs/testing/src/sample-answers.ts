import {
  type AnswerValue,
  exampleAnswer,
  type Question,
  type QuestionnaireTemplate,
  visibleQuestions,
} from '@app/catalog';

export const SAMPLE_NOT_APPLICABLE_REASON = 'We keep no such document for this service.';

/**
 * A valid answer for any question (the catalog's example answer), with a justification where it
 * claims not applicable, as a save needs one.
 */
export function sampleAnswer(question: Question): {
  value: AnswerValue;
  notApplicable: boolean;
  notApplicableReason: string | null;
} {
  const answer = exampleAnswer(question);
  return {
    ...answer,
    notApplicableReason: answer.notApplicable ? SAMPLE_NOT_APPLICABLE_REASON : null,
  };
}

/** The questions shown when every question has its sample answer: the ones that take one. */
export function sampleQuestions(template: QuestionnaireTemplate): Question[] {
  const values: Record<string, AnswerValue> = {};
  for (const question of template.families.flatMap((f) => f.questions)) {
    const answer = exampleAnswer(question);
    values[question.id] = answer.notApplicable ? 'not_applicable' : answer.value;
  }
  return visibleQuestions(template, values);
}
