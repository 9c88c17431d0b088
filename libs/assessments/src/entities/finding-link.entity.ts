import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/**
 * The customer's consent that its vendor's MSP organization sees one finding. Row-level security
 * lets the MSP read and move a customer's finding only through such a row; the customer writes
 * it when the finding is raised against a vendor linked to that MSP.
 */
@Entity({ name: 'finding_links' })
@ForeignKey('FindingEntity', ['tenantId', 'findingId'], ['tenantId', 'id'], {
  name: 'fk_finding_links_finding',
})
@Index('ix_finding_links_msp', ['mspTenantId', 'tenantId', 'findingId'])
export class FindingLinkEntity {
  /** The customer's tenant. */
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ name: 'finding_id', type: 'uuid' })
  findingId!: string;

  @Column({ name: 'msp_tenant_id', type: 'uuid' })
  mspTenantId!: string;

  @Column({ name: 'linked_at', type: 'timestamptz' })
  linkedAt!: Date;
}
