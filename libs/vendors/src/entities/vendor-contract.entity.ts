import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { ContractClauses } from '../contract-clauses.js';

/** A contract with a vendor, its dates and its clauses as typed terms. */
@Entity({ name: 'vendor_contracts' })
@ForeignKey('VendorEntity', ['tenantId', 'vendorId'], ['tenantId', 'id'], {
  name: 'fk_vendor_contracts_vendor',
})
@Index('ix_vendor_contracts_vendor', ['tenantId', 'vendorId'])
export class VendorContractEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn!: string | null;

  /** The next renewal date, if it renews. */
  @Column({ name: 'renews_on', type: 'date', nullable: true })
  renewsOn!: string | null;

  @Column({ type: 'jsonb' })
  clauses!: ContractClauses;

  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
