/** Offline answering: an Excel workbook to download, fill in without Cascade, and upload again. */
export { readAssessmentWorkbook } from './read-assessment-workbook.js';
export { WorkbookImportError, WorkbookTooLargeError } from './workbook.errors.js';
export {
  MAX_WORKBOOK_BYTES,
  MAX_WORKBOOK_ROWS,
  WORKBOOK_FORMAT_VERSION,
} from './workbook-layout.js';
export type {
  WorkbookAnswer,
  WorkbookImport,
  WorkbookMeta,
  WorkbookProblem,
  WorkbookQuestion,
} from './workbook.types.js';
export { writeAssessmentWorkbook } from './write-assessment-workbook.js';
