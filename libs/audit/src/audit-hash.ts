import { createHash, createHmac } from 'node:crypto';
import type { AuditKey } from '@app/config';
import canonicalize from 'canonicalize';

/** The previous hash of a tenant's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an audit hash covers: everything in the row except the hashes themselves. */
export interface HashedAuditFields {
  readonly tenantId: string;
  readonly seq: string;
  readonly id: string;
  readonly occurredAt: Date;
  readonly actorType: string;
  readonly actorId: string;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string | null;
  readonly summary: Record<string, unknown>;
  readonly correlationId: string | null;
}

/**
 * HMAC-SHA-256 under `key` of (previous hash, RFC 8785 canonical JSON of the event and the key's
 * id); without a key, plain SHA-256 of the same without the id, as events were hashed before
 * keys (which anyone able to write the table could recompute). Canonical JSON makes the hash
 * independent of key order, which jsonb does not preserve.
 */
export function auditEventHash(
  prevHash: string,
  fields: HashedAuditFields,
  key: AuditKey | null,
): string {
  // Named one by one: a row read back also carries the hashes, which must not hash themselves.
  const canonical = canonicalize({
    ...(key ? { keyId: key.id } : {}),
    tenantId: fields.tenantId,
    seq: fields.seq,
    id: fields.id,
    occurredAt: fields.occurredAt.toISOString(),
    actorType: fields.actorType,
    actorId: fields.actorId,
    action: fields.action,
    objectType: fields.objectType,
    objectId: fields.objectId,
    summary: fields.summary,
    correlationId: fields.correlationId,
  });
  if (canonical === undefined) throw new Error('An audit event must be serialisable to JSON.');
  const digest = key ? createHmac('sha256', key.secret) : createHash('sha256');
  return digest.update(prevHash).update('\n').update(canonical).digest('hex');
}
