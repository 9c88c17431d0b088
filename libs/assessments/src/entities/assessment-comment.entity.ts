import type { Side } from '../lifecycle/assessment-states.js';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** A message in a question's thread between customer and MSP; both sides read it. */
@Entity({ name: 'assessment_comments' })
@ForeignKey('AssessmentEntity', ['tenantId', 'assessmentId'], ['tenantId', 'id'], {
  name: 'fk_assessment_comments_assessment',
})
@Index('ix_assessment_comments_thread', ['tenantId', 'assessmentId', 'questionId', 'createdAt'])
@Index('ix_assessment_comments_respondent', ['respondentTenantId', 'assessmentId'])
@Check('ck_assessment_comments_side', `"author_side" IN ('customer', 'vendor')`)
export class AssessmentCommentEntity {
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

  @Column({ name: 'author_side', type: 'varchar', length: 8 })
  authorSide!: Side;

  @Column({ name: 'author_user_id', type: 'uuid', nullable: true })
  authorUserId!: string | null;

  /** Copied: neither side can read the other's people. */
  @Column({ name: 'author_name', type: 'varchar', length: 200 })
  authorName!: string;

  @Column({ type: 'varchar', length: 4000 })
  body!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
