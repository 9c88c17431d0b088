import { RequirePermission } from '@app/access';
import type { Framework } from '@app/catalog';
import type { FrameworkLevel } from '@app/scoring';
import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestLoaders } from '@app/common';
import { RecomputeScoresJob } from '../scores/recompute-scores.job.js';
import { ScoresService } from '../scores/scores.service.js';
import { ScoringSettingsService } from '../scores/scoring-settings.service.js';
import { AssessmentObject, InboxAssessmentObject } from './assessment.objects.js';
import { scoreView, settingsChange, settingsView } from './score-mapping.js';
import {
  AssessmentScoreObject,
  ControlScoreObject,
  FrameworkEnum,
  FrameworkLevelEnum,
  ScoreRecordObject,
  ScoringSettingsInput,
  ScoringSettingsObject,
} from './score.objects.js';

const frameworkArg = { type: () => FrameworkEnum, defaultValue: 'csf-2.0' };
const levelArg = { type: () => FrameworkLevelEnum, defaultValue: 'category' };

/** Scores on the customer's assessments, and the customer's scoring settings. */
@Resolver(() => AssessmentObject)
export class CustomerScoresResolver {
  constructor(
    private readonly scores: ScoresService,
    private readonly settings: ScoringSettingsService,
    private readonly recompute: RecomputeScoresJob,
    private readonly loaders: RequestLoaders,
  ) {}

  @Query(() => ScoringSettingsObject)
  @RequirePermission('assessments:read')
  async scoringSettings(): Promise<ScoringSettingsObject> {
    return settingsView(await this.settings.get());
  }

  @Mutation(() => ScoringSettingsObject, {
    description: 'Changes bands, residual matrix or family weights; run recomputeScores after.',
  })
  @RequirePermission('scoring:manage')
  async updateScoringSettings(
    @Args('input') input: ScoringSettingsInput,
  ): Promise<ScoringSettingsObject> {
    return settingsView(await this.settings.update(settingsChange(input)));
  }

  @Mutation(() => Int, {
    description:
      'Recomputes final scores made under older settings, on the job queue; returns how many. Old scores are kept.',
  })
  @RequirePermission('scoring:manage')
  recomputeScores(): Promise<number> {
    return this.recompute.request();
  }

  @ResolveField(() => AssessmentScoreObject, {
    description: 'Provisional while the vendor answers, final once completed.',
  })
  async score(@Parent() parent: AssessmentObject): Promise<AssessmentScoreObject> {
    return scoreView(await this.loaders.load('customer-score', this.customerScores, parent.id));
  }

  private readonly customerScores = (ids: readonly string[]) =>
    this.scores.currentMany('customer', ids);

  @ResolveField(() => [ControlScoreObject], { description: 'The answers by mapped control.' })
  frameworkScores(
    @Parent() parent: AssessmentObject,
    @Args('framework', frameworkArg) framework: Framework,
    @Args('level', levelArg) level: FrameworkLevel,
  ): Promise<ControlScoreObject[]> {
    return this.scores.byFramework('customer', parent.id, framework, level);
  }

  @ResolveField(() => [ScoreRecordObject], { description: 'Stored final scores, newest first.' })
  scoreHistory(@Parent() parent: AssessmentObject): Promise<ScoreRecordObject[]> {
    return this.scores.history(parent.id);
  }
}

/** The MSP's view of the score of its own answers. */
@Resolver(() => InboxAssessmentObject)
export class InboxScoresResolver {
  constructor(
    private readonly scores: ScoresService,
    private readonly loaders: RequestLoaders,
  ) {}

  @ResolveField(() => AssessmentScoreObject, {
    description:
      'Final once completed (under the customer’s settings); until then provisional, under default bands and weights.',
  })
  async score(@Parent() parent: InboxAssessmentObject): Promise<AssessmentScoreObject> {
    return scoreView(await this.loaders.load('vendor-score', this.vendorScores, parent.id));
  }

  private readonly vendorScores = (ids: readonly string[]) =>
    this.scores.currentMany('vendor', ids);

  @ResolveField(() => [ControlScoreObject])
  frameworkScores(
    @Parent() parent: InboxAssessmentObject,
    @Args('framework', frameworkArg) framework: Framework,
    @Args('level', levelArg) level: FrameworkLevel,
  ): Promise<ControlScoreObject[]> {
    return this.scores.byFramework('vendor', parent.id, framework, level);
  }
}
