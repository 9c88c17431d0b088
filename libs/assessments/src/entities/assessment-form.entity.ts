import type { QuestionnaireTemplate } from '@app/catalog';
import { Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';

/**
 * The published template version an assessment asks, copied into the customer's tenant. Published
 * versions never change, so the copy is exact; the MSP reads it here, because it can never read
 * the customer's catalog. One row per template version, shared by the tenant's assessments.
 */
@Entity({ name: 'assessment_forms' })
@Unique('uq_assessment_forms_version', ['tenantId', 'templateKey', 'templateVersion', 'builtIn'])
export class AssessmentFormEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('Tenant', { name: 'fk_assessment_forms_tenant' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'template_key', type: 'varchar', length: 64 })
  templateKey!: string;

  @Column({ name: 'template_version', type: 'varchar', length: 32 })
  templateVersion!: string;

  @Column({ name: 'built_in', type: 'boolean' })
  builtIn!: boolean;

  @Column({ type: 'jsonb' })
  content!: QuestionnaireTemplate;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
