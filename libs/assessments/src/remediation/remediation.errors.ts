import { ConflictError, InvalidInputError, NotFoundError } from '@app/common';

export class FindingMoveRefusedError extends ConflictError {
  constructor(reason: string, status: string) {
    super('FINDING_MOVE_NOT_ALLOWED', reason, { status });
  }
}

export class FindingChangedError extends ConflictError {
  constructor() {
    super('FINDING_CHANGED', 'The finding changed while you were working on it; reload it.');
  }
}

export class RemediationItemNotFoundError extends NotFoundError {
  constructor() {
    super('REMEDIATION_ITEM_NOT_FOUND', 'No such remediation item in this organization.');
  }
}

/** Some of the findings named are not this MSP's to work on; nothing was linked. */
export class FindingsNotLinkableError extends NotFoundError {
  constructor() {
    super(
      'FINDING_NOT_FOUND',
      'One or more of these findings are not raised against your organization.',
    );
  }
}

export class InvalidPlanError extends InvalidInputError {
  constructor(message: string) {
    super('INVALID_PLAN', message);
  }
}

export class RemediationItemClosedError extends ConflictError {
  constructor() {
    super('REMEDIATION_ITEM_RESOLVED', 'This remediation item is resolved; open a new one.');
  }
}
