import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * A file attached to an answer. The bytes live in the evidence store under their SHA-256; this row
 * says who may see them: the customer, and the MSP through `respondent_tenant_id`.
 */
@Entity({ name: 'evidence_files' })
@ForeignKey('AssessmentEntity', ['tenantId', 'assessmentId'], ['tenantId', 'id'], {
  name: 'fk_evidence_files_assessment',
})
@Index('ix_evidence_files_answer', ['tenantId', 'assessmentId', 'questionId'])
@Index('ix_evidence_files_respondent', ['respondentTenantId', 'assessmentId'])
export class EvidenceFileEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @Column({ name: 'question_id', type: 'varchar', length: 64 })
  questionId!: string;

  @Column({ name: 'respondent_tenant_id', type: 'uuid', nullable: true })
  respondentTenantId!: string | null;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ name: 'media_type', type: 'varchar', length: 120 })
  mediaType!: string;

  @Column({ name: 'file_name', type: 'varchar', length: 200 })
  fileName!: string;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy!: string | null;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;

  /** Removed by the MSP; kept for the record, no longer counted or shown. */
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt!: Date | null;
}
