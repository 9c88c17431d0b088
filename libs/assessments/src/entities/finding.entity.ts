import type { ControlMappings } from '@app/catalog';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';

export const FINDING_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/**
 * A gap a customer found in a vendor's answers: raised automatically when a completed
 * assessment's answer falls below its question's pass level, or by a reviewer. Customer data
 * only; the MSP will see findings through explicit links, never through this table's policy.
 */
@Entity({ name: 'findings' })
@Unique('uq_findings_question', ['tenantId', 'assessmentId', 'questionId'])
@ForeignKey('AssessmentEntity', ['tenantId', 'assessmentId'], ['tenantId', 'id'], {
  name: 'fk_findings_assessment',
})
@Index('ix_findings_vendor', ['tenantId', 'vendorId', 'status'])
@Check('ck_findings_severity', `"severity" IN ('low', 'medium', 'high', 'critical')`)
@Check('ck_findings_source', `"source" IN ('automatic', 'manual')`)
export class FindingEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @Column({ name: 'question_id', type: 'varchar', length: 64 })
  questionId!: string;

  @Column({ name: 'family_id', type: 'varchar', length: 64 })
  familyId!: string;

  /** The question's text when raised. */
  @Column({ type: 'varchar', length: 2000 })
  title!: string;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  detail!: string | null;

  @Column({ type: 'varchar', length: 10 })
  severity!: FindingSeverity;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: string;

  @Column({ type: 'varchar', length: 10 })
  source!: 'automatic' | 'manual';

  /** v of the answer when raised; null for a finding raised by hand on an unscored question. */
  @Column({ type: 'double precision', nullable: true })
  compliance!: number | null;

  @Column({ type: 'jsonb' })
  controls!: ControlMappings;

  @Column({ name: 'evidence_ids', type: 'uuid', array: true, default: () => "'{}'" })
  evidenceIds!: string[];

  @Column({ name: 'raised_by', type: 'uuid', nullable: true })
  raisedBy!: string | null;

  @Column({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;
}
