import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * Proof that a tenant uploaded a file, and what it costs the tenant: one row per tenant and
 * content, however many answers or items name it. The store is shared and content-addressed, so
 * a hash alone is no right to a file: a row that names stored bytes (evidence, remediation files,
 * library answers, finding updates) needs its writer's proof. Usage is the sum of `size_bytes`;
 * the garbage collector deletes a row nothing of its tenant names any more, and the file only
 * when no tenant claims it.
 */
@Entity({ name: 'stored_blobs' })
@Index('ix_stored_blobs_sha256', ['sha256'])
export class StoredBlobEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('Tenant', { name: 'fk_stored_blobs_tenant' })
  tenantId!: string;

  @PrimaryColumn({ type: 'char', length: 64 })
  sha256!: string;

  /** bigint: pg returns it as a string, so it is read back through SQL casts, not this field. */
  @Column({ name: 'size_bytes', type: 'bigint' })
  sizeBytes!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
