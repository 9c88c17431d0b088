import { Check, Column, Entity, ForeignKey, Generated, Index, PrimaryColumn } from 'typeorm';
import type { FindingStatus } from './finding.entity.js';

export const FINDING_UPDATE_KINDS = [
  'plan',
  'progress',
  'resolved',
  'verified',
  'accepted',
  'reopened',
  'expired',
] as const;
export type FindingUpdateKind = (typeof FINDING_UPDATE_KINDS)[number];

/** A file posted with an update; the blob is in the evidence store under its hash. */
export interface UpdateEvidence {
  readonly id: string;
  readonly sha256: string;
  readonly filename: string;
  readonly mediaType: string;
  readonly size: number;
}

/**
 * One entry of a finding's history, in the customer's tenant. An MSP update to a remediation
 * item becomes one of these per linked finding, so each customer reads its own copy and nothing
 * that would show how many others got one.
 */
@Entity({ name: 'finding_updates' })
@ForeignKey('FindingEntity', ['tenantId', 'findingId'], ['tenantId', 'id'], {
  name: 'fk_finding_updates_finding',
})
@Index('ix_finding_updates_finding', ['tenantId', 'findingId', 'seq'])
@Check('ck_finding_updates_side', `"side" IN ('customer', 'msp')`)
export class FindingUpdateEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'finding_id', type: 'uuid' })
  findingId!: string;

  @Column({ type: 'varchar', length: 10 })
  side!: 'customer' | 'msp';

  @Column({ name: 'author_user_id', type: 'uuid', nullable: true })
  authorUserId!: string | null;

  /** Shown to the other side, so the MSP's author appears by name, not by an id it can't look up. */
  @Column({ name: 'author_name', type: 'varchar', length: 200, nullable: true })
  authorName!: string | null;

  @Column({ type: 'varchar', length: 16 })
  kind!: FindingUpdateKind;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  text!: string | null;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus!: FindingStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16, nullable: true })
  toStatus!: FindingStatus | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  evidence!: UpdateEvidence[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Order of writing: one transaction's updates share a timestamp. */
  @Column({ type: 'bigint', generatedIdentity: 'ALWAYS', insert: false, update: false })
  // An identity column needs no grant on a sequence. TypeORM's Postgres driver builds one; the
  // decorator's type just doesn't list the strategy.
  @Generated('identity' as 'increment')
  seq!: string;
}
