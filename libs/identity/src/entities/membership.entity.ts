import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Role } from '@app/access';

/** A user's role in one organization: tenant data, under the tenant's row-level security. */
@Entity({ name: 'memberships' })
@Check(
  'ck_memberships_role',
  `"role" IN ('owner', 'admin', 'risk_manager', 'assessor', 'respondent', 'auditor')`,
)
export class MembershipEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('Tenant', { name: 'fk_memberships_tenant' })
  tenantId!: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  @ForeignKey('UserEntity', { name: 'fk_memberships_user' })
  userId!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
