import { Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';

/** A single-use, short-lived password reset token, stored as its SHA-256 only. */
@Entity({ name: 'password_resets' })
@Unique('uq_password_resets_token_hash', ['tokenHash'])
export class PasswordResetEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  @ForeignKey('UserEntity', { name: 'fk_password_resets_user' })
  userId!: string;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
