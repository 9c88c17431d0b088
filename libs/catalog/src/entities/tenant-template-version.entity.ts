import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import type { QuestionnaireTemplate } from '../templates/template.types.js';

export type TemplateVersionStatus = 'draft' | 'published';

/**
 * One version of a tenant template. A draft can be edited; a published version never changes
 * (a trigger refuses it) and assessments pin it.
 */
@Entity({ name: 'tenant_template_versions' })
@Check('ck_tenant_template_versions_status', `"status" IN ('draft', 'published')`)
@ForeignKey('TenantTemplateEntity', ['tenantId', 'key'], ['tenantId', 'key'], {
  name: 'fk_tenant_template_versions_template',
})
export class TenantTemplateVersionEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId!: string;

  @PrimaryColumn({ type: 'varchar', length: 63 })
  key!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  version!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: TemplateVersionStatus;

  @Column({ type: 'jsonb' })
  content!: QuestionnaireTemplate;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'published_by', type: 'varchar', length: 128, nullable: true })
  publishedBy!: string | null;
}
