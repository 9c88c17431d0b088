import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * A person. Not owned by one tenant: the same person can be a member of several organizations.
 * Row-level security shows a user to a tenant only through a membership (see the migration).
 */
@Entity({ name: 'users' })
@Unique('uq_users_email_key', ['emailKey'])
export class UserEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** As the person typed it (NFC). */
  @Column({ type: 'varchar', length: 320 })
  email!: string;

  /** NFC and lower-cased: what uniqueness and sign-in compare. */
  @Column({ name: 'email_key', type: 'varchar', length: 320 })
  emailKey!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  /** argon2id PHC string. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  /** Bumped when every session must end (password change); access tokens carry it. */
  @Column({ name: 'session_version', type: 'integer', default: 1 })
  sessionVersion!: number;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
