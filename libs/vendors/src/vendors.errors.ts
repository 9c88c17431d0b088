import { ConflictError, InvalidInputError, NotFoundError } from '@app/common';

export class VendorNotFoundError extends NotFoundError {
  constructor() {
    super('VENDOR_NOT_FOUND', 'No such vendor in this organization.');
  }
}

export class VendorNameTakenError extends ConflictError {
  constructor(name: string) {
    super('VENDOR_NAME_TAKEN', `Your inventory already has a vendor named "${name}".`);
  }
}

/** The vendor changed since it was read; `current` lets the caller merge and retry. */
export class VendorVersionConflictError extends ConflictError {
  constructor(currentVersion: number) {
    super('VENDOR_CHANGED', 'Someone changed this vendor since you loaded it; reload and retry.', {
      currentVersion,
    });
  }
}

export class InvalidVendorError extends InvalidInputError {}
