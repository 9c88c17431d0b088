import { ConflictError, ForbiddenError, NotFoundError } from '@app/common';

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
