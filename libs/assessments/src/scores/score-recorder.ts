import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AssessmentFamilyScoreEntity } from '../entities/assessment-family-score.entity.js';
import { AssessmentScoreEntity } from '../entities/assessment-score.entity.js';
import type { AssessmentEntity } from '../entities/assessment.entity.js';
import { loadContent } from '../shared/assessment-content.js';
import { controlScores, familyRows, scoreContent } from './score-content.js';
import type { ScoringSettings } from './scoring-settings.service.js';

/**
 * Writes final scores. A completed assessment gets one, which becomes its vendor's latest; a
 * recomputation adds a new row under the new settings and retires the old one, never edits it.
 */
@Injectable()
export class ScoreRecorder {
  /** In the completing transaction: the assessment is the vendor's most recent completion. */
  async recordFinal(
    manager: EntityManager,
    assessment: AssessmentEntity,
    settings: ScoringSettings,
    completedAt: Date,
  ): Promise<AssessmentScoreEntity> {
    await this.clearLatest(manager, assessment.tenantId, assessment.vendorId);
    return this.write(manager, assessment, settings, completedAt, true);
  }

  /**
   * Replaces a current score with one under `settings`; keeps the old row as history. A score
   * taken again because an answer changed after completion is dated when that happened.
   */
  async recompute(
    manager: EntityManager,
    previous: AssessmentScoreEntity,
    assessment: AssessmentEntity,
    settings: ScoringSettings,
    completedAt = previous.completedAt,
  ): Promise<AssessmentScoreEntity> {
    const key = { tenantId: previous.tenantId, id: previous.id };
    await manager.update(AssessmentScoreEntity, key, { current: false, latestForVendor: false });
    await manager.update(
      AssessmentFamilyScoreEntity,
      { tenantId: previous.tenantId, scoreId: previous.id },
      { latestForVendor: false },
    );
    return this.write(manager, assessment, settings, completedAt, previous.latestForVendor);
  }

  private async write(
    manager: EntityManager,
    assessment: AssessmentEntity,
    settings: ScoringSettings,
    completedAt: Date,
    latest: boolean,
  ): Promise<AssessmentScoreEntity> {
    const content = await loadContent(manager, assessment);
    const asOf = completedAt.toISOString().slice(0, 10);
    const result = scoreContent(content, settings, true, asOf);
    const score = manager.create(AssessmentScoreEntity, {
      tenantId: assessment.tenantId,
      id: randomUUID(),
      assessmentId: assessment.id,
      vendorId: assessment.vendorId,
      respondentTenantId: assessment.respondentTenantId,
      tier: assessment.tier,
      overall: result.overall,
      rating: result.rating,
      residualRisk: result.residualRisk,
      failedKnockouts: [...result.failedKnockouts],
      openKnockouts: [...result.openKnockouts],
      notApplicableCount: result.notApplicable.count,
      notApplicableWeight: result.notApplicable.weight,
      pendingCount: result.pending.count,
      pendingWeight: result.pending.weight,
      families: familyRows(result, content.template),
      controls: controlScores(result, content.template),
      breakdown: result,
      engineVersion: result.engineVersion,
      templateKey: result.template.key,
      templateVersion: result.template.version,
      settingsVersion: settings.version,
      completedAt,
      computedAt: new Date(),
      current: true,
      latestForVendor: latest,
    });
    await manager.insert(AssessmentScoreEntity, score);
    const families = result.families.filter((f) => f.score !== null);
    if (families.length > 0) {
      await manager.insert(
        AssessmentFamilyScoreEntity,
        families.map((family) => ({
          tenantId: score.tenantId,
          scoreId: score.id,
          familyId: family.familyId,
          vendorId: score.vendorId,
          score: family.score as number,
          notApplicableCount: family.notApplicable.count,
          notApplicableWeight: family.notApplicable.weight,
          pendingCount: family.pending.count,
          pendingWeight: family.pending.weight,
          latestForVendor: latest,
        })),
      );
    }
    return score;
  }

  private async clearLatest(manager: EntityManager, tenantId: string, vendorId: string) {
    await manager.update(
      AssessmentScoreEntity,
      { tenantId, vendorId, latestForVendor: true },
      { latestForVendor: false },
    );
    await manager.update(
      AssessmentFamilyScoreEntity,
      { tenantId, vendorId, latestForVendor: true },
      { latestForVendor: false },
    );
  }
}
