import type { CellValue } from 'exceljs';

/** A non-empty cell as exceljs read it: plain data, so it can cross from the worker thread. */
export interface SnapshotCell {
  readonly row: number;
  readonly column: number;
  readonly value: CellValue;
  readonly numFmt?: string;
}

export interface SheetSnapshot {
  readonly name: string;
  readonly cells: readonly SnapshotCell[];
}

export interface SpreadsheetSnapshot {
  readonly sheets: readonly SheetSnapshot[];
}

/** A cell of a read sheet; empty cells read as null, like exceljs's. */
export interface SheetCell {
  readonly value: CellValue;
  readonly numFmt: string | undefined;
  /** `B7` */
  readonly address: string;
}

export function cellAddress(row: number, column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return `${letters}${row}`;
}

const isDate = (value: unknown): value is Date =>
  Object.prototype.toString.call(value) === '[object Date]';

/**
 * Dates come back from the worker built by another realm's Date (jest runs tests in a vm
 * context), so `instanceof Date` would miss them; rebuild them here, in formula results too.
 */
function reviveDates(value: CellValue): CellValue {
  if (isDate(value)) return new Date(value.getTime());
  if (value && typeof value === 'object' && 'result' in value && isDate(value.result)) {
    return { ...value, result: new Date(value.result.getTime()) };
  }
  return value;
}

/** One sheet of an untrusted workbook, read in the sandbox. */
export class SheetView {
  private readonly rows = new Map<number, Map<number, SnapshotCell>>();

  constructor(snapshot: SheetSnapshot) {
    this.name = snapshot.name;
    for (const cell of snapshot.cells) {
      let row = this.rows.get(cell.row);
      if (!row) this.rows.set(cell.row, (row = new Map<number, SnapshotCell>()));
      row.set(cell.column, { ...cell, value: reviveDates(cell.value) });
    }
  }

  readonly name: string;

  cell(row: number, column: number): SheetCell {
    const found = this.rows.get(row)?.get(column);
    return {
      value: found?.value ?? null,
      numFmt: found?.numFmt,
      address: cellAddress(row, column),
    };
  }

  /** Numbers of the rows holding at least one value, in order. */
  rowNumbers(): number[] {
    return [...this.rows.keys()].sort((a, b) => a - b);
  }

  /** Columns of a row that hold a value, in order. */
  columns(row: number): number[] {
    return [...(this.rows.get(row)?.keys() ?? [])].sort((a, b) => a - b);
  }
}

/** An untrusted workbook, read in the sandbox: its sheets in workbook order. */
export class SpreadsheetView {
  readonly sheets: readonly SheetView[];

  constructor(snapshot: SpreadsheetSnapshot) {
    this.sheets = snapshot.sheets.map((sheet) => new SheetView(sheet));
  }

  sheet(name: string): SheetView | undefined {
    return this.sheets.find((sheet) => sheet.name === name);
  }
}
