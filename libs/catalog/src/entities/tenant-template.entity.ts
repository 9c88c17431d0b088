import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** A template in a tenant's own catalog, usually copied from a built-in one. */
@Entity({ name: 'tenant_templates' })
export class TenantTemplateEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('Tenant', { name: 'fk_tenant_templates_tenant' })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 63 })
  key!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** `key@version` of the template it was copied from. */
  @Column({ name: 'copied_from', type: 'varchar', length: 100, nullable: true })
  copiedFrom!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 128 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
