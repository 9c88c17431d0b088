/**
 * A key and every key up its chain of makers, as `chain` (depth 0 is the key itself). Keys made
 * before `created_by_key_id` existed name their maker key in `created_by`; for a key made by a
 * person, that id matches no key and the walk stops.
 */
export function keyChain(start: string): string {
  return `WITH RECURSIVE chain AS (
    SELECT tenant_id, id, role, revoked_at, created_by, created_by_key_id, 0 AS depth
      FROM api_keys WHERE ${start}
    UNION ALL
    SELECT k.tenant_id, k.id, k.role, k.revoked_at, k.created_by, k.created_by_key_id, c.depth + 1
      FROM api_keys k JOIN chain c
        ON k.tenant_id = c.tenant_id AND k.id = COALESCE(c.created_by_key_id, c.created_by)
     WHERE c.depth < 100
  )`;
}

/** Whether a key (by tenant and id) or any key that made it is revoked; false for no such key. */
export const KEY_CHAIN_REVOKED = `${keyChain('tenant_id = $1 AND id = $2')}
  SELECT coalesce(bool_or(revoked_at IS NOT NULL), false) AS revoked FROM chain`;
