import type { Question } from '@app/catalog';
import {
  isSpreadsheetRefusal,
  type SheetCell,
  type SheetView,
  type SpreadsheetSandbox,
  type SpreadsheetView,
} from '@app/common';
import type { CellValue } from 'exceljs';
import {
  type CheckedAnswer,
  checkAnswer,
  InvalidAnswerError,
  requireJustification,
} from '../answers/answer-value.js';
import {
  answerValueFromCell,
  cellContent,
  type CellContent,
  CellProblem,
  isPercentFormat,
  notApplicableFromCell,
} from './workbook-cells.js';
import { WorkbookImportError } from './workbook.errors.js';
import {
  ABOUT_LABELS,
  ABOUT_SHEET,
  ANSWERS_SHEET,
  COLUMN,
  HEADERS,
  MAX_PROBLEMS,
  MAX_WORKBOOK_BYTES,
  MAX_WORKBOOK_CELLS,
  MAX_WORKBOOK_ROWS,
  WORKBOOK_FORMAT,
  WORKBOOK_FORMAT_VERSION,
} from './workbook-layout.js';
import type {
  WorkbookAnswer,
  WorkbookImport,
  WorkbookProblem,
  WorkbookQuestion,
} from './workbook.types.js';

/**
 * Reads a workbook filled in offline. All or nothing: a single problem throws WorkbookImportError
 * listing every problem found (up to MAX_PROBLEMS). Pass every question of the template, not just
 * the visible ones: which questions show depends on the answers being imported. The sheet's
 * protection is not trusted; every cell is checked. The file is read in the sandbox.
 */
export async function readAssessmentWorkbook(
  content: Buffer,
  expectedAssessmentId: string,
  questions: readonly WorkbookQuestion[],
  sandbox: SpreadsheetSandbox,
  today: string,
): Promise<WorkbookImport> {
  const workbook = await loadWithinLimits(content, sandbox);
  checkAbout(workbook, expectedAssessmentId);
  const sheet = workbook.sheet(ANSWERS_SHEET);
  if (!sheet) {
    refuse('file', `The workbook has no "${ANSWERS_SHEET}" sheet; download a fresh one.`);
  }
  checkHeaders(sheet);
  const answers = readRows(sheet, questions, today);
  return { assessmentId: expectedAssessmentId, answers };
}

async function loadWithinLimits(
  content: Buffer,
  sandbox: SpreadsheetSandbox,
): Promise<SpreadsheetView> {
  if (content.length > MAX_WORKBOOK_BYTES) {
    refuse('file', `The file is larger than ${MAX_WORKBOOK_BYTES / (1024 * 1024)} MB.`);
  }
  try {
    return await sandbox.read(content, {
      maxRowsPerSheet: MAX_WORKBOOK_ROWS,
      maxCells: MAX_WORKBOOK_CELLS,
    });
  } catch (error) {
    if (!isSpreadsheetRefusal(error)) throw error;
    refuse('file', error.message);
  }
}

/** The About sheet says which assessment the workbook was made for, and in which format. */
function checkAbout(workbook: SpreadsheetView, expectedAssessmentId: string): void {
  const about = workbook.sheet(ABOUT_SHEET);
  const field = (label: string) => (about ? findField(about, label) : undefined);
  const format = field(ABOUT_LABELS.format);
  if (!format || textOf(format.value) !== WORKBOOK_FORMAT) {
    refuse(
      format?.address ?? ABOUT_SHEET,
      'This is not a Cascade assessment workbook; download one from the assessment page.',
    );
  }
  const version = field(ABOUT_LABELS.formatVersion);
  if (!version || textOf(version.value) !== String(WORKBOOK_FORMAT_VERSION)) {
    refuse(
      version?.address ?? ABOUT_SHEET,
      'This workbook comes from another version of Cascade; download a fresh one.',
    );
  }
  const id = field(ABOUT_LABELS.assessmentId);
  if (!id || textOf(id.value) !== expectedAssessmentId) {
    refuse(
      id?.address ?? ABOUT_SHEET,
      'This workbook was downloaded for a different assessment; download the one for this ' +
        'assessment and copy your answers across.',
    );
  }
}

/** The value cell next to a label in column A, among the first rows. */
function findField(about: SheetView, label: string): Located | undefined {
  for (let row = 1; row <= 30; row++) {
    if (textOf(about.cell(row, 1).value) === label) {
      const cell = about.cell(row, 2);
      return { value: cell.value, address: `${ABOUT_SHEET}!${cell.address}` };
    }
  }
  return undefined;
}

interface Located {
  readonly value: CellValue;
  readonly address: string;
}

function checkHeaders(sheet: SheetView): void {
  // Columns are read by position, so a moved or inserted column must stop the import.
  for (let column = COLUMN.questionId; column <= COLUMN.notApplicableReason; column++) {
    const cell = sheet.cell(1, column);
    if (textOf(cell.value) !== HEADERS[column - 1]) {
      refuse(
        `${ANSWERS_SHEET}!${cell.address}`,
        `The columns of the ${ANSWERS_SHEET} sheet were changed: ${cell.address} should say ` +
          `"${HEADERS[column - 1]}". Download a fresh workbook or undo the change.`,
      );
    }
  }
}

function readRows(
  sheet: SheetView,
  questions: readonly WorkbookQuestion[],
  today: string,
): WorkbookAnswer[] {
  const byId = new Map(questions.map(({ question }, index) => [question.id, { question, index }]));
  const seenOnRow = new Map<string, number>();
  const found: { answer: WorkbookAnswer; index: number }[] = [];
  const problems: WorkbookProblem[] = [];
  const add = (cell: SheetCell, questionId: string | null, message: string) =>
    problems.push({ cell: `${ANSWERS_SHEET}!${cell.address}`, questionId, message });

  for (const rowNumber of sheet.rowNumbers()) {
    if (rowNumber === 1 || problems.length >= MAX_PROBLEMS) continue;
    const idCell = sheet.cell(rowNumber, COLUMN.questionId);
    const answerCell = sheet.cell(rowNumber, COLUMN.answer);
    const notApplicableCell = sheet.cell(rowNumber, COLUMN.notApplicable);
    const reasonCell = sheet.cell(rowNumber, COLUMN.notApplicableReason);
    const id = textOf(idCell.value);
    const rowKey = textOf(sheet.cell(rowNumber, COLUMN.rowKey).value);

    if (rowKey && rowKey !== id) {
      const meant = byId.has(rowKey) ? rowKey : null;
      add(
        idCell,
        meant,
        `The question ID was changed: this row is for ${shorten(rowKey)}; put it back.`,
      );
      continue;
    }
    if (!id) {
      if (!isBlank(answerCell) || !isBlank(notApplicableCell) || !isBlank(reasonCell)) {
        add(idCell, null, `Row ${rowNumber} has an answer but no question ID.`);
      }
      continue;
    }
    const known = byId.get(id);
    if (!known) {
      add(idCell, null, `${shorten(id)} is not a question of this assessment.`);
      continue;
    }
    const firstRow = seenOnRow.get(id);
    if (firstRow !== undefined) {
      add(idCell, id, `${id} appears twice (rows ${firstRow} and ${rowNumber}); keep one row.`);
      continue;
    }
    seenOnRow.set(id, rowNumber);

    const notApplicable = read(
      notApplicableCell,
      id,
      'not-applicable cell',
      add,
      notApplicableFromCell,
    );
    const content = read(answerCell, id, 'answer', add, (value) => value);
    const reason = read(reasonCell, id, 'justification', add, (value) =>
      value === null ? null : String(value),
    );
    if (notApplicable === undefined || content === undefined || reason === undefined) continue;
    if (content === null && !notApplicable) continue;
    const cells = { answer: answerCell, reason: reasonCell };
    const answer = checked(known.question, cells, content, { notApplicable, reason }, today, add);
    if (answer) found.push({ answer, index: known.index });
  }

  if (problems.length > 0) throw new WorkbookImportError(problems.slice(0, MAX_PROBLEMS));
  return found.sort((a, b) => a.index - b.index).map(({ answer }) => answer);
}

type AddProblem = (cell: SheetCell, questionId: string | null, message: string) => void;

/** Reads a cell through `parse`; undefined when the cell has a problem (already recorded). */
function read<T>(
  cell: SheetCell,
  questionId: string,
  what: string,
  add: AddProblem,
  parse: (content: CellContent) => T,
): T | undefined {
  try {
    return parse(cellContent(cell.value));
  } catch (error) {
    if (!(error instanceof CellProblem)) throw error;
    add(cell, questionId, `${questionId}: the ${what} ${error.message}`);
    return undefined;
  }
}

/**
 * A not-applicable row is a claim: its justification cell must say why. A justification left
 * next to an answer (N/A taken back) is not part of the answer.
 */
function checked(
  question: Question,
  cells: { readonly answer: SheetCell; readonly reason: SheetCell },
  content: CellContent,
  claim: { readonly notApplicable: boolean; readonly reason: string | null },
  today: string,
  add: AddProblem,
): WorkbookAnswer | undefined {
  const { notApplicable, reason } = claim;
  const value =
    content === null
      ? null
      : answerValueFromCell(question, content, isPercentFormat(cells.answer.numFmt));
  let answer: CheckedAnswer;
  try {
    const notApplicableReason = notApplicable ? reason : null;
    answer = checkAnswer(question, { value, notApplicable, notApplicableReason }, today);
  } catch (error) {
    if (!(error instanceof InvalidAnswerError)) throw error;
    add(
      reason !== null && !notApplicable ? cells.reason : cells.answer,
      question.id,
      error.message,
    );
    return undefined;
  }
  try {
    requireJustification(question, answer);
  } catch (error) {
    if (!(error instanceof InvalidAnswerError)) throw error;
    add(cells.reason, question.id, `${question.id} is marked not applicable: say why in this cell`);
    return undefined;
  }
  return {
    questionId: question.id,
    value: answer.value,
    notApplicable: answer.notApplicable,
    notApplicableReason: answer.notApplicableReason,
  };
}

function isBlank(cell: SheetCell): boolean {
  try {
    return cellContent(cell.value) === null;
  } catch {
    return false;
  }
}

/** A cell as trimmed text for ids and labels; '' for anything unreadable. */
function textOf(value: CellValue): string {
  try {
    const content = cellContent(value);
    return content === null ? '' : String(content).trim();
  } catch {
    return '';
  }
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function refuse(cell: string, message: string): never {
  throw new WorkbookImportError([{ cell, questionId: null, message }]);
}
