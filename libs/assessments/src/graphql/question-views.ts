import { isDeepStrictEqual } from 'node:util';
import type { AnswersContent, AssessmentContent } from '../shared/assessment-content.js';
import { missingRequired, visibleIds } from '../shared/assessment-content.js';
import { valueObject } from './answer-value.objects.js';
import { allowsNotApplicable, type AnswerSpec, answerOptions, reviewGrades } from '@app/catalog';
import type { AnswerEntity } from '../entities/answer.entity.js';
import type { AnswerObject, ProgressObject, QuestionObject } from './assessment-parts.objects.js';

/** Every question of an assessment with its answer, evidence and thread, in template order. */
export function questionViews(content: AssessmentContent): QuestionObject[] {
  const shown = visibleIds(content);
  return content.template.families.flatMap((family) =>
    family.questions.map((question) => {
      const answer = content.answers.get(question.id);
      const spec = question.answer;
      return {
        id: question.id,
        familyId: family.id,
        familyTitle: family.title,
        text: question.text,
        help: question.help ?? null,
        answerType: spec.type,
        options: answerOptions(question).map((o) => ({
          value: o.value,
          label: o.label,
          exclusive: o.exclusive === true,
        })),
        unit: spec.type === 'number' ? spec.unit : null,
        min: spec.type === 'number' ? (spec.min ?? null) : spec.type === 'percentage' ? 0 : null,
        max: spec.type === 'number' ? (spec.max ?? null) : spec.type === 'percentage' ? 100 : null,
        required: question.required === true,
        allowNotApplicable: allowsNotApplicable(question),
        notInFuture: spec.type === 'date' && spec.notInFuture === true,
        grades: reviewGrades(question.scoring).map((g) => ({ ...g })),
        visible: shown.has(question.id),
        evidenceHints: [...(question.evidence ?? [])],
        answer: answer ? answerView(spec, answer) : null,
        evidence: content.evidence.filter((e) => e.questionId === question.id),
        comments: content.comments.filter((c) => c.questionId === question.id),
      };
    }),
  );
}

/** An answer as the API shows it; `changedSinceLastCycle` compares with the carried answer. */
export function answerView(spec: AnswerSpec, answer: AnswerEntity): AnswerObject {
  return {
    questionId: answer.questionId,
    value: valueObject(spec, answer.value),
    notApplicable: answer.notApplicable,
    notApplicableReason: answer.notApplicableReason,
    version: answer.version,
    answeredAt: answer.answeredAt,
    assigneeUserId: answer.assigneeUserId,
    carried: answer.carried,
    changedSinceLastCycle:
      answer.previousNotApplicable !== null &&
      (answer.previousNotApplicable !== answer.notApplicable ||
        !isDeepStrictEqual(answer.previousValue, answer.value)),
    reviewStatus: answer.reviewStatus,
    reviewComment: answer.reviewComment,
    reviewedAt: answer.reviewedAt,
    grade: answer.grade,
  };
}

export function progressOf(content: AnswersContent): ProgressObject {
  const shown = visibleIds(content);
  const answered = [...content.answers.values()].filter(
    (a) => shown.has(a.questionId) && (a.notApplicable || a.value !== null),
  ).length;
  return { visible: shown.size, answered, missingRequired: missingRequired(content) };
}
