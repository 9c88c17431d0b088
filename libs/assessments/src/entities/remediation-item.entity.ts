import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Milestone, ResolvedAnswer } from './finding.entity.js';

export const REMEDIATION_STATES = ['planned', 'in_progress', 'resolved'] as const;
export type RemediationState = (typeof REMEDIATION_STATES)[number];

/**
 * The MSP's own fix for a gap many customers found: one plan, one stream of progress, linked to
 * each customer's finding (through `findings.remediation_item_id`). MSP data only.
 */
@Entity({ name: 'remediation_items' })
@Index('ix_remediation_items_state', ['tenantId', 'state', 'dueOn'])
@Check('ck_remediation_items_state', `"state" IN ('planned', 'in_progress', 'resolved')`)
export class RemediationItemEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  description!: string | null;

  /** The question the item answers, when it was made from a group of findings. */
  @Column({ name: 'question_id', type: 'varchar', length: 64, nullable: true })
  questionId!: string | null;

  @Column({ name: 'owner_user_id', type: 'uuid' })
  ownerUserId!: string;

  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  milestones!: Milestone[];

  @Column({ type: 'varchar', length: 16, default: 'planned' })
  state!: RemediationState;

  @Column({ name: 'resolved_answer', type: 'jsonb', nullable: true })
  resolvedAnswer!: ResolvedAnswer | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  /** The due date an overdue reminder went out for: one reminder per due date. */
  @Column({ name: 'overdue_reminded_for', type: 'date', nullable: true })
  overdueRemindedFor!: string | null;
}
