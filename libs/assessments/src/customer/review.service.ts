import { randomUUID } from 'node:crypto';
import { AuditTrailService } from '@app/audit';
import { addMonths, Clock, RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { mailSafe, OutboxService } from '@app/notifications';
import { forMail } from '../schedule/mail-text.js';
import { Injectable } from '@nestjs/common';
import { allowsNotApplicable, type Question, reviewGrades } from '@app/catalog';
import { type EntityManager, IsNull, Not } from 'typeorm';
import {
  FlaggedAnswersError,
  InvalidAssessmentError,
  NothingFlaggedError,
  QuestionNotInAssessmentError,
  TransitionRefusedError,
} from '../assessments.errors.js';
import { AnswerEntity, type ReviewStatus } from '../entities/answer.entity.js';
import { AssessmentInvitationEntity } from '../entities/assessment-invitation.entity.js';
import { AssessmentNoteEntity } from '../entities/assessment-note.entity.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import { REVIEWABLE } from '../lifecycle/assessment-states.js';
import { moveAssessment } from '../shared/assessment-moves.js';
import { cleanText } from '../shared/text.js';
import { FormCache } from '../shared/form-cache.js';
import { FindingsService } from '../findings/findings.service.js';
import { ScoreRecorder } from '../scores/score-recorder.js';
import { ScoringSettingsService } from '../scores/scoring-settings.service.js';
import { ReassessmentCycles } from './reassessment-cycles.service.js';
import { assessmentFor } from '../shared/assessment-lookup.js';

export type ReviewDecision = Exclude<ReviewStatus, 'pending'>;

/**
 * The customer's review: accept or flag each answer (a flag says what to fix), send the
 * assessment back with the flags, or complete it. Notes here are internal to the customer.
 */
@Injectable()
export class ReviewService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
    private readonly outbox: OutboxService,
    private readonly cycles: ReassessmentCycles,
    private readonly clock: Clock,
    private readonly recorder: ScoreRecorder,
    private readonly scoringSettings: ScoringSettingsService,
    private readonly findings: FindingsService,
    private readonly forms: FormCache,
  ) {}

  /**
   * Accepts or flags an answer; the first decision on a submitted assessment opens the review.
   * Accepting a not-applicable answer accepts the claim, flagging rejects it. A review-scored
   * answer (text, evidence) is graded with one of its question's grades, which accepts it;
   * flagging clears the grade, accepting without one keeps it.
   */
  async review(
    id: string,
    questionId: string,
    decision: ReviewDecision,
    comment: string | null,
    grade: number | null = null,
  ): Promise<AnswerEntity> {
    const why = comment === null ? null : cleanText(comment, 'The review comment');
    if (decision === 'flagged' && !why) {
      throw new InvalidAssessmentError(
        'FLAG_COMMENT_REQUIRED',
        'Say what the vendor should change when you flag an answer.',
      );
    }
    if (decision === 'flagged' && grade !== null) {
      throw new InvalidAssessmentError(
        'GRADE_INVALID',
        'A grade accepts the answer: flag it without a grade, or accept it with one.',
        { questionId },
      );
    }
    return this.db.transaction(async (manager) => {
      let assessment = await this.find(manager, id);
      if (!assessment.questionIds.includes(questionId)) {
        throw new QuestionNotInAssessmentError(questionId);
      }
      if (!REVIEWABLE.includes(assessment.state)) {
        throw new TransitionRefusedError(
          `Answers are reviewed once the vendor has submitted; this assessment is ${assessment.state.replace('_', ' ')}.`,
          assessment.state,
        );
      }
      const question = (await this.forms.templateOf(manager, assessment)).families
        .flatMap((f) => f.questions)
        .find((q) => q.id === questionId);
      if (!question) throw new QuestionNotInAssessmentError(questionId);
      if (decision === 'accepted') await this.checkAcceptable(manager, assessment, question, grade);
      if (assessment.state === 'submitted') {
        assessment = await moveAssessment(manager, assessment, {
          action: 'start_review',
          side: 'customer',
          actorUserId: this.context.userId,
        });
      }
      const review = {
        reviewStatus: decision,
        reviewComment: why,
        reviewedBy: this.context.userId,
        reviewedAt: new Date(),
        grade,
      };
      const keepGrade = decision === 'accepted' && grade === null;
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
          ...review,
        })
        .orUpdate(
          [
            'review_status',
            'review_comment',
            'reviewed_by',
            'reviewed_at',
            ...(keepGrade ? [] : ['grade']),
          ],
          ['tenant_id', 'assessment_id', 'question_id'],
        )
        .execute();
      await this.audit.record({
        action: `assessment.answer_${decision}`,
        objectType: 'assessment',
        objectId: id,
        summary: { questionId, comment: why, ...(grade === null ? {} : { grade }) },
      });
      return manager.findOneByOrFail(AnswerEntity, {
        tenantId: assessment.tenantId,
        assessmentId: id,
        questionId,
      });
    });
  }

  /**
   * A grade must be one the question offers, on a review-scored question; a not-applicable claim
   * can be accepted only where the question allows it (the respondent could not have saved one
   * elsewhere, but rows older than the rule may hold one).
   */
  private async checkAcceptable(
    manager: EntityManager,
    assessment: AssessmentEntity,
    question: Question,
    grade: number | null,
  ): Promise<void> {
    const answer = await manager.findOneBy(AnswerEntity, {
      tenantId: assessment.tenantId,
      assessmentId: assessment.id,
      questionId: question.id,
    });
    if (answer?.notApplicable && !allowsNotApplicable(question)) {
      throw new InvalidAssessmentError(
        'NOT_APPLICABLE_NOT_ALLOWED',
        `${question.id} cannot be not applicable, so the claim cannot be accepted; flag it instead.`,
        { questionId: question.id },
      );
    }
    if (grade === null) return;
    const grades = reviewGrades(question.scoring);
    if (grades.length === 0) {
      throw new InvalidAssessmentError(
        'GRADE_INVALID',
        `${question.id} is scored from its answer, not graded by the reviewer.`,
        { questionId: question.id },
      );
    }
    if (answer?.notApplicable) {
      throw new InvalidAssessmentError(
        'GRADE_INVALID',
        `${question.id} is claimed not applicable: accept or flag the claim without a grade.`,
        { questionId: question.id },
      );
    }
    if (!grades.some((g) => g.value === grade)) {
      throw new InvalidAssessmentError(
        'GRADE_INVALID',
        `${question.id} takes one of these grades: ${grades.map((g) => `${g.value} (${g.label})`).join(', ')}.`,
        { questionId: question.id },
      );
    }
  }

  /** Sends the assessment back to the vendor, which sees the flagged answers and their comments. */
  async requestChanges(id: string, message: string | null): Promise<AssessmentEntity> {
    const note = message === null ? null : cleanText(message, 'The message');
    return this.db.transaction(async (manager) => {
      const assessment = await this.find(manager, id);
      const flagged = await this.flagged(manager, assessment);
      if (assessment.state === 'in_review' && flagged.length === 0) throw new NothingFlaggedError();
      const moved = await moveAssessment(manager, assessment, {
        action: 'request_changes',
        side: 'customer',
        actorUserId: this.context.userId,
        comment: note,
      });
      const named = forMail(moved);
      await this.notifyRespondents(
        manager,
        moved,
        `Changes requested: ${named.title}`,
        [
          `${named.customerName} reviewed "${named.title}" and asks for changes to ${flagged.length} answer(s): ${flagged.join(', ')}.`,
          note ? `\nTheir message: ${mailSafe(note)}` : '',
          `\nThe assessment is due on ${moved.dueOn}.`,
        ].join('\n'),
      );
      await this.audit.record({
        action: 'assessment.changes_requested',
        objectType: 'assessment',
        objectId: id,
        summary: { flagged },
      });
      return moved;
    });
  }

  /** Completes the review; the vendor's tier decides when the next cycle starts. */
  async complete(id: string): Promise<AssessmentEntity> {
    return this.db.transaction(async (manager) => {
      const assessment = await this.find(manager, id);
      const flagged = await this.flagged(manager, assessment);
      if (flagged.length > 0) throw new FlaggedAnswersError(flagged);
      const months = await this.cycles.monthsFor(assessment.tier);
      const nextCycleOn = months === null ? null : addMonths(this.clock.today(), months);
      const completed = await moveAssessment(manager, assessment, {
        action: 'complete',
        side: 'customer',
        actorUserId: this.context.userId,
        also: { nextCycleOn },
      });
      const score = await this.recorder.recordFinal(
        manager,
        completed,
        await this.scoringSettings.load(manager),
        completed.completedAt ?? new Date(),
      );
      const findings = await this.findings.raiseForCompleted(manager, completed, score.breakdown);
      const named = forMail(completed);
      await this.notifyRespondents(
        manager,
        completed,
        `Assessment completed: ${named.title}`,
        `${named.customerName} has completed its review of "${named.title}". Thank you.`,
      );
      await this.audit.record({
        action: 'assessment.completed',
        objectType: 'assessment',
        objectId: id,
        summary: { nextCycleOn, overall: score.overall, rating: score.rating, findings },
      });
      return completed;
    });
  }

  async addNote(
    id: string,
    questionId: string | null,
    body: string,
  ): Promise<AssessmentNoteEntity> {
    const text = cleanText(body, 'The note');
    return this.db.transaction(async (manager) => {
      const assessment = await this.find(manager, id);
      if (questionId !== null && !assessment.questionIds.includes(questionId)) {
        throw new QuestionNotInAssessmentError(questionId);
      }
      const note = manager.create(AssessmentNoteEntity, {
        tenantId: assessment.tenantId,
        id: randomUUID(),
        assessmentId: id,
        questionId,
        authorUserId: this.context.userId,
        body: text,
        createdAt: new Date(),
      });
      await manager.insert(AssessmentNoteEntity, note);
      await this.audit.record({
        action: 'assessment.note_added',
        objectType: 'assessment',
        objectId: id,
        summary: { questionId },
      });
      return note;
    });
  }

  notes(id: string): Promise<AssessmentNoteEntity[]> {
    return this.db.transaction(async (manager) => {
      const assessment = await this.find(manager, id);
      return manager.find(AssessmentNoteEntity, {
        where: { tenantId: assessment.tenantId, assessmentId: id },
        order: { createdAt: 'ASC' },
      });
    });
  }

  private async flagged(manager: EntityManager, assessment: AssessmentEntity): Promise<string[]> {
    const rows = await manager.find(AnswerEntity, {
      where: {
        tenantId: assessment.tenantId,
        assessmentId: assessment.id,
        reviewStatus: 'flagged',
      },
      select: { questionId: true },
      order: { questionId: 'ASC' },
    });
    return rows.map((r) => r.questionId);
  }

  /** Everyone invited to answer (accepted or not): the customer knows only their emails. */
  private async notifyRespondents(
    manager: EntityManager,
    assessment: AssessmentEntity,
    subject: string,
    text: string,
  ): Promise<void> {
    const invitations = await manager.find(AssessmentInvitationEntity, {
      where: {
        tenantId: assessment.tenantId,
        assessmentId: assessment.id,
        acceptedAt: Not(IsNull()),
      },
    });
    const pending = invitations.length
      ? invitations
      : await manager.findBy(AssessmentInvitationEntity, {
          tenantId: assessment.tenantId,
          assessmentId: assessment.id,
        });
    for (const email of new Set(pending.map((i) => i.email))) {
      await this.outbox.enqueue({ kind: 'assessment_update', to: email, subject, text });
    }
  }

  private find(manager: EntityManager, id: string): Promise<AssessmentEntity> {
    return assessmentFor(manager, 'customer', this.context.tenantId, id);
  }
}
