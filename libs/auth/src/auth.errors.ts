import { ConflictError, ForbiddenError, RateLimitedError, UnauthenticatedError } from '@app/common';

/** One answer for an unknown email, a wrong password and a disabled account. */
export class InvalidCredentialsError extends UnauthenticatedError {
  constructor() {
    super('INVALID_CREDENTIALS', 'The email or password is incorrect.');
  }
}

export class InvalidRefreshTokenError extends UnauthenticatedError {
  constructor() {
    super('REFRESH_TOKEN_INVALID', 'The session has ended; sign in again.');
  }
}

export class EmailTakenError extends ConflictError {
  constructor() {
    super('EMAIL_TAKEN', 'An account with this email already exists; sign in instead.');
  }
}

export class NotAMemberError extends ForbiddenError {
  constructor() {
    super('NOT_A_MEMBER', 'You are not a member of that organization.');
  }
}

export class LoginThrottledError extends RateLimitedError {
  constructor(retryAfterSeconds: number) {
    super(
      'LOGIN_THROTTLED',
      `Too many failed sign-ins. Try again in ${retryAfterSeconds} seconds.`,
      { retryAfterSeconds },
    );
  }
}

export class SignUpThrottledError extends RateLimitedError {
  constructor(retryAfterSeconds: number) {
    super('SIGN_UP_THROTTLED', `Too many sign-ups. Try again in ${retryAfterSeconds} seconds.`, {
      retryAfterSeconds,
    });
  }
}

export class InvitationsThrottledError extends RateLimitedError {
  constructor(retryAfterSeconds: number) {
    super(
      'INVITATIONS_THROTTLED',
      `Too many invitations. Try again in ${retryAfterSeconds} seconds.`,
      { retryAfterSeconds },
    );
  }
}
