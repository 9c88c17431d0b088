import { ConflictError, NotFoundError, UnauthenticatedError } from '@app/common';

/** One answer for unknown, expired, used and revoked invitations, so none can be told apart. */
export class InvalidInvitationError extends UnauthenticatedError {
  constructor() {
    super('INVITATION_INVALID', 'This invitation is not valid any more; ask for a new one.');
  }
}

export class InvitationNotFoundError extends NotFoundError {
  constructor() {
    super('INVITATION_NOT_FOUND', 'No such pending invitation in this organization.');
  }
}

export class AlreadyMemberError extends ConflictError {
  constructor() {
    super('ALREADY_MEMBER', 'That person is already a member of this organization.');
  }
}

export class SignInToAcceptError extends ConflictError {
  constructor() {
    super(
      'SIGN_IN_TO_ACCEPT',
      'This email already has a Cascade account: sign in, then accept with acceptInvitationAsMember.',
    );
  }
}
