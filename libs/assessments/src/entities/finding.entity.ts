import type { AnswerValue, ControlMappings } from '@app/catalog';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';

export const FINDING_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** Where a finding stands; `finding-states.ts` says who may move it where. */
export const FINDING_STATUSES = [
  'open',
  'planned',
  'in_progress',
  'resolved',
  'verified',
  'accepted',
  'reopened',
] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** A step of a remediation plan. */
export interface Milestone {
  readonly title: string;
  readonly dueOn: string;
  readonly doneOn: string | null;
}

/** The answer the vendor says is true once the gap is fixed; applied when the customer verifies. */
export interface ResolvedAnswer {
  readonly value: AnswerValue;
  readonly notApplicable: boolean;
}

/**
 * A gap a customer found in a vendor's answers: raised automatically when a completed
 * assessment's answer falls below its question's pass level, or by a reviewer. Customer data
 * data: the MSP sees (and moves) a finding only through its row in `finding_links`.
 */
@Entity({ name: 'findings' })
@Unique('uq_findings_question', ['tenantId', 'assessmentId', 'questionId'])
@ForeignKey('AssessmentEntity', ['tenantId', 'assessmentId'], ['tenantId', 'id'], {
  name: 'fk_findings_assessment',
})
@Index('ix_findings_vendor', ['tenantId', 'vendorId', 'status'])
@Index('ix_findings_remediation_item', ['remediationItemId'])
@Check('ck_findings_severity', `"severity" IN ('low', 'medium', 'high', 'critical')`)
@Check('ck_findings_source', `"source" IN ('automatic', 'manual')`)
@Check(
  'ck_findings_status',
  `"status" IN ('open', 'planned', 'in_progress', 'resolved', 'verified', 'accepted', 'reopened')`,
)
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
  status!: FindingStatus;

  @Column({ name: 'status_changed_at', type: 'timestamptz', nullable: true })
  statusChangedAt!: Date | null;

  /** Who fixes it: a name, since the owner may work at the vendor. */
  @Column({ name: 'plan_owner', type: 'varchar', length: 200, nullable: true })
  planOwner!: string | null;

  @Column({ name: 'plan_due_on', type: 'date', nullable: true })
  planDueOn!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  milestones!: Milestone[];

  /** The MSP's remediation item that covers this finding; opaque to the customer. */
  @Column({ name: 'remediation_item_id', type: 'uuid', nullable: true })
  remediationItemId!: string | null;

  @Column({ name: 'resolved_answer', type: 'jsonb', nullable: true })
  resolvedAnswer!: ResolvedAnswer | null;

  /** The plan due date an overdue reminder went out for: one reminder per due date. */
  @Column({ name: 'overdue_reminded_for', type: 'date', nullable: true })
  overdueRemindedFor!: string | null;

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
