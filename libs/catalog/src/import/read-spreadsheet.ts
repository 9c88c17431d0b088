import { parse } from 'csv-parse/sync';
import { isSpreadsheetRefusal, type SpreadsheetSandbox, type SpreadsheetView } from '@app/common';
import type { CellValue } from 'exceljs';
import { ImportFailedError } from './import.errors.js';

/** One data row: header → cell text, and the row's number in the file (the header is row 1). */
export interface SheetRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

export const MAX_IMPORT_ROWS = 2_000;
/** Every sheet of the file counts: exceljs models them all. */
export const MAX_IMPORT_CELLS = 200_000;

function checkSize(file: string, rows: SheetRow[]): SheetRow[] {
  if (rows.length === 0)
    throw new ImportFailedError([{ location: file, message: 'the file has no data rows' }]);
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new ImportFailedError([
      { location: file, message: `at most ${MAX_IMPORT_ROWS} rows can be imported` },
    ]);
  }
  return rows;
}

export function readCsv(file: string, content: Buffer): SheetRow[] {
  let records: Record<string, string>[];
  try {
    records = parse<Record<string, string>>(content, {
      columns: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
    });
  } catch (error) {
    throw new ImportFailedError([
      { location: file, message: `not readable as CSV: ${(error as Error).message}` },
    ]);
  }
  return checkSize(
    file,
    records.map((cells, index) => ({ line: index + 2, cells })),
  );
}

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((part) => part.text)
        .join('')
        .trim();
    if ('text' in value && typeof value.text === 'string') return value.text.trim();
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if ('result' in value) {
      const result = value.result;
      return typeof result === 'string' || typeof result === 'number' ? String(result).trim() : '';
    }
    return '';
  }
  return String(value).trim();
}

/**
 * The first worksheet; its first row holds the column headers. The file is untrusted: the
 * sandbox checks it and parses it off the API's heap.
 */
export async function readXlsx(
  file: string,
  content: Buffer,
  sandbox: SpreadsheetSandbox,
): Promise<SheetRow[]> {
  let workbook: SpreadsheetView;
  try {
    workbook = await sandbox.read(content, {
      maxRowsPerSheet: MAX_IMPORT_ROWS,
      maxCells: MAX_IMPORT_CELLS,
    });
  } catch (error) {
    if (!isSpreadsheetRefusal(error)) throw error;
    throw new ImportFailedError([{ location: file, message: error.message }]);
  }
  const sheet = workbook.sheets[0];
  if (!sheet)
    throw new ImportFailedError([{ location: file, message: 'the workbook has no worksheet' }]);
  const headers: string[] = [];
  for (const column of sheet.columns(1)) headers[column] = cellText(sheet.cell(1, column).value);
  const rows: SheetRow[] = [];
  for (const line of sheet.rowNumbers()) {
    if (line === 1) continue;
    const cells: Record<string, string> = {};
    headers.forEach((header, column) => {
      if (header) cells[header] = cellText(sheet.cell(line, column).value);
    });
    if (Object.values(cells).some(Boolean)) rows.push({ line, cells });
  }
  return checkSize(file, rows);
}
