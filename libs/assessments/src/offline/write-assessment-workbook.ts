import type { AnswerValue, Question } from '@app/catalog';
import ExcelJS from 'exceljs';
import { WorkbookTooLargeError } from './workbook.errors.js';
import {
  ABOUT_LABELS,
  ABOUT_SHEET,
  ANSWERS_SHEET,
  answerHint,
  COLUMN,
  HEADERS,
  LISTS_SHEET,
  MAX_WORKBOOK_ROWS,
  MULTIPLE_CHOICE_SEPARATOR,
  WORKBOOK_FORMAT,
  WORKBOOK_FORMAT_VERSION,
  YES_NO_CHOICES,
} from './workbook-layout.js';
import type { WorkbookAnswer, WorkbookMeta, WorkbookQuestion } from './workbook.types.js';

const TEXT_FORMAT = '@';
const DATE_FORMAT = 'yyyy-mm-dd';

/**
 * The workbook an MSP downloads to answer offline: one row per question, the current answers
 * filled in. Only the Answer and N/A cells are unlocked. Protection has no password: it guards
 * against slips, not people, and the reader checks every cell anyway. Values are written as
 * plain strings, never formulas, so template or tenant text cannot become a formula.
 */
export async function writeAssessmentWorkbook(
  meta: WorkbookMeta,
  questions: readonly WorkbookQuestion[],
  answers: readonly WorkbookAnswer[],
): Promise<Buffer> {
  if (questions.length > MAX_WORKBOOK_ROWS) {
    throw new WorkbookTooLargeError(questions.length, MAX_WORKBOOK_ROWS);
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Cascade';
  workbook.title = meta.title;
  const sheet = workbook.addWorksheet(ANSWERS_SHEET, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  await writeAbout(workbook.addWorksheet(ABOUT_SHEET), meta);
  const lists = workbook.addWorksheet(LISTS_SHEET, { state: 'veryHidden' });

  sheet.columns = [
    { width: 12 },
    { width: 28 },
    { width: 70 },
    { width: 40 },
    { width: 40 },
    { width: 12 },
    { width: 40 },
    { width: 12, hidden: true },
  ];
  const header = sheet.getRow(1);
  header.values = [...HEADERS];
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };

  const byQuestion = new Map(answers.map((answer) => [answer.questionId, answer]));
  let listColumn = 0;
  questions.forEach(({ question, familyTitle }, index) => {
    const row = sheet.getRow(index + 2);
    row.getCell(COLUMN.questionId).value = question.id;
    row.getCell(COLUMN.family).value = familyTitle;
    row.getCell(COLUMN.question).value = question.text;
    row.getCell(COLUMN.expected).value = answerHint(question);
    row.getCell(COLUMN.rowKey).value = question.id;
    row.alignment = { vertical: 'top', wrapText: true };

    const saved = byQuestion.get(question.id);
    const answer = row.getCell(COLUMN.answer);
    answer.protection = { locked: false };
    const format = cellFormat(question);
    if (format) answer.numFmt = format;
    answer.value = saved && !saved.notApplicable ? cellValue(question, saved.value) : null;
    const choices = choiceFormula(question, lists, () => ++listColumn);
    if (choices) answer.dataValidation = dropdown(choices);

    const notApplicable = row.getCell(COLUMN.notApplicable);
    notApplicable.protection = { locked: false };
    notApplicable.value = saved?.notApplicable ? 'Y' : null;
    notApplicable.dataValidation = dropdown('"Y"');

    const reason = row.getCell(COLUMN.notApplicableReason);
    reason.protection = { locked: false };
    reason.value = saved?.notApplicable ? saved.notApplicableReason : null;
  });

  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function writeAbout(about: ExcelJS.Worksheet, meta: WorkbookMeta): Promise<void> {
  about.columns = [{ width: 20 }, { width: 70 }];
  about.getCell('A1').value = 'Cascade assessment workbook';
  about.getCell('A1').font = { bold: true, size: 14 };
  const rows: [string, string | number][] = [
    [ABOUT_LABELS.title, meta.title],
    [ABOUT_LABELS.customerName, meta.customerName],
    [ABOUT_LABELS.vendorName, meta.vendorName],
    [ABOUT_LABELS.dueOn, meta.dueOn],
    ['', ''],
    [
      'How to answer',
      'Fill in the Answer column of the Answers sheet (or put Y under "Not applicable"), save, ' +
        'and upload the file on the assessment page in Cascade. Leave the other columns as they are.',
    ],
    ['', ''],
    [ABOUT_LABELS.assessmentId, meta.assessmentId],
    [ABOUT_LABELS.format, WORKBOOK_FORMAT],
    [ABOUT_LABELS.formatVersion, WORKBOOK_FORMAT_VERSION],
  ];
  rows.forEach(([label, value], index) => {
    const row = about.getRow(index + 3);
    row.getCell(1).value = label || null;
    row.getCell(1).font = { bold: true };
    row.getCell(2).value = value === '' ? null : value;
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  });
  await about.protect('', { selectLockedCells: true, selectUnlockedCells: true });
}

/** Text answers stay text: otherwise Excel turns "1-2" into a date or drops leading zeros. */
function cellFormat(question: Question): string | undefined {
  const type = question.answer.type;
  if (type === 'date') return DATE_FORMAT;
  return type === 'number' || type === 'percentage' ? undefined : TEXT_FORMAT;
}

function cellValue(question: Question, value: AnswerValue): ExcelJS.CellValue {
  if (value === null) return null;
  if (Array.isArray(value)) return value.join(`${MULTIPLE_CHOICE_SEPARATOR} `);
  if (question.answer.type === 'date' && typeof value === 'string') {
    // A real date cell, so Excel treats it as a date; exceljs writes a Date as its UTC day.
    const date = new Date(`${value}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? value : date;
  }
  return value as string | number | boolean;
}

/** The dropdown source for yes/no and single-choice answers, or null for free entry. */
function choiceFormula(
  question: Question,
  lists: ExcelJS.Worksheet,
  nextColumn: () => number,
): string | null {
  const spec = question.answer;
  if (spec.type === 'yes_no') return `"${YES_NO_CHOICES.join(',')}"`;
  if (spec.type !== 'single_choice') return null;
  const column = lists.getColumn(nextColumn());
  column.values = [question.id, ...spec.options.map((option) => option.value)];
  const letter = column.letter;
  return `${LISTS_SHEET}!$${letter}$2:$${letter}$${spec.options.length + 1}`;
}

function dropdown(formula: string): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: 'Not one of the choices',
    error: 'Choose a value from the list, or leave the cell empty.',
  };
}
