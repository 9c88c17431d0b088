import { registerEnumType } from '@nestjs/graphql';
import type { Role } from '@app/access';

/** GraphQL names in capitals, stored values in lower case. */
export const RoleEnum = {
  OWNER: 'owner',
  ADMIN: 'admin',
  RISK_MANAGER: 'risk_manager',
  ASSESSOR: 'assessor',
  RESPONDENT: 'respondent',
  AUDITOR: 'auditor',
} as const satisfies Record<string, Role>;

registerEnumType(RoleEnum, { name: 'Role', description: 'A member’s role in an organization.' });
