import { AuditTrailService } from '@app/audit';
import { RequestContext } from '@app/common';
import { TenantDatabase, TenantSingleFlight } from '@app/database';
import { defineJob, JobQueue } from '@app/jobs';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Not } from 'typeorm';
import { AssessmentScoreEntity } from '../entities/assessment-score.entity.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import { ScoreRecorder } from './score-recorder.js';
import { ScoringSettingsService } from './scoring-settings.service.js';

export const RECOMPUTE_SCORES = defineJob<{ settingsVersion: number }>('scores.recompute', {
  expireInSeconds: 60 * 60,
});

/** At most this many scores per transaction, so a large portfolio never holds one long lock. */
const BATCH = 100;

/**
 * Recomputes a tenant's current final scores under its current settings, in batches; old scores
 * stay as history. Safe to rerun: scores already on the current version are skipped.
 */
@Injectable()
export class RecomputeScoresJob implements OnModuleInit {
  constructor(
    private readonly queue: JobQueue,
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly settings: ScoringSettingsService,
    private readonly recorder: ScoreRecorder,
    private readonly audit: AuditTrailService,
    private readonly flights: TenantSingleFlight,
  ) {}

  onModuleInit(): void {
    this.queue.register(RECOMPUTE_SCORES, () => this.run().then(() => undefined));
  }

  /** Enqueued for the caller's tenant; returns how many scores are out of date now. */
  async request(): Promise<number> {
    return this.db.transaction(async (manager) => {
      const settings = await this.settings.load(manager);
      const stale = await manager.countBy(AssessmentScoreEntity, {
        tenantId: this.context.tenantId,
        current: true,
        settingsVersion: Not(settings.version),
      });
      if (stale > 0) await this.queue.send(RECOMPUTE_SCORES, { settingsVersion: settings.version });
      await this.audit.record({
        action: 'scores.recompute_requested',
        objectType: 'scoring_settings',
        summary: { settingsVersion: settings.version, stale },
      });
      return stale;
    });
  }

  /**
   * One recompute per tenant at a time, across workers: a second job finds the first running,
   * fails and is retried later by the queue (it then skips what the first already did).
   */
  run(): Promise<number> {
    return this.flights.run('score recompute', () => this.recomputeStale());
  }

  private async recomputeStale(): Promise<number> {
    let done = 0;
    for (;;) {
      const batch = await this.db.transaction(async (manager) => {
        const settings = await this.settings.load(manager);
        const stale = await manager.find(AssessmentScoreEntity, {
          where: {
            tenantId: this.context.tenantId,
            current: true,
            settingsVersion: Not(settings.version),
          },
          take: BATCH,
          order: { completedAt: 'ASC', id: 'ASC' },
        });
        for (const previous of stale) {
          const assessment = await manager.findOneByOrFail(AssessmentEntity, {
            tenantId: previous.tenantId,
            id: previous.assessmentId,
          });
          await this.recorder.recompute(manager, previous, assessment, settings);
        }
        return stale.length;
      });
      done += batch;
      if (batch < BATCH) return done;
    }
  }
}
