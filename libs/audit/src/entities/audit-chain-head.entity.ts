import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * The newest link of a tenant's audit chain. Locking it serialises appends per tenant, and it lets
 * the verifier notice events cut from the end of the chain.
 */
@Entity({ name: 'audit_chain_heads' })
export class AuditChainHeadEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('Tenant', { name: 'fk_audit_chain_heads_tenant' })
  tenantId!: string;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;

  @Column({ name: 'last_hash', type: 'char', length: 64 })
  lastHash!: string;
}
