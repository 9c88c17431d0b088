import type { Framework } from '@app/catalog';
import { Clock, RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import {
  type ControlScore,
  type FrameworkLevel,
  type ScoreResult,
  scoreByFramework,
} from '@app/scoring';
import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { AssessmentNotFoundError } from '../assessments.errors.js';
import { AssessmentScoreEntity } from '../entities/assessment-score.entity.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import type { Side } from '../lifecycle/assessment-states.js';
import {
  loadContent,
  loadAnswersContents,
  type AnswersContent,
} from '../shared/assessment-content.js';
import { scoreContent } from './score-content.js';
import {
  DEFAULT_SCORING_SETTINGS,
  type ScoringSettings,
  ScoringSettingsService,
} from './scoring-settings.service.js';
import { assessmentFor, assessmentsFor } from '../shared/assessment-lookup.js';

export interface AssessmentScore {
  readonly kind: 'provisional' | 'final';
  readonly result: ScoreResult;
  /** Final scores only: the settings version and when it was computed. */
  readonly settingsVersion: number;
  readonly computedAt: Date;
}

/** Answers are final from submission: unanswered questions count 0 from then on. */
const SUBMITTED_STATES = new Set(['submitted', 'in_review', 'completed']);

/**
 * Scores as each side sees them. A completed assessment shows its stored final score; before
 * that, a provisional score is worked out from the answers so far. The MSP sees the score of
 * its own answers under the customer's settings.
 */
@Injectable()
export class ScoresService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly settings: ScoringSettingsService,
    private readonly clock: Clock,
  ) {}

  current(side: Side, assessmentId: string): Promise<AssessmentScore> {
    return this.db.transaction(async (manager) => {
      const assessment = await this.find(manager, side, assessmentId);
      return this.scoreOf(manager, side, assessment);
    });
  }

  /**
   * The scores of many assessments in one transaction and a fixed number of queries: what a
   * list's `score` fields batch into. In the ids' order; not-found for one the side can't see.
   */
  currentMany(side: Side, ids: readonly string[]): Promise<(AssessmentScore | Error)[]> {
    return this.db.transaction(async (manager) => {
      const found = await assessmentsFor(manager, side, this.context.tenantId, ids);
      if (found.length === 0) return ids.map(() => new AssessmentNotFoundError());
      const stored = await manager.find(AssessmentScoreEntity, {
        where: found.map((a) => ({ tenantId: a.tenantId, assessmentId: a.id, current: true })),
      });
      const final = new Map(stored.map((s) => [s.assessmentId, finalScore(s)]));
      const open = found.filter((a) => !final.has(a.id));
      const settings = await this.settingsFor(manager, side, open.length > 0);
      const provisional = new Map(
        (await loadAnswersContents(manager, open)).map((content) => [
          content.assessment.id,
          this.provisional(content, settings),
        ]),
      );
      return ids.map((id) => final.get(id) ?? provisional.get(id) ?? new AssessmentNotFoundError());
    });
  }

  /** Every final score the assessment has had, newest first (recomputations keep the old). */
  history(assessmentId: string): Promise<AssessmentScoreEntity[]> {
    return this.db.transaction(async (manager) => {
      const assessment = await this.find(manager, 'customer', assessmentId);
      return manager.find(AssessmentScoreEntity, {
        where: { tenantId: assessment.tenantId, assessmentId },
        order: { computedAt: 'DESC' },
      });
    });
  }

  /** The same answers by mapped control category, e.g. CSF 2.0 `PR.AA`. */
  byFramework(
    side: Side,
    assessmentId: string,
    framework: Framework,
    level: FrameworkLevel = 'category',
  ): Promise<ControlScore[]> {
    return this.db.transaction(async (manager) => {
      const assessment = await this.find(manager, side, assessmentId);
      const score = await this.scoreOf(manager, side, assessment);
      const content = await loadContent(manager, assessment);
      return scoreByFramework(score.result, content.template, framework, level);
    });
  }

  private async scoreOf(
    manager: EntityManager,
    side: Side,
    assessment: AssessmentEntity,
  ): Promise<AssessmentScore> {
    const stored = await manager.findOneBy(AssessmentScoreEntity, {
      tenantId: assessment.tenantId,
      assessmentId: assessment.id,
      current: true,
    });
    if (stored) return finalScore(stored);
    const settings = await this.settingsFor(manager, side, true);
    return this.provisional(await loadContent(manager, assessment), settings);
  }

  /** The MSP cannot read the customer's settings: its provisional view uses the defaults. */
  private async settingsFor(
    manager: EntityManager,
    side: Side,
    needed: boolean,
  ): Promise<ScoringSettings> {
    return side === 'customer' && needed ? this.settings.load(manager) : DEFAULT_SCORING_SETTINGS;
  }

  private provisional(content: AnswersContent, settings: ScoringSettings): AssessmentScore {
    const result = scoreContent(
      content,
      settings,
      SUBMITTED_STATES.has(content.assessment.state),
      this.clock.today(),
    );
    return {
      kind: 'provisional',
      result,
      settingsVersion: settings.version,
      computedAt: new Date(),
    };
  }

  private find(manager: EntityManager, side: Side, id: string): Promise<AssessmentEntity> {
    return assessmentFor(manager, side, this.context.tenantId, id);
  }
}

function finalScore(stored: AssessmentScoreEntity): AssessmentScore {
  return {
    kind: 'final',
    result: stored.breakdown,
    settingsVersion: stored.settingsVersion,
    computedAt: stored.computedAt,
  };
}
