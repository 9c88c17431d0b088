import type { Role } from '@app/access';
import { Check, Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';

/**
 * A key for an integration: acts in one organization with one role. The secret is shown once;
 * only its SHA-256 is kept, with a short prefix so people can tell keys apart.
 */
@Entity({ name: 'api_keys' })
@Unique('uq_api_keys_key_hash', ['keyHash'])
@Check(
  'ck_api_keys_role',
  `"role" IN ('owner', 'admin', 'risk_manager', 'assessor', 'respondent', 'auditor')`,
)
export class ApiKeyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('Tenant', { name: 'fk_api_keys_tenant' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  @Column({ name: 'key_hash', type: 'char', length: 64 })
  keyHash!: string;

  /** The first characters of the key, to recognise it in a list. */
  @Column({ type: 'varchar', length: 16 })
  prefix!: string;

  /** The person answerable for the key: its maker, or the person behind the key that made it. */
  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  /** The key that made this key, if one did: revoking that key revokes this one. */
  @Column({ name: 'created_by_key_id', type: 'uuid', nullable: true })
  createdByKeyId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
