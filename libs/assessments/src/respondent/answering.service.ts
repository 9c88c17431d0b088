import { AuditTrailService } from '@app/audit';
import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { MembershipEntity } from '@app/identity';
import { JobQueue } from '@app/jobs';
import { Injectable } from '@nestjs/common';
import { type EntityManager, Not } from 'typeorm';
import { type AnswerInput, type CheckedAnswer, checkAnswer } from '../answers/answer-value.js';
import {
  AnswerConflictError,
  AssessmentNotFoundError,
  InvalidAssessmentError,
  QuestionNotInAssessmentError,
  TransitionRefusedError,
  UnansweredQuestionsError,
} from '../assessments.errors.js';
import { AnswerEntity } from '../entities/answer.entity.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import { ANSWERABLE } from '../lifecycle/assessment-states.js';
import { NOTIFY_CUSTOMER } from '../notifications/notify-customer.job.js';
import { loadContent, missingRequired } from '../shared/assessment-content.js';
import { moveAssessment } from '../shared/assessment-moves.js';

export interface AnswerSave extends AnswerInput {
  readonly questionId: string;
  /** The version the respondent read: 0 when the question had no answer row. */
  readonly expectedVersion: number;
}

export const MAX_ANSWERS_PER_SAVE = 200;

/**
 * Answering, by the MSP: saves as the respondent goes, optimistic per question, so a stale save
 * is refused with the answer now stored instead of overwriting it. Saving a flagged or accepted
 * answer sends it back to pending review.
 */
@Injectable()
export class AnsweringService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
    private readonly queue: JobQueue,
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
      const content = await loadContent(manager, assessment);
      const questions = new Map(
        content.template.families.flatMap((f) => f.questions).map((q) => [q.id, q]),
      );
      const checked = saves.map((save) => {
        const question = questions.get(save.questionId);
        if (!question) throw new QuestionNotInAssessmentError(save.questionId);
        return { save, answer: checkAnswer(question, save) };
      });
      if (assessment.state === 'sent') {
        assessment = await moveAssessment(manager, assessment, {
          action: 'start',
          side: 'vendor',
          actorUserId: this.userId(),
        });
        await this.queue.sendAs(assessment.tenantId, NOTIFY_CUSTOMER, {
          assessmentId: id,
          event: 'started',
        });
      }
      const saved: AnswerEntity[] = [];
      for (const { save, answer } of checked) {
        saved.push(await this.write(manager, assessment, save, answer));
      }
      await this.audit.record({
        action: 'assessment.answers_saved',
        objectType: 'assessment',
        objectId: id,
        summary: {
          customerTenantId: assessment.tenantId,
          questions: saved.map((a) => `${a.questionId}@${a.version}`),
        },
      });
      return saved;
    });
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
        actorUserId: this.userId(),
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
   * Compare-and-set on the version the respondent read (0: no answer yet). A row the customer
   * made by reviewing, or a colleague by assigning, has version 0 until it is first answered.
   */
  private async write(
    manager: EntityManager,
    assessment: AssessmentEntity,
    save: AnswerSave,
    answer: CheckedAnswer,
  ): Promise<AnswerEntity> {
    const key = {
      tenantId: assessment.tenantId,
      assessmentId: assessment.id,
      questionId: save.questionId,
    };
    const value = answer.value === null ? null : JSON.stringify(answer.value);
    const params = [key.tenantId, key.assessmentId, key.questionId, value, answer.notApplicable];
    const rows = await manager.query<{ version: number }[]>(
      `INSERT INTO assessment_answers AS a
         (tenant_id, assessment_id, question_id, respondent_tenant_id, value, not_applicable,
          version, answered_by, answered_at, carried, review_status)
       VALUES ($1, $2, $3, $6, $4::jsonb, $5, 1, $7, now(), false, 'pending')
       ON CONFLICT (tenant_id, assessment_id, question_id) DO UPDATE
         SET value = EXCLUDED.value, not_applicable = EXCLUDED.not_applicable,
             version = a.version + 1, answered_by = EXCLUDED.answered_by,
             answered_at = EXCLUDED.answered_at, carried = false, review_status = 'pending'
         WHERE a.version = $8
       RETURNING version`,
      [...params, assessment.respondentTenantId, this.userId(), save.expectedVersion],
    );
    const now = await manager.findOneBy(AnswerEntity, key);
    if (rows.length === 0 || !now || (save.expectedVersion !== 0 && now.version === 1)) {
      throw new AnswerConflictError({
        questionId: save.questionId,
        version: now?.version ?? 0,
        value: now?.value ?? null,
        notApplicable: now?.notApplicable ?? false,
        answeredAt: now?.answeredAt?.toISOString() ?? null,
      });
    }
    return now;
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

  private async find(manager: EntityManager, id: string): Promise<AssessmentEntity> {
    const found = await manager.findOneBy(AssessmentEntity, {
      respondentTenantId: this.context.tenantId,
      id,
      state: Not('draft'),
    });
    if (!found) throw new AssessmentNotFoundError();
    return found;
  }

  private userId(): string | null {
    const actor = this.context.actor;
    return actor.type === 'user' ? actor.id : null;
  }
}
