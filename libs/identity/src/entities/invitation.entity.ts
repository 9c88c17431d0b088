import type { Role } from '@app/access';
import { Check, Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';

/**
 * An invitation to join an organization with a role. The token (256 random bits) is sent once;
 * only its SHA-256 is kept. Single use, expiring, revocable.
 */
@Entity({ name: 'invitations' })
@Unique('uq_invitations_token_hash', ['tokenHash'])
@Check(
  'ck_invitations_role',
  `"role" IN ('owner', 'admin', 'risk_manager', 'assessor', 'respondent', 'auditor')`,
)
export class InvitationEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('Tenant', { name: 'fk_invitations_tenant' })
  tenantId!: string;

  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @Column({ name: 'email_key', type: 'varchar', length: 320 })
  emailKey!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  /** The person answerable for the invitation: its sender, or the person behind the key that sent it. */
  @Column({ name: 'invited_by', type: 'uuid' })
  invitedBy!: string;

  /** The API key that sent the invitation, if one did: revoking that key revokes it. */
  @Column({ name: 'invited_by_key_id', type: 'uuid', nullable: true })
  invitedByKeyId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: 'accepted_by', type: 'uuid', nullable: true })
  acceptedBy!: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
