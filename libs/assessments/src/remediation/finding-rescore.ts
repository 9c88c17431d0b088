import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AnswerEntity } from '../entities/answer.entity.js';
import { AssessmentScoreEntity } from '../entities/assessment-score.entity.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import type { FindingEntity } from '../entities/finding.entity.js';
import { ScoreRecorder } from '../scores/score-recorder.js';
import { ScoringSettingsService } from '../scores/scoring-settings.service.js';

/**
 * What a verified fix does to the numbers: the vendor's new answer replaces the one the finding
 * was raised on, accepted by the verifier, and the completed assessment is scored again (the old
 * score stays in the history).
 */
@Injectable()
export class FindingRescore {
  constructor(
    private readonly recorder: ScoreRecorder,
    private readonly settings: ScoringSettingsService,
  ) {}

  /** The new score, or null when the finding carries no new answer to apply. */
  async apply(
    manager: EntityManager,
    finding: FindingEntity,
    verifiedBy: string | null,
    at: Date,
  ): Promise<AssessmentScoreEntity | null> {
    if (!finding.resolvedAnswer) return null;
    const assessment = await manager.findOneBy(AssessmentEntity, {
      tenantId: finding.tenantId,
      id: finding.assessmentId,
    });
    const current = await manager.findOneBy(AssessmentScoreEntity, {
      tenantId: finding.tenantId,
      assessmentId: finding.assessmentId,
      current: true,
    });
    if (assessment?.state !== 'completed' || !current) return null;
    const answer = {
      value: finding.resolvedAnswer.notApplicable ? null : finding.resolvedAnswer.value,
      notApplicable: finding.resolvedAnswer.notApplicable,
      answeredAt: at,
      reviewStatus: 'accepted' as const,
      reviewComment: null,
      reviewedBy: verifiedBy,
      reviewedAt: at,
    };
    const key = {
      tenantId: finding.tenantId,
      assessmentId: finding.assessmentId,
      questionId: finding.questionId,
    };
    const updated = await manager.update(AnswerEntity, key, {
      ...answer,
      version: () => 'version + 1',
    });
    if (updated.affected !== 1) {
      await manager.insert(AnswerEntity, {
        ...key,
        ...answer,
        respondentTenantId: assessment.respondentTenantId,
      });
    }
    return this.recorder.recompute(
      manager,
      current,
      assessment,
      await this.settings.load(manager),
      at,
    );
  }
}
