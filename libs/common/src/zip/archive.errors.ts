import { InvalidInputError } from '../errors/domain-error.js';

/** An uploaded ZIP-based file (XLSX, …) refused before anything unpacked it; says why in words. */
export class ArchiveRejectedError extends InvalidInputError {
  constructor(message: string) {
    super('ARCHIVE_REJECTED', message);
  }
}
