import type { AnswerValue, Question } from '@app/catalog';

/** What the workbook says about its assessment, shown on the About sheet. */
export interface WorkbookMeta {
  readonly assessmentId: string;
  readonly title: string;
  readonly customerName: string;
  readonly vendorName: string;
  /** YYYY-MM-DD */
  readonly dueOn: string;
}

export interface WorkbookQuestion {
  readonly question: Question;
  readonly familyTitle: string;
}

/** An answer as the workbook carries it: value is null when not applicable. */
export interface WorkbookAnswer {
  readonly questionId: string;
  readonly value: AnswerValue;
  readonly notApplicable: boolean;
  /** The respondent's justification of a not-applicable claim. */
  readonly notApplicableReason: string | null;
}

export interface WorkbookImport {
  readonly assessmentId: string;
  /** Only rows with an answer or marked N/A, in the order of the questions passed in. */
  readonly answers: WorkbookAnswer[];
}

export interface WorkbookProblem {
  /** 'Answers!E7', 'About!B10', or 'file' for the file as a whole. */
  readonly cell: string;
  readonly questionId: string | null;
  readonly message: string;
}
