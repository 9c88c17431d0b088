import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import type { Intake, Tier } from '../criticality.js';

export interface VendorService {
  readonly name: string;
  readonly inScope: boolean;
}

export interface VendorAccess {
  readonly remoteAccessTools: string[];
  readonly privilegedAccounts: string[];
  readonly systems: string[];
}

export interface VendorContact {
  readonly name: string;
  readonly email: string;
  /** Their job, e.g. account manager (not a Cascade role). */
  readonly title?: string;
}

/** An MSP in a customer's inventory. Names are unique per tenant only. */
@Entity({ name: 'vendors' })
@Unique('uq_vendors_tenant_name_key', ['tenantId', 'nameKey'])
@Index('ix_vendors_tenant_tier', ['tenantId', 'tier'])
@Check('ck_vendors_tier', '"tier" BETWEEN 1 AND 4')
@Check('ck_vendors_tier_override', '"tier_override" IS NULL OR "tier_override" BETWEEN 1 AND 4')
export class VendorEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('Tenant', { name: 'fk_vendors_tenant' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** NFC, lower-cased: what uniqueness compares. */
  @Column({ name: 'name_key', type: 'varchar', length: 200 })
  nameKey!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  domains!: string[];

  @Column({ type: 'jsonb', default: () => "'[]'" })
  services!: VendorService[];

  @Column({ type: 'jsonb' })
  access!: VendorAccess;

  /** A member of the customer who owns the relationship. */
  @Column({ name: 'owner_user_id', type: 'uuid', nullable: true })
  ownerUserId!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  contacts!: VendorContact[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags!: string[];

  @Column({ type: 'jsonb' })
  intake!: Intake;

  /** The tier in force: the override when there is one, else the intake's. */
  @Column({ type: 'smallint' })
  tier!: Tier;

  @Column({ name: 'tier_override', type: 'smallint', nullable: true })
  tierOverride!: Tier | null;

  @Column({ name: 'tier_override_reason', type: 'varchar', length: 1000, nullable: true })
  tierOverrideReason!: string | null;

  /** The MSP's own organization on Cascade, once one of its people accepted an invitation. */
  @Column({ name: 'linked_tenant_id', type: 'uuid', nullable: true })
  linkedTenantId!: string | null;

  @Column({ name: 'linked_at', type: 'timestamptz', nullable: true })
  linkedAt!: Date | null;

  /** Optimistic concurrency: an update names the version it read. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
