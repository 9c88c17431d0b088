import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  Unique,
} from 'typeorm';

/**
 * One refresh token of a sign-in session ("family"). Only its SHA-256 is stored. Each use spends
 * it and issues the next one in the same family; presenting a spent one revokes the family.
 */
@Entity({ name: 'refresh_tokens' })
@Unique('uq_refresh_tokens_hash', ['tokenHash'])
@Index('ix_refresh_tokens_family', ['familyId'])
export class RefreshTokenEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  @ForeignKey('UserEntity', { name: 'fk_refresh_tokens_user' })
  userId!: string;

  /** The organization the session acts in. */
  @Column({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('Tenant', { name: 'fk_refresh_tokens_tenant' })
  tenantId!: string;

  @Column({ name: 'family_id', type: 'uuid' })
  familyId!: string;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /** The family's absolute end: rotation never extends a session past it. */
  @Column({ name: 'family_expires_at', type: 'timestamptz' })
  familyExpiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
