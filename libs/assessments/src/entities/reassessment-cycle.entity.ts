import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import type { Tier } from '../scope/tier-scope.js';

/** How often a vendor of a tier is reassessed, per customer; no row means the default. */
@Entity({ name: 'reassessment_cycles' })
@Check('ck_reassessment_cycles_tier', '"tier" BETWEEN 1 AND 4')
@Check('ck_reassessment_cycles_months', '"months" IS NULL OR "months" BETWEEN 1 AND 60')
export class ReassessmentCycleEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('Tenant', { name: 'fk_reassessment_cycles_tenant' })
  tenantId!: string;

  @PrimaryColumn({ type: 'smallint' })
  tier!: Tier;

  /** Null: vendors of this tier are not reassessed automatically. */
  @Column({ type: 'smallint', nullable: true })
  months!: number | null;
}
