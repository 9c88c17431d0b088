import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** One library answer applied to one question of a customer's assessment, under a grant. */
@Entity({ name: 'library_uses' })
@ForeignKey('LibraryGrantEntity', ['tenantId', 'grantId'], ['tenantId', 'id'], {
  name: 'fk_library_uses_grant',
})
@Index('ix_library_uses_grant', ['tenantId', 'grantId', 'usedAt'])
@Check('ck_library_uses_match', `"matched_by" IN ('question', 'controls')`)
export class LibraryUseEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'grant_id', type: 'uuid' })
  grantId!: string;

  @Column({ name: 'customer_tenant_id', type: 'uuid' })
  customerTenantId!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  /** The assessment's question that was answered. */
  @Column({ name: 'question_id', type: 'varchar', length: 64 })
  questionId!: string;

  /** The library entry that answered it (the same id, or one mapped to the same controls). */
  @Column({ name: 'library_question_id', type: 'varchar', length: 64 })
  libraryQuestionId!: string;

  @Column({ name: 'matched_by', type: 'varchar', length: 10 })
  matchedBy!: 'question' | 'controls';

  /** The entry was stale and the respondent re-confirmed it to use it. */
  @Column({ type: 'boolean', default: false })
  reconfirmed!: boolean;

  @Column({ name: 'evidence_files', type: 'integer', default: 0 })
  evidenceFiles!: number;

  @Column({ name: 'used_by', type: 'uuid', nullable: true })
  usedBy!: string | null;

  @Column({ name: 'used_at', type: 'timestamptz' })
  usedAt!: Date;
}
