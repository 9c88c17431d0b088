import { InvalidInputError } from '@app/common';

export class InvalidAuditSummaryError extends InvalidInputError {
  constructor(reason: string) {
    super('AUDIT_SUMMARY_INVALID', `The audit summary is not valid: ${reason}.`);
  }
}
