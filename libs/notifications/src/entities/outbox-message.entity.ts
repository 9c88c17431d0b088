import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

export type OutboxStatus = 'pending' | 'sending' | 'sent';

/**
 * A mail written in the same transaction as the change that causes it, delivered afterwards by a
 * job. Mail belongs to people (an invitation, a password reset), so it is an identity table: the
 * app role may only add mail for its own tenant; delivery runs as the identity role.
 */
@Entity({ name: 'outbox_messages' })
@Check('ck_outbox_messages_status', `"status" IN ('pending', 'sending', 'sent')`)
@Index('ix_outbox_messages_status', ['status', 'createdAt'])
export class OutboxMessageEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The organization the mail is about, if any (a password reset concerns none). */
  @Column({ name: 'tenant_id', type: 'uuid', nullable: true })
  @ForeignKey('Tenant', { name: 'fk_outbox_messages_tenant' })
  tenantId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  kind!: string;

  @Column({ type: 'varchar', length: 320 })
  recipient!: string;

  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  @Column({ name: 'body_text', type: 'text' })
  bodyText!: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;
}
