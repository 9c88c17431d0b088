import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { RefreshTokenEntity } from '@app/identity';

import { hashSecretToken, newSecretToken } from './secret-tokens.js';

export interface RefreshTokenGrant {
  readonly userId: string;
  readonly tenantId: string;
  /** Continue this family (rotation); omit to start a new sign-in session. */
  readonly familyId?: string;
  readonly familyExpiresAt?: Date;
}

/** Stores the next refresh token of a family and returns it in the clear, once. */
export async function storeRefreshToken(
  manager: EntityManager,
  grant: RefreshTokenGrant,
  lifetimes: { tokenSeconds: number; sessionSeconds: number },
  now = new Date(),
): Promise<string> {
  const token = newSecretToken();
  const familyExpiresAt =
    grant.familyExpiresAt ?? new Date(now.getTime() + lifetimes.sessionSeconds * 1000);
  const expiresAt = new Date(
    Math.min(now.getTime() + lifetimes.tokenSeconds * 1000, familyExpiresAt.getTime()),
  );
  await manager.insert(RefreshTokenEntity, {
    id: randomUUID(),
    userId: grant.userId,
    tenantId: grant.tenantId,
    familyId: grant.familyId ?? randomUUID(),
    tokenHash: hashSecretToken(token),
    expiresAt,
    familyExpiresAt,
  });
  return token;
}
