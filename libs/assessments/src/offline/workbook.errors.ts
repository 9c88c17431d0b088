import { InvalidInputError } from '@app/common';
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
