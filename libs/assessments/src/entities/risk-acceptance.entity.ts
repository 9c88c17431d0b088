import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * A customer's decision to live with a finding until a date. Customer-only. When it expires the
 * daily sweep ends it and reopens the finding; it is never deleted, so the history stays.
 */
@Entity({ name: 'risk_acceptances' })
@ForeignKey('FindingEntity', ['tenantId', 'findingId'], ['tenantId', 'id'], {
  name: 'fk_risk_acceptances_finding',
})
@Index('ix_risk_acceptances_expiry', ['tenantId', 'expiresOn'], { where: '"ended_at" IS NULL' })
@Index('ix_risk_acceptances_finding', ['tenantId', 'findingId'])
@Check('ck_risk_acceptances_end', `"end_reason" IN ('expired', 'reopened')`)
export class RiskAcceptanceEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'finding_id', type: 'uuid' })
  findingId!: string;

  @Column({ type: 'varchar', length: 4000 })
  justification!: string;

  @Column({ name: 'approved_by', type: 'uuid' })
  approvedBy!: string;

  @Column({ name: 'accepted_at', type: 'timestamptz' })
  acceptedAt!: Date;

  /** The last day the acceptance holds; the day after, the finding reopens. */
  @Column({ name: 'expires_on', type: 'date' })
  expiresOn!: string;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 10, nullable: true })
  endReason!: 'expired' | 'reopened' | null;
}
