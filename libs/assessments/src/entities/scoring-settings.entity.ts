import type { RatingBands, ResidualMatrix } from '@app/scoring';
import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * A customer's scoring choices: rating bands, the residual-risk matrix and family weights that
 * override the template's. Each change bumps `version`; stored scores name the version they used.
 */
@Entity({ name: 'scoring_settings' })
export class ScoringSettingsEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('Tenant', { name: 'fk_scoring_settings_tenant' })
  tenantId!: string;

  @Column({ type: 'jsonb' })
  bands!: RatingBands;

  @Column({ name: 'residual_matrix', type: 'jsonb' })
  residualMatrix!: ResidualMatrix;

  /** Family id → weight, replacing the template's weight for that family. */
  @Column({ name: 'family_weights', type: 'jsonb' })
  familyWeights!: Record<string, number>;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
