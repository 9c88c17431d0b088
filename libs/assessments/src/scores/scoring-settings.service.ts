import { AuditTrailService } from '@app/audit';
import { InvalidInputError, RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import {
  checkRatingBands,
  DEFAULT_RATING_BANDS,
  DEFAULT_RESIDUAL_MATRIX,
  RISK_LEVELS,
  type RatingBands,
  type ResidualMatrix,
} from '@app/scoring';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ScoringSettingsEntity } from '../entities/scoring-settings.entity.js';

export interface ScoringSettings {
  readonly bands: RatingBands;
  readonly residualMatrix: ResidualMatrix;
  readonly familyWeights: Readonly<Record<string, number>>;
  /** 0 until the organization changes anything. */
  readonly version: number;
}

export interface ScoringSettingsChange {
  readonly bands?: RatingBands;
  readonly residualMatrix?: ResidualMatrix;
  readonly familyWeights?: Readonly<Record<string, number>>;
}

export const DEFAULT_SCORING_SETTINGS: ScoringSettings = {
  bands: DEFAULT_RATING_BANDS,
  residualMatrix: DEFAULT_RESIDUAL_MATRIX,
  familyWeights: {},
  version: 0,
};

function checkMatrix(matrix: ResidualMatrix): void {
  const complete = ([1, 2, 3, 4] as const).every((tier) =>
    RISK_LEVELS.every((rating) => RISK_LEVELS.includes(matrix[tier]?.[rating])),
  );
  if (!complete) {
    throw new InvalidInputError(
      'RESIDUAL_MATRIX_INVALID',
      'The residual-risk matrix needs a risk level for every tier (1–4) and every rating.',
    );
  }
}

function checkWeights(weights: Readonly<Record<string, number>>): void {
  const bad = Object.entries(weights).find(
    ([family, weight]) => !family || !Number.isFinite(weight) || weight < 0 || weight > 100,
  );
  if (bad) {
    throw new InvalidInputError(
      'FAMILY_WEIGHT_INVALID',
      `Family weights are 0 to 100; "${bad[0]}" has ${bad[1]}.`,
    );
  }
}

/** A customer's rating bands, residual-risk matrix and family weights. */
@Injectable()
export class ScoringSettingsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
  ) {}

  get(): Promise<ScoringSettings> {
    return this.db.transaction((manager) => this.load(manager));
  }

  async load(manager: EntityManager): Promise<ScoringSettings> {
    const row = await manager.findOneBy(ScoringSettingsEntity, {
      tenantId: this.context.tenantId,
    });
    return row
      ? {
          bands: row.bands,
          residualMatrix: row.residualMatrix,
          familyWeights: row.familyWeights,
          version: row.version,
        }
      : DEFAULT_SCORING_SETTINGS;
  }

  /** Changes the settings; stored scores keep theirs until recomputed. */
  async update(change: ScoringSettingsChange): Promise<ScoringSettings> {
    if (change.bands) checkRatingBands(change.bands);
    if (change.residualMatrix) checkMatrix(change.residualMatrix);
    if (change.familyWeights) checkWeights(change.familyWeights);
    return this.db.transaction(async (manager) => {
      const current = await this.load(manager);
      const next: ScoringSettings = {
        bands: change.bands ?? current.bands,
        residualMatrix: change.residualMatrix ?? current.residualMatrix,
        familyWeights: change.familyWeights ?? current.familyWeights,
        version: current.version + 1,
      };
      await manager.upsert(
        ScoringSettingsEntity,
        {
          tenantId: this.context.tenantId,
          bands: next.bands,
          residualMatrix: next.residualMatrix,
          familyWeights: { ...next.familyWeights },
          version: next.version,
          updatedAt: new Date(),
        },
        ['tenantId'],
      );
      await this.audit.record({
        action: 'scoring_settings.updated',
        objectType: 'scoring_settings',
        summary: {
          version: next.version,
          bands: { ...next.bands },
          familyWeights: { ...next.familyWeights },
          residualMatrixChanged: Boolean(change.residualMatrix),
        },
      });
      return next;
    });
  }
}
