import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * Proof that this tenant uploaded the bytes with this SHA-256. The store is shared and
 * content-addressed, so a hash alone is no right to a file: a row that names stored bytes
 * (evidence, remediation files, library answers, finding updates) needs its writer's proof.
 */
@Entity({ name: 'stored_blobs' })
export class StoredBlobEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('Tenant', { name: 'fk_stored_blobs_tenant' })
  tenantId!: string;

  @PrimaryColumn({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
