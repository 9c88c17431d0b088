import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * One family's score of a stored assessment score, as a row: the heatmap and the weakest
 * families aggregate these with plain SQL and an index instead of unpacking JSON per request.
 */
@Entity({ name: 'assessment_family_scores' })
@ForeignKey('AssessmentScoreEntity', ['tenantId', 'scoreId'], ['tenantId', 'id'], {
  name: 'fk_assessment_family_scores_score',
})
@Index('ix_assessment_family_scores_latest', ['tenantId', 'latestForVendor', 'vendorId'])
export class AssessmentFamilyScoreEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ name: 'score_id', type: 'uuid' })
  scoreId!: string;

  @PrimaryColumn({ name: 'family_id', type: 'varchar', length: 64 })
  familyId!: string;

  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'double precision' })
  score!: number;

  /** Accepted not-applicable claims left out of the family's score, and their weight. */
  @Column({ name: 'not_applicable_count', type: 'integer', default: 0 })
  notApplicableCount!: number;

  @Column({ name: 'not_applicable_weight', type: 'double precision', default: 0 })
  notApplicableWeight!: number;

  /** N/A claims awaiting review and ungraded review-scored answers, and their weight. */
  @Column({ name: 'pending_count', type: 'integer', default: 0 })
  pendingCount!: number;

  @Column({ name: 'pending_weight', type: 'double precision', default: 0 })
  pendingWeight!: number;

  @Column({ name: 'latest_for_vendor', type: 'boolean' })
  latestForVendor!: boolean;
}
