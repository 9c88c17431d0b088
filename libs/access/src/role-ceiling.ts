import { ROLE_PERMISSIONS } from './permissions.js';
import type { Role } from './roles.js';

/**
 * Whether someone acting with `grantor` may hand out `role` (to a key or an invitation): only
 * roles that can do nothing the grantor cannot, and the owner role only by an owner.
 */
export function mayGrant(grantor: Role, role: Role): boolean {
  if (role === 'owner') return grantor === 'owner';
  const allowed = ROLE_PERMISSIONS[grantor];
  return ROLE_PERMISSIONS[role].every((permission) => allowed.includes(permission));
}
