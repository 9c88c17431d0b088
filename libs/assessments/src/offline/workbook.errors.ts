import { InvalidInputError, TooLargeError } from '@app/common';
import type { WorkbookProblem } from './workbook.types.js';

/** A workbook with any problem imports nothing; every problem found (up to a cap) is listed. */
export class WorkbookImportError extends InvalidInputError {
  constructor(readonly problems: readonly WorkbookProblem[]) {
    const first = problems[0];
    super(
      'WORKBOOK_INVALID',
      `Nothing was imported: ${problems.length} problem(s), first: ${first?.cell}: ${first?.message}`,
      { problems: problems.map((p) => ({ ...p })) },
    );
  }
}

/** A questionnaire too big to fit the offline workbook's limits. */
export class WorkbookTooLargeError extends InvalidInputError {
  constructor(questionCount: number, maxRows: number) {
    super(
      'WORKBOOK_TOO_LARGE',
      `This assessment has ${questionCount} questions; an offline workbook holds at most ${maxRows}.`,
      { questionCount, maxRows },
    );
  }
}

/** An uploaded workbook file past the size cap; refused before more than the cap is read. */
export class WorkbookFileTooLargeError extends TooLargeError {
  constructor(maxBytes: number) {
    super('WORKBOOK_FILE_TOO_LARGE', `The workbook is larger than the ${maxBytes} byte limit.`, {
      maxBytes,
    });
  }
}
