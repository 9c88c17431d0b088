import { InvalidInputError } from '@app/common';

export interface ImportProblem {
  /** `file row 7 column weight`, `file $.questionnaire[0].items[3]`, ... */
  readonly location: string;
  readonly message: string;
}

/** An import with any problem stores nothing; every problem is listed. */
export class ImportFailedError extends InvalidInputError {
  constructor(readonly problems: readonly ImportProblem[]) {
    super(
      'IMPORT_FAILED',
      `Nothing was imported: ${problems.length} problem(s), first: ${problems[0]?.location}: ${problems[0]?.message}`,
      { problems: problems.map((p) => `${p.location}: ${p.message}`) },
    );
  }
}
