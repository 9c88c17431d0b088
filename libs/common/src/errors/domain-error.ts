/**
 * What kind of failure a domain error is. The API maps each kind, once, to a GraphQL error code;
 * libs never know about GraphQL.
 */
export type DomainErrorKind =
  | 'not_found'
  | 'invalid_input'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'rate_limited'
  | 'too_large';

/** Base of every error a lib throws on purpose. `code` is stable and specific to its context. */
export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    readonly code: string,
    message: string,
    /** Safe, client-visible details (never secrets, never another tenant's data). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
}

export class InvalidInputError extends DomainError {
  readonly kind = 'invalid_input';
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';
}

export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated';
}

export class RateLimitedError extends DomainError {
  readonly kind = 'rate_limited';
}

/** More than a limit allows to be sent or kept (a file over the size cap, a full quota). */
export class TooLargeError extends DomainError {
  readonly kind = 'too_large';
}
