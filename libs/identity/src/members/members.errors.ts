import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from '@app/common';

export class MemberNotFoundError extends NotFoundError {
  constructor() {
    super('MEMBER_NOT_FOUND', 'No such member in this organization.');
  }
}

export class LastOwnerError extends ConflictError {
  constructor() {
    super('LAST_OWNER', 'An organization needs at least one owner: make someone else owner first.');
  }
}

export class OwnerOnlyError extends ForbiddenError {
  constructor() {
    super('OWNER_ONLY', 'Only an owner can grant, change or remove the owner role.');
  }
}

export class RoleAboveGrantorError extends ForbiddenError {
  constructor() {
    super('ROLE_ABOVE_GRANTOR', 'You can only grant roles that can do no more than your own.');
  }
}

/** The member or key asking no longer holds the access it would pass on (revoked mid-request). */
export class GrantorRevokedError extends UnauthenticatedError {
  constructor() {
    super('GRANTOR_REVOKED', 'Your access has been revoked.');
  }
}
