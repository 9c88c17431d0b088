import { MembershipEntity } from './entities/membership.entity.js';
import { RefreshTokenEntity } from './entities/refresh-token.entity.js';
import { UserEntity } from './entities/user.entity.js';

export { isRole, type Role, ROLES } from './roles.js';
export { MembershipEntity, RefreshTokenEntity, UserEntity };

export const IDENTITY_ENTITIES = [UserEntity, MembershipEntity, RefreshTokenEntity];
