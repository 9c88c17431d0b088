import { type Role, isRole, mayGrant } from '@app/access';
import type { Actor } from '@app/common';
import type { EntityManager } from 'typeorm';
import { GrantorRevokedError, OwnerOnlyError, RoleAboveGrantorError } from './members.errors.js';

/**
 * Access passes on in chains: a member makes a key, the key makes another key or an invitation.
 * Everything here runs inside the caller's transaction, under one lock per organization, so a
 * grant and a revocation never interleave: a key cannot mint a child while it is being revoked.
 */

/** Who stands behind a new key or invitation. */
export interface Grantor {
  /** The person answerable: the member, or the person behind the key chain. */
  readonly userId: string;
  /** The key used, if any. */
  readonly keyId: string | null;
}

export interface Revoked {
  readonly revokedApiKeys: number;
  readonly revokedInvitations: number;
}

/** Serialises grants and revocations in one organization until the transaction ends. */
export async function lockGrants(manager: EntityManager, tenantId: string): Promise<void> {
  await manager.query(
    `SELECT pg_advisory_xact_lock(hashtextextended('cascade.grants:' || $1, 0))`,
    [tenantId],
  );
}

/**
 * Takes the grants lock and checks, as things stand now, that the actor still holds access and may
 * hand out `role`: a member with their current role, or a live key with its own role.
 */
export async function authorizeGrant(
  manager: EntityManager,
  tenantId: string,
  actor: Actor,
  role: Role,
): Promise<Grantor> {
  await lockGrants(manager, tenantId);
  const found = await currentGrantor(manager, tenantId, actor);
  if (!found) throw new GrantorRevokedError();
  if (role === 'owner' && found.role !== 'owner') throw new OwnerOnlyError();
  if (!mayGrant(found.role, role)) throw new RoleAboveGrantorError();
  return found.grantor;
}

async function currentGrantor(
  manager: EntityManager,
  tenantId: string,
  actor: Actor,
): Promise<{ grantor: Grantor; role: Role } | undefined> {
  if (actor.type === 'user') {
    const [member] = await manager.query<{ role: string }[]>(
      `SELECT role FROM memberships WHERE tenant_id = $1 AND user_id = $2`,
      [tenantId, actor.id],
    );
    return member && isRole(member.role)
      ? { grantor: { userId: actor.id, keyId: null }, role: member.role }
      : undefined;
  }
  if (actor.type !== 'api_key') return undefined;
  const [key] = await manager.query<{ role: string; createdBy: string }[]>(
    `SELECT role, created_by AS "createdBy" FROM api_keys
      WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL`,
    [tenantId, actor.id],
  );
  return key && isRole(key.role)
    ? { grantor: { userId: key.createdBy, keyId: actor.id }, role: key.role }
    : undefined;
}

/**
 * Revokes every live key and pending invitation made by a person (or, with `keyId`, by one key,
 * and that key itself), directly or through any key made along the way, to any depth. Takes the
 * grants lock first, so the chain read is complete.
 */
export async function revokeGrantChain(
  manager: EntityManager,
  tenantId: string,
  from: { readonly userId: string } | { readonly keyId: string },
): Promise<Revoked> {
  await lockGrants(manager, tenantId);
  // Keys made before created_by_key_id existed hold their maker key's id in created_by.
  const [start, param] =
    'userId' in from ? ['k.created_by = $2', from.userId] : ['k.id = $2', from.keyId];
  const chain = `WITH RECURSIVE chain(id) AS (
      SELECT k.id FROM api_keys k WHERE k.tenant_id = $1 AND ${start}
      UNION
      SELECT k.id FROM api_keys k JOIN chain c
        ON k.tenant_id = $1 AND (k.created_by_key_id = c.id OR k.created_by = c.id)
    )`;
  // TypeORM answers an UPDATE with [rows, affected count].
  const [, revokedApiKeys] = await manager.query<[unknown[], number]>(
    `${chain}
     UPDATE api_keys SET revoked_at = now()
      WHERE tenant_id = $1 AND revoked_at IS NULL AND id IN (SELECT id FROM chain)
      RETURNING id`,
    [tenantId, param],
  );
  const byPerson = 'userId' in from ? 'i.invited_by = $2 OR' : '';
  const [, revokedInvitations] = await manager.query<[unknown[], number]>(
    `${chain}
     UPDATE invitations i SET revoked_at = now()
      WHERE i.tenant_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL
        AND (${byPerson} i.invited_by_key_id IN (SELECT id FROM chain)
             OR i.invited_by IN (SELECT id FROM chain))
      RETURNING i.id`,
    [tenantId, param],
  );
  return { revokedApiKeys, revokedInvitations };
}
