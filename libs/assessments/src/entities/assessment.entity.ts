import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { AssessmentState } from '../lifecycle/assessment-states.js';
import type { Tier } from '../scope/tier-scope.js';

/**
 * An assessment a customer sends to one of its vendors. It belongs to the customer's tenant; the
 * MSP reads and answers it through `respondent_tenant_id`, set when the vendor is linked to the
 * MSP's organization. Row-level security lets the MSP see it by that column and nothing else.
 */
@Entity({ name: 'assessments' })
@ForeignKey('VendorEntity', ['tenantId', 'vendorId'], ['tenantId', 'id'], {
  name: 'fk_assessments_vendor',
})
@ForeignKey('AssessmentFormEntity', ['tenantId', 'formId'], ['tenantId', 'id'], {
  name: 'fk_assessments_form',
})
@Index('ix_assessments_tenant_state', ['tenantId', 'state'])
@Index('ix_assessments_tenant_vendor', ['tenantId', 'vendorId'])
@Index('ix_assessments_respondent', ['respondentTenantId', 'state'])
@Check(
  'ck_assessments_state',
  `"state" IN ('draft', 'sent', 'in_progress', 'submitted', 'in_review', 'changes_requested', 'completed', 'cancelled')`,
)
export class AssessmentEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('Tenant', { name: 'fk_assessments_tenant' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId!: string;

  @Column({ name: 'form_id', type: 'uuid' })
  formId!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 24 })
  state!: AssessmentState;

  /** The vendor's tier when the assessment was created: it chose `questionIds`. */
  @Column({ type: 'smallint' })
  tier!: Tier;

  /** The questions this vendor is asked, in template order. */
  @Column({ name: 'question_ids', type: 'text', array: true })
  questionIds!: string[];

  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  /** The MSP organization answering; null until the vendor is linked. */
  @Column({ name: 'respondent_tenant_id', type: 'uuid', nullable: true })
  respondentTenantId!: string | null;

  /** Copied when sent: the MSP cannot read the customer's organization or vendor rows. */
  @Column({ name: 'customer_name', type: 'varchar', length: 200 })
  customerName!: string;

  @Column({ name: 'vendor_name', type: 'varchar', length: 200 })
  vendorName!: string;

  /** The assessment of the previous cycle this one was pre-filled from. */
  @Column({ name: 'previous_assessment_id', type: 'uuid', nullable: true })
  previousAssessmentId!: string | null;

  /** Set on completion from the tier's cycle: when the next assessment is due to start. */
  @Column({ name: 'next_cycle_on', type: 'date', nullable: true })
  nextCycleOn!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'state_changed_at', type: 'timestamptz' })
  stateChangedAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
