import type { AnswerValue } from '@app/catalog';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

export type ReviewStatus = 'pending' | 'accepted' | 'flagged';

/**
 * One question's answer. Saved as the MSP goes; `version` makes saves optimistic: a save names
 * the version it read. The customer's review decision lives on the same row, and a trigger stops
 * the MSP's side from touching it (or anything else that is the customer's).
 */
@Entity({ name: 'assessment_answers' })
@ForeignKey('AssessmentEntity', ['tenantId', 'assessmentId'], ['tenantId', 'id'], {
  name: 'fk_assessment_answers_assessment',
})
@Index('ix_assessment_answers_respondent', ['respondentTenantId', 'assessmentId'])
@Check('ck_assessment_answers_review', `"review_status" IN ('pending', 'accepted', 'flagged')`)
@Check('ck_assessment_answers_grade', `"grade" IS NULL OR ("grade" >= 0 AND "grade" <= 1)`)
export class AnswerEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @PrimaryColumn({ name: 'question_id', type: 'varchar', length: 64 })
  questionId!: string;

  @Column({ name: 'respondent_tenant_id', type: 'uuid', nullable: true })
  respondentTenantId!: string | null;

  /** Null while unanswered or when not applicable. */
  @Column({ type: 'jsonb', nullable: true })
  value!: AnswerValue;

  @Column({ name: 'not_applicable', type: 'boolean', default: false })
  notApplicable!: boolean;

  /** Why the MSP claims not applicable: the reviewer accepts or rejects the claim. */
  @Column({ name: 'not_applicable_reason', type: 'varchar', length: 1000, nullable: true })
  notApplicableReason!: string | null;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'answered_by', type: 'uuid', nullable: true })
  answeredBy!: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  /** A colleague at the MSP this question is assigned to. */
  @Column({ name: 'assignee_user_id', type: 'uuid', nullable: true })
  assigneeUserId!: string | null;

  /** Pre-filled from the previous cycle and not yet saved again by the respondent. */
  @Column({ type: 'boolean', default: false })
  carried!: boolean;

  /** The previous cycle's answer, kept so "changed since last cycle" can be shown. */
  @Column({ name: 'previous_value', type: 'jsonb', nullable: true })
  previousValue!: AnswerValue;

  @Column({ name: 'previous_not_applicable', type: 'boolean', nullable: true })
  previousNotApplicable!: boolean | null;

  @Column({ name: 'review_status', type: 'varchar', length: 16, default: 'pending' })
  reviewStatus!: ReviewStatus;

  /** What the reviewer wants fixed; the MSP sees it. */
  @Column({ name: 'review_comment', type: 'varchar', length: 4000, nullable: true })
  reviewComment!: string | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy!: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  /** The reviewer's grade of a review-scored answer (one the template offers); a save clears it. */
  @Column({ type: 'double precision', nullable: true })
  grade!: number | null;
}
