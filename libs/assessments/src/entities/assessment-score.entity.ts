import type {
  FailedKnockout,
  OpenKnockout,
  RiskLevel,
  ScoreResult,
  WeightTally,
} from '@app/scoring';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

export interface StoredFamilyScore {
  readonly familyId: string;
  readonly title: string;
  readonly weight: number;
  readonly score: number | null;
  /** Absent on scores stored before engine 2.0.0. */
  readonly notApplicable?: WeightTally;
  readonly pending?: WeightTally;
}

/** Framework → control category → score, e.g. { 'csf-2.0': { 'PR.AA': 62 } }. */
export type StoredControlScores = Record<string, Record<string, number>>;

/**
 * A completed assessment's final score. Never updated in place except to be superseded: a
 * recomputation under new settings adds a row, so history (and trends) keep what was decided.
 * `latest_for_vendor` marks the current score of each vendor's most recent completed assessment,
 * which is what the portfolio dashboards read.
 */
@Entity({ name: 'assessment_scores' })
@ForeignKey('AssessmentEntity', ['tenantId', 'assessmentId'], ['tenantId', 'id'], {
  name: 'fk_assessment_scores_assessment',
})
@Index('ix_assessment_scores_vendor', ['tenantId', 'vendorId', 'completedAt'])
@Index('ix_assessment_scores_latest', ['tenantId', 'latestForVendor', 'overall'])
@Index('ix_assessment_scores_assessment', ['tenantId', 'assessmentId', 'current'])
@Index('ix_assessment_scores_respondent', ['respondentTenantId', 'current'])
export class AssessmentScoreEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId!: string;

  @Column({ name: 'respondent_tenant_id', type: 'uuid', nullable: true })
  respondentTenantId!: string | null;

  @Column({ type: 'smallint' })
  tier!: number;

  @Column({ type: 'double precision', nullable: true })
  overall!: number | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  rating!: RiskLevel | null;

  @Column({ name: 'residual_risk', type: 'varchar', length: 10, nullable: true })
  residualRisk!: RiskLevel | null;

  @Column({ name: 'failed_knockouts', type: 'jsonb' })
  failedKnockouts!: FailedKnockout[];

  /** Visible knockouts not truly met (unanswered, pending review, N/A not accepted). */
  @Column({ name: 'open_knockouts', type: 'jsonb', default: () => "'[]'" })
  openKnockouts!: OpenKnockout[];

  /** Accepted not-applicable claims the score leaves out: how many, and their question weight. */
  @Column({ name: 'not_applicable_count', type: 'integer', default: 0 })
  notApplicableCount!: number;

  @Column({ name: 'not_applicable_weight', type: 'double precision', default: 0 })
  notApplicableWeight!: number;

  /** N/A claims awaiting review and ungraded review-scored answers the score leaves out. */
  @Column({ name: 'pending_count', type: 'integer', default: 0 })
  pendingCount!: number;

  @Column({ name: 'pending_weight', type: 'double precision', default: 0 })
  pendingWeight!: number;

  @Column({ type: 'jsonb' })
  families!: StoredFamilyScore[];

  @Column({ type: 'jsonb' })
  controls!: StoredControlScores;

  /** The engine's whole result: family → question → answer → v and w. */
  @Column({ type: 'jsonb' })
  breakdown!: ScoreResult;

  @Column({ name: 'engine_version', type: 'varchar', length: 16 })
  engineVersion!: string;

  @Column({ name: 'template_key', type: 'varchar', length: 64 })
  templateKey!: string;

  @Column({ name: 'template_version', type: 'varchar', length: 32 })
  templateVersion!: string;

  @Column({ name: 'settings_version', type: 'integer' })
  settingsVersion!: number;

  /** When the assessment was completed: the point on a trend line. */
  @Column({ name: 'completed_at', type: 'timestamptz' })
  completedAt!: Date;

  @Column({ name: 'computed_at', type: 'timestamptz' })
  computedAt!: Date;

  /** False once a recomputation replaced it. */
  @Column({ type: 'boolean' })
  current!: boolean;

  @Column({ name: 'latest_for_vendor', type: 'boolean' })
  latestForVendor!: boolean;
}
