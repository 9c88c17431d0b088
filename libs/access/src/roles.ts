/** What a member may do in an organization. Stored on the membership, read on every request. */
export const ROLES = [
  'owner',
  'admin',
  'risk_manager',
  'assessor',
  'respondent',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
