import { ApiKeyEntity } from './entities/api-key.entity.js';
import { InvitationEntity } from './entities/invitation.entity.js';
import { MembershipEntity } from './entities/membership.entity.js';
import { PasswordResetEntity } from './entities/password-reset.entity.js';
import { RefreshTokenEntity } from './entities/refresh-token.entity.js';
import { UserEntity } from './entities/user.entity.js';

export { normaliseEmail, type NormalisedEmail } from './email.js';
export { IdentityModule } from './identity.module.js';
export {
  authorizeGrant,
  type Grantor,
  revokeGrantChain,
  type Revoked,
} from './members/grant-chain.js';
export {
  GrantorRevokedError,
  LastOwnerError,
  MemberNotFoundError,
  OwnerOnlyError,
  RoleAboveGrantorError,
} from './members/members.errors.js';
export { type ActiveMembership, type Member, MembersService } from './members/members.service.js';
export {
  hashPassword,
  needsRehash,
  verifyNoAccount,
  verifyPassword,
} from './passwords/password-hasher.js';
export {
  assertAcceptablePassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from './passwords/password-policy.js';
export {
  ApiKeyEntity,
  InvitationEntity,
  MembershipEntity,
  PasswordResetEntity,
  RefreshTokenEntity,
  UserEntity,
};

export const IDENTITY_ENTITIES = [
  UserEntity,
  MembershipEntity,
  RefreshTokenEntity,
  InvitationEntity,
  PasswordResetEntity,
  ApiKeyEntity,
];
export { RoleEnum } from './graphql/role.enum.js';
export { IdentityGraphqlModule } from './identity-graphql.module.js';
