import { InvalidInputError, NotFoundError, TooLargeError } from '@app/common';

/** Why an upload was refused; the API maps each code once to a client-facing error. */
export const EVIDENCE_REJECTION_CODES = [
  'EVIDENCE_EMPTY',
  'EVIDENCE_TYPE_NOT_ALLOWED',
  'EVIDENCE_TYPE_MISMATCH',
  'EVIDENCE_NAME_INVALID',
] as const;

export type EvidenceRejectionCode = (typeof EVIDENCE_REJECTION_CODES)[number];

/** An uploaded file we will not keep; the message tells the user what to fix. */
export class EvidenceRejectedError extends InvalidInputError {
  declare readonly code: EvidenceRejectionCode;

  constructor(code: EvidenceRejectionCode, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}

/** Over the size cap for one file: answered with 413, and nothing of it is kept. */
export class EvidenceTooLargeError extends TooLargeError {
  constructor(maxBytes: number, sizeBytes?: number) {
    super(
      'EVIDENCE_TOO_LARGE',
      `The file is larger than the ${megabytes(maxBytes)} limit for evidence files.`,
      sizeBytes === undefined ? { maxBytes } : { sizeBytes, maxBytes },
    );
  }
}

/** The organization's stored files would go past its storage quota. */
export class StorageQuotaExceededError extends TooLargeError {
  constructor(quotaBytes: number, usedBytes: number) {
    super(
      'STORAGE_QUOTA_EXCEEDED',
      `This file would take the organization past its ${megabytes(quotaBytes)} storage quota. ` +
        'Remove unused files or ask Cascade to raise the quota.',
      { quotaBytes, usedBytes },
    );
  }
}

/** The upload ended before the whole body arrived (the client went away). */
export class UploadAbortedError extends InvalidInputError {
  constructor() {
    super('UPLOAD_ABORTED', 'The upload ended before the whole file arrived.');
  }
}

const MEGABYTE = 1024 * 1024;

/** `25 MB`, `1.5 MB`, `0.5 MB`: how limits are named in messages. */
export function megabytes(bytes: number): string {
  const mb = bytes / MEGABYTE;
  const digits = mb >= 1 ? { maximumFractionDigits: 1 } : { maximumSignificantDigits: 2 };
  return `${new Intl.NumberFormat('en-US', digits).format(mb)} MB`;
}

/** Not a SHA-256 in lowercase hex: refused before it can become part of a path. */
export class EvidenceKeyInvalidError extends InvalidInputError {
  constructor() {
    super('EVIDENCE_KEY_INVALID', 'An evidence key is a SHA-256 hash: 64 lowercase hex digits.');
  }
}

export class EvidenceNotFoundError extends NotFoundError {
  constructor(sha256: string) {
    super('EVIDENCE_NOT_FOUND', 'No stored evidence file has this hash.', { sha256 });
  }
}

/**
 * The stored bytes no longer hash to their name: disk corruption or tampering. Deliberately not a
 * DomainError, so the API reports it as an internal error and logs it with the stack for an operator.
 */
export class EvidenceCorruptedError extends Error {
  readonly code = 'EVIDENCE_CORRUPTED';

  constructor(
    readonly sha256: string,
    readonly actualSha256: string,
  ) {
    super(`Stored evidence ${sha256} is corrupted: its content hashes to ${actualSha256}.`);
    this.name = 'EvidenceCorruptedError';
  }
}
