import { randomUUID } from 'node:crypto';
import { AuditTrailService } from '@app/audit';
import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { UserEntity } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { QuestionNotInAssessmentError } from '../assessments.errors.js';
import { AssessmentCommentEntity } from '../entities/assessment-comment.entity.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import type { Side } from '../lifecycle/assessment-states.js';
import { cleanText } from './text.js';
import { assessmentFor } from './assessment-lookup.js';

/**
 * Per-question threads between the customer and the MSP. The side is not chosen by the caller:
 * it follows from how the caller's organization relates to the assessment.
 */
@Injectable()
export class CommentsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
  ) {}

  async post(
    side: Side,
    assessmentId: string,
    questionId: string,
    body: string,
  ): Promise<AssessmentCommentEntity> {
    const text = cleanText(body, 'The comment');
    return this.db.transaction(async (manager) => {
      const assessment = await this.find(manager, side, assessmentId);
      if (!assessment.questionIds.includes(questionId)) {
        throw new QuestionNotInAssessmentError(questionId);
      }
      const actor = this.context.actor;
      const author =
        actor.type === 'user'
          ? await manager.findOne(UserEntity, {
              where: { id: actor.id },
              select: { id: true, displayName: true },
            })
          : null;
      const comment = manager.create(AssessmentCommentEntity, {
        tenantId: assessment.tenantId,
        id: randomUUID(),
        assessmentId,
        questionId,
        respondentTenantId: assessment.respondentTenantId,
        authorSide: side,
        authorUserId: author?.id ?? null,
        authorName: author?.displayName ?? 'Integration',
        body: text,
        createdAt: new Date(),
      });
      await manager.insert(AssessmentCommentEntity, comment);
      await this.audit.record({
        action: 'assessment.comment_posted',
        objectType: 'assessment',
        objectId: assessmentId,
        summary: { questionId, side },
      });
      return comment;
    });
  }

  private find(manager: EntityManager, side: Side, id: string): Promise<AssessmentEntity> {
    return assessmentFor(manager, side, this.context.tenantId, id);
  }
}
