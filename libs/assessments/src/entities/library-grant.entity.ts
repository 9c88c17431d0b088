import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * The MSP's consent that one customer's assessments may be prefilled from its answer library:
 * explicit, expiring and revocable. MSP data; the customer is named by tenant id only.
 */
@Entity({ name: 'library_grants' })
@Index('ix_library_grants_customer', ['tenantId', 'customerTenantId', 'expiresAt'])
@Check('ck_library_grants_expiry', `"expires_at" > "granted_at"`)
export class LibraryGrantEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('Tenant', { name: 'fk_library_grants_tenant' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'customer_tenant_id', type: 'uuid' })
  customerTenantId!: string;

  /** The assessment in the MSP's inbox the grant was given from: how the customer was named. */
  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId!: string;

  /** As the customer's assessments name it in the inbox. */
  @Column({ name: 'customer_name', type: 'varchar', length: 200 })
  customerName!: string;

  @Column({ name: 'granted_by', type: 'uuid', nullable: true })
  grantedBy!: string | null;

  @Column({ name: 'granted_at', type: 'timestamptz' })
  grantedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy!: string | null;
}
