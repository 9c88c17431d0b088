import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/**
 * A file the MSP uploaded to a remediation item, once. Posting it with an update copies its
 * description onto each linked customer's finding; the bytes stay in the store under the hash.
 */
@Entity({ name: 'remediation_evidence' })
@ForeignKey('RemediationItemEntity', ['tenantId', 'itemId'], ['tenantId', 'id'], {
  name: 'fk_remediation_evidence_item',
})
export class RemediationEvidenceEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ name: 'media_type', type: 'varchar', length: 120 })
  mediaType!: string;

  @Column({ name: 'file_name', type: 'varchar', length: 200 })
  fileName!: string;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy!: string | null;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;
}
