import { type AnswerValue, type QuestionnaireTemplate, visibleQuestions } from '@app/catalog';
import { IsNull, type EntityManager } from 'typeorm';
import { isAnswered } from '../answers/answer-value.js';
import { AnswerEntity } from '../entities/answer.entity.js';
import { AssessmentCommentEntity } from '../entities/assessment-comment.entity.js';
import { AssessmentFormEntity } from '../entities/assessment-form.entity.js';
import { type AssessmentEntity } from '../entities/assessment.entity.js';
import { EvidenceFileEntity } from '../entities/evidence-file.entity.js';
import { scopedTemplate } from '../scope/tier-scope.js';

/** An assessment with what both sides see of it: its questions, answers, evidence and threads. */
export interface AssessmentContent {
  readonly assessment: AssessmentEntity;
  /** The template cut to the questions this vendor is asked. */
  readonly template: QuestionnaireTemplate;
  readonly answers: ReadonlyMap<string, AnswerEntity>;
  readonly evidence: readonly EvidenceFileEntity[];
  readonly comments: readonly AssessmentCommentEntity[];
}

/** What scoring and progress read of an assessment: its questions, answers and files. */
export type AnswersContent = Pick<
  AssessmentContent,
  'assessment' | 'template' | 'answers' | 'evidence'
>;

/**
 * The answers content of many assessments (already allowed to the caller), in three queries
 * whatever their number: a list's scores and progress without a round of queries per item.
 */
export async function loadAnswersContents(
  manager: EntityManager,
  assessments: readonly AssessmentEntity[],
): Promise<AnswersContent[]> {
  if (assessments.length === 0) return [];
  const forms = await manager.find(AssessmentFormEntity, {
    where: assessments.map((a) => ({ tenantId: a.tenantId, id: a.formId })),
  });
  const keys = assessments.map((a) => ({ tenantId: a.tenantId, assessmentId: a.id }));
  const answers = await manager.find(AnswerEntity, { where: keys });
  const evidence = await manager.find(EvidenceFileEntity, {
    where: keys.map((key) => ({ ...key, removedAt: IsNull() })),
  });
  const formOf = new Map(forms.map((f) => [`${f.tenantId}/${f.id}`, f]));
  return assessments.map((assessment) => {
    const form = formOf.get(`${assessment.tenantId}/${assessment.formId}`);
    if (!form) throw new Error(`assessment ${assessment.id} has no form`);
    const mine = (row: { tenantId: string; assessmentId: string }) =>
      row.tenantId === assessment.tenantId && row.assessmentId === assessment.id;
    return {
      assessment,
      template: scopedTemplate(form.content, assessment.questionIds),
      answers: new Map(answers.filter(mine).map((a) => [a.questionId, a])),
      evidence: evidence.filter(mine),
    };
  });
}

/** Loads the rest of an assessment the caller has already been allowed to see. */
export async function loadContent(
  manager: EntityManager,
  assessment: AssessmentEntity,
): Promise<AssessmentContent> {
  const key = { tenantId: assessment.tenantId, assessmentId: assessment.id };
  // One after another: a transaction's connection runs one query at a time anyway.
  const form = await manager.findOneByOrFail(AssessmentFormEntity, {
    tenantId: assessment.tenantId,
    id: assessment.formId,
  });
  const answers = await manager.findBy(AnswerEntity, key);
  const evidence = await manager.find(EvidenceFileEntity, {
    where: { ...key, removedAt: IsNull() },
    order: { uploadedAt: 'ASC' },
  });
  const comments = await manager.find(AssessmentCommentEntity, {
    where: key,
    order: { createdAt: 'ASC' },
  });
  return {
    assessment,
    template: scopedTemplate(form.content, assessment.questionIds),
    answers: new Map(answers.map((a) => [a.questionId, a])),
    evidence,
    comments,
  };
}

export function answerValues(content: AnswersContent): Record<string, AnswerValue> {
  return conditionValues(content.answers.values());
}

/** Answers as conditions read them: not applicable as the value `not_applicable`. */
export function conditionValues(
  answers: Iterable<Pick<AnswerEntity, 'questionId' | 'value' | 'notApplicable'>>,
): Record<string, AnswerValue> {
  const values: Record<string, AnswerValue> = {};
  for (const answer of answers) {
    if (answer.notApplicable) values[answer.questionId] = 'not_applicable';
    else if (answer.value !== null) values[answer.questionId] = answer.value;
  }
  return values;
}

/** The questions shown for the answers so far, by id. */
export function visibleIds(content: AnswersContent): Set<string> {
  return new Set(visibleQuestions(content.template, answerValues(content)).map((q) => q.id));
}

/** Required questions that are shown and not yet answered: what blocks submission. */
export function missingRequired(content: AnswersContent): string[] {
  const evidenceCount = new Map<string, number>();
  for (const file of content.evidence) {
    evidenceCount.set(file.questionId, (evidenceCount.get(file.questionId) ?? 0) + 1);
  }
  return visibleQuestions(content.template, answerValues(content))
    .filter((question) => question.required)
    .filter((question) => {
      const answer = content.answers.get(question.id);
      const checked = answer && { value: answer.value, notApplicable: answer.notApplicable };
      return !isAnswered(question, checked, evidenceCount.get(question.id) ?? 0);
    })
    .map((question) => question.id);
}
