import type { EntityManager } from 'typeorm';

/**
 * Transaction-scoped advisory locks, so the quota check and the garbage collector see what
 * concurrent uploads committed. Keys are hashed from a namespaced text; a collision only makes
 * two unrelated uploads wait for each other.
 */
async function lock(manager: EntityManager, key: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [key]);
}

/** Serialises one tenant's quota checks: usage is read and charged under it. */
export function lockTenantStorage(manager: EntityManager, tenantId: string): Promise<void> {
  return lock(manager, `cascade.storage.tenant:${tenantId}`);
}

/** Serialises claiming a file with deciding to delete it: the collector never races an upload. */
export function lockBlob(manager: EntityManager, sha256: string): Promise<void> {
  return lock(manager, `cascade.storage.blob:${sha256}`);
}
