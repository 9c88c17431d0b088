import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { RefreshTokenEntity } from '@app/identity';

/** 256 bits from the CSPRNG, URL-safe. Only its hash is stored. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

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
  const token = newRefreshToken();
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
    tokenHash: hashRefreshToken(token),
    expiresAt,
    familyExpiresAt,
  });
  return token;
}
