import { AuditTrailService } from '@app/audit';
import { Clock, RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { MembershipEntity } from '@app/identity';
import { JobQueue } from '@app/jobs';
import { Injectable } from '@nestjs/common';
import { type Question, type QuestionnaireTemplate, visibleQuestions } from '@app/catalog';
import type { EntityManager } from 'typeorm';
import { answerValueShape } from '../answers/answer-value-shape.js';
import {
  type AnswerInput,
  type CheckedAnswer,
  checkAnswer,
  requireJustification,
} from '../answers/answer-value.js';
import {
  AnswerConflictError,
  HiddenQuestionsError,
  InvalidAssessmentError,
  QuestionNotInAssessmentError,
  TransitionRefusedError,
  UnansweredQuestionsError,
} from '../assessments.errors.js';
import { AnswerEntity } from '../entities/answer.entity.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import { ANSWERABLE } from '../lifecycle/assessment-states.js';
import { NOTIFY_CUSTOMER } from '../notifications/notify-customer.job.js';
import { conditionValues, loadContent, missingRequired } from '../shared/assessment-content.js';
import { moveAssessment } from '../shared/assessment-moves.js';
import { FormCache } from '../shared/form-cache.js';
import { assessmentFor } from '../shared/assessment-lookup.js';
import { entityColumns } from '../shared/entity-columns.js';

export interface AnswerSave extends AnswerInput {
  readonly questionId: string;
  /** The version the respondent read: 0 when the question had no answer row. */
  readonly expectedVersion: number;
}

export const MAX_ANSWERS_PER_SAVE = 200;

export interface SavedBatch {
  /** As stored, in the order they were given. */
  readonly answers: AnswerEntity[];
  readonly template: QuestionnaireTemplate;
}

/**
 * Answering, by the MSP: saves as the respondent goes, optimistic per question, so a stale save
 * is refused with the answer now stored instead of overwriting it. Saving a flagged or accepted
 * answer sends it back to pending review and clears its grade. A not-applicable answer is a
 * claim with a justification, only where the question allows it; a question the answers (as
 * they will be after the save) hide takes no answer.
 */
@Injectable()
export class AnsweringService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
    private readonly queue: JobQueue,
    private readonly forms: FormCache,
    private readonly clock: Clock,
  ) {}

  async save(id: string, save: AnswerSave): Promise<AnswerEntity> {
    const [saved] = await this.saveMany(id, [save]);
    return saved;
  }

  /**
   * Several answers at once, all or nothing: a page of the form, or (with a larger `limit`) a
   * whole offline workbook, which must land in one transaction.
   */
  async saveMany(
    id: string,
    saves: readonly AnswerSave[],
    limit = MAX_ANSWERS_PER_SAVE,
  ): Promise<AnswerEntity[]> {
    return (await this.saveBatch(id, saves, limit)).answers;
  }

  /** The same, with the form the answers belong to (what a client needs to show them). */
  async saveBatch(
    id: string,
    saves: readonly AnswerSave[],
    limit = MAX_ANSWERS_PER_SAVE,
  ): Promise<SavedBatch> {
    if (saves.length === 0 || saves.length > limit) {
      throw new InvalidAssessmentError(
        'ANSWER_BATCH_INVALID',
        `Save 1 to ${limit} answers at a time.`,
      );
    }
    if (new Set(saves.map((s) => s.questionId)).size !== saves.length) {
      throw new InvalidAssessmentError('ANSWER_BATCH_INVALID', 'Each question once per save.');
    }
    return this.db.transaction(async (manager) => {
      let assessment = await this.answerable(manager, id);
      const template = await this.forms.templateOf(manager, assessment);
      const questions = new Map(
        template.families.flatMap((f) => f.questions).map((q) => [q.id, q]),
      );
      const today = this.clock.today();
      const checked = saves.map((save) => {
        const question = questions.get(save.questionId);
        if (!question) throw new QuestionNotInAssessmentError(save.questionId);
        const answer = checkAnswer(question, save, today);
        requireJustification(question, answer);
        return { save, answer };
      });
      await this.refuseHidden(manager, assessment, template, checked);
      if (assessment.state === 'sent') assessment = await this.start(manager, assessment);
      const answers = await this.write(manager, assessment, checked, questions);
      await this.audit.record({
        action: 'assessment.answers_saved',
        objectType: 'assessment',
        objectId: id,
        summary: {
          customerTenantId: assessment.tenantId,
          questions: answers.map((a) => `${a.questionId}@${a.version}`),
        },
      });
      return { answers, template };
    });
  }

  /** Conditions read the answers as they will stand after this save. */
  private async refuseHidden(
    manager: EntityManager,
    assessment: AssessmentEntity,
    template: QuestionnaireTemplate,
    batch: readonly { save: AnswerSave; answer: CheckedAnswer }[],
  ): Promise<void> {
    const stored = await manager.find(AnswerEntity, {
      where: { tenantId: assessment.tenantId, assessmentId: assessment.id },
      select: { questionId: true, value: true, notApplicable: true },
    });
    const saving = new Set(batch.map(({ save }) => save.questionId));
    const values = conditionValues([
      ...stored.filter((a) => !saving.has(a.questionId)),
      ...batch.map(({ save, answer }) => ({ questionId: save.questionId, ...answer })),
    ]);
    const shown = new Set(visibleQuestions(template, values).map((q) => q.id));
    const hidden = batch.map(({ save }) => save.questionId).filter((id) => !shown.has(id));
    if (hidden.length > 0) throw new HiddenQuestionsError(hidden);
  }

  /** The first save starts the assessment; a colleague's save may have just done so. */
  private async start(
    manager: EntityManager,
    assessment: AssessmentEntity,
  ): Promise<AssessmentEntity> {
    try {
      const started = await moveAssessment(manager, assessment, {
        action: 'start',
        side: 'vendor',
        actorUserId: this.context.userId,
      });
      await this.queue.sendAs(assessment.tenantId, NOTIFY_CUSTOMER, {
        assessmentId: assessment.id,
        event: 'started',
      });
      return started;
    } catch (error) {
      if (!(error instanceof TransitionRefusedError)) throw error;
      return this.answerable(manager, assessment.id);
    }
  }

  /** Assigns a question to a colleague at the MSP (or to nobody). */
  async assign(
    id: string,
    questionId: string,
    assigneeUserId: string | null,
  ): Promise<AnswerEntity> {
    return this.db.transaction(async (manager) => {
      const assessment = await this.answerable(manager, id);
      if (!assessment.questionIds.includes(questionId)) {
        throw new QuestionNotInAssessmentError(questionId);
      }
      if (
        assigneeUserId &&
        !(await manager.existsBy(MembershipEntity, {
          tenantId: this.context.tenantId,
          userId: assigneeUserId,
        }))
      ) {
        throw new InvalidAssessmentError(
          'ASSIGNEE_NOT_MEMBER',
          'Assign questions to members of your own organization.',
        );
      }
      await manager
        .createQueryBuilder()
        .insert()
        .into(AnswerEntity)
        .values({
          tenantId: assessment.tenantId,
          assessmentId: id,
          questionId,
          respondentTenantId: assessment.respondentTenantId,
          value: null,
          version: 0,
          assigneeUserId,
        })
        .orUpdate(['assignee_user_id'], ['tenant_id', 'assessment_id', 'question_id'])
        .execute();
      await this.audit.record({
        action: 'assessment.question_assigned',
        objectType: 'assessment',
        objectId: id,
        summary: { questionId, assigneeUserId },
      });
      return manager.findOneByOrFail(AnswerEntity, {
        tenantId: assessment.tenantId,
        assessmentId: id,
        questionId,
      });
    });
  }

  /** Submits for review; refused, naming them, while a shown required question is unanswered. */
  async submit(id: string): Promise<AssessmentEntity> {
    return this.db.transaction(async (manager) => {
      const assessment = await this.find(manager, id);
      const missing = missingRequired(await loadContent(manager, assessment));
      if (missing.length > 0 && ANSWERABLE.includes(assessment.state)) {
        throw new UnansweredQuestionsError(missing);
      }
      const submitted = await moveAssessment(manager, assessment, {
        action: 'submit',
        side: 'vendor',
        actorUserId: this.context.userId,
      });
      await this.queue.sendAs(assessment.tenantId, NOTIFY_CUSTOMER, {
        assessmentId: id,
        event: 'submitted',
      });
      await this.audit.record({
        action: 'assessment.submitted',
        objectType: 'assessment',
        objectId: id,
        summary: { customerTenantId: assessment.tenantId },
      });
      return submitted;
    });
  }

  /**
   * Compare-and-set on the versions the respondent read (0: no answer yet), for the whole batch
   * in one statement that also returns the rows as saved. A row the customer made by reviewing,
   * or a colleague by assigning, has version 0 until it is first answered; a question with no row
   * is written only by a save that expects none. Any stale version refuses the batch with the
   * stored answer, and the transaction writes nothing.
   */
  private async write(
    manager: EntityManager,
    assessment: AssessmentEntity,
    batch: readonly { save: AnswerSave; answer: CheckedAnswer }[],
    questions: ReadonlyMap<string, Question>,
  ): Promise<AnswerEntity[]> {
    const key = { tenantId: assessment.tenantId, assessmentId: assessment.id };
    const rows = batch.map(({ save, answer }) => ({
      question_id: save.questionId,
      value: answer.value,
      not_applicable: answer.notApplicable,
      not_applicable_reason: answer.notApplicableReason,
      version: save.expectedVersion + 1,
    }));
    const written = await manager.query<Record<string, unknown>[]>(
      `INSERT INTO assessment_answers AS a
         (tenant_id, assessment_id, question_id, respondent_tenant_id, value, not_applicable,
          not_applicable_reason, version, answered_by, answered_at, carried, review_status, grade)
       SELECT $1, $2, x.question_id, $3, x.value, x.not_applicable, x.not_applicable_reason,
              x.version, $4, now(), false, 'pending', NULL
         FROM jsonb_to_recordset($5::jsonb)
           AS x(question_id varchar, value jsonb, not_applicable boolean,
                not_applicable_reason varchar, version integer)
        WHERE x.version = 1
           OR EXISTS (SELECT 1 FROM assessment_answers o
                       WHERE o.tenant_id = $1 AND o.assessment_id = $2
                         AND o.question_id = x.question_id)
       ON CONFLICT (tenant_id, assessment_id, question_id) DO UPDATE
         SET value = EXCLUDED.value, not_applicable = EXCLUDED.not_applicable,
             not_applicable_reason = EXCLUDED.not_applicable_reason,
             version = EXCLUDED.version, answered_by = EXCLUDED.answered_by,
             answered_at = EXCLUDED.answered_at, carried = false, review_status = 'pending',
             grade = NULL
         WHERE a.version = EXCLUDED.version - 1
       RETURNING ${entityColumns(manager, AnswerEntity)}`,
      [
        key.tenantId,
        key.assessmentId,
        assessment.respondentTenantId,
        this.context.userId,
        JSON.stringify(rows),
      ],
    );
    const saved = new Map(
      written.map((row) => [row.questionId, manager.create(AnswerEntity, row)] as const),
    );
    const lost = batch.find(({ save }) => !saved.has(save.questionId));
    if (lost) {
      const questionId = lost.save.questionId;
      throw this.conflict(
        questions.get(questionId) as Question,
        await manager.findOneBy(AnswerEntity, { ...key, questionId }),
      );
    }
    return batch.map(({ save }) => saved.get(save.questionId) as AnswerEntity);
  }

  /** The stored answer in the shape the API shows answers, so a client can show it as is. */
  private conflict(question: Question, current: AnswerEntity | null): AnswerConflictError {
    return new AnswerConflictError({
      questionId: question.id,
      version: current?.version ?? 0,
      value: current ? answerValueShape(question.answer, current.value) : null,
      notApplicable: current?.notApplicable ?? false,
      notApplicableReason: current?.notApplicableReason ?? null,
      answeredAt: current?.answeredAt?.toISOString() ?? null,
    });
  }

  /** Refuses (not found, or no longer answerable) before an upload's body is read. */
  async checkAnswerable(id: string): Promise<void> {
    await this.db.transaction((manager) => this.answerable(manager, id));
  }

  private async answerable(manager: EntityManager, id: string): Promise<AssessmentEntity> {
    const assessment = await this.find(manager, id);
    if (!ANSWERABLE.includes(assessment.state)) {
      throw new TransitionRefusedError(
        `Answers can no longer be changed: the assessment is ${assessment.state.replace('_', ' ')}.`,
        assessment.state,
      );
    }
    return assessment;
  }

  private find(manager: EntityManager, id: string): Promise<AssessmentEntity> {
    return assessmentFor(manager, 'vendor', this.context.tenantId, id);
  }
}
