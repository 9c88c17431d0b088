import type { AssessmentState, Side } from '../lifecycle/assessment-states.js';
import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * The assessment's timeline: each state change with when, by whom and from which side. Both sides
 * read it; each side's own audit trail records its actions as well.
 */
@Entity({ name: 'assessment_events' })
@ForeignKey('AssessmentEntity', ['tenantId', 'assessmentId'], ['tenantId', 'id'], {
  name: 'fk_assessment_events_assessment',
})
@Index('ix_assessment_events_assessment', ['tenantId', 'assessmentId', 'occurredAt'])
@Index('ix_assessment_events_respondent', ['respondentTenantId', 'assessmentId'])
export class AssessmentEventEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  @Column({ name: 'respondent_tenant_id', type: 'uuid', nullable: true })
  respondentTenantId!: string | null;

  @Column({ name: 'from_state', type: 'varchar', length: 24 })
  fromState!: AssessmentState;

  @Column({ name: 'to_state', type: 'varchar', length: 24 })
  toState!: AssessmentState;

  @Column({ name: 'actor_side', type: 'varchar', length: 8 })
  actorSide!: Side | 'system';

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId!: string | null;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  comment!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
