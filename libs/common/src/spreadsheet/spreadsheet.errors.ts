import { InvalidInputError } from '../errors/domain-error.js';

/** An untrusted spreadsheet that could not be read in the sandbox; the message says why. */
export class SpreadsheetRejectedError extends InvalidInputError {
  constructor(message: string) {
    super('SPREADSHEET_REJECTED', message);
  }
}
