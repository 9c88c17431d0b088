import { Column, Entity, ForeignKey, PrimaryColumn, Unique } from 'typeorm';

/**
 * One append-only audit record. `seq` numbers a tenant's events from 1 without gaps, and `hash`
 * chains each event to the previous one under a key the database never holds, so an edited,
 * removed or reordered row is detectable even when whoever changed it re-hashed the chain.
 */
@Entity({ name: 'audit_events' })
@Unique('uq_audit_events_tenant_event', ['tenantId', 'id'])
export class AuditEventEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  @ForeignKey('Tenant', { name: 'fk_audit_events_tenant' })
  tenantId!: string;

  /** bigint: node-postgres (and our PGlite parsers) return it as a string. */
  @PrimaryColumn({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'uuid' })
  id!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType!: string;

  @Column({ name: 'actor_id', type: 'varchar', length: 128 })
  actorId!: string;

  @Column({ type: 'varchar', length: 100 })
  action!: string;

  @Column({ name: 'object_type', type: 'varchar', length: 64 })
  objectType!: string;

  @Column({ name: 'object_id', type: 'varchar', length: 128, nullable: true })
  objectId!: string | null;

  @Column({ type: 'jsonb' })
  summary!: Record<string, unknown>;

  @Column({ name: 'correlation_id', type: 'varchar', length: 128, nullable: true })
  correlationId!: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  /** HMAC-SHA-256 under the key `keyId` names; plain SHA-256 when null (events before keys). */
  @Column({ type: 'char', length: 64 })
  hash!: string;

  @Column({ name: 'key_id', type: 'varchar', length: 16, nullable: true })
  keyId!: string | null;
}
