import type { ZipLimits } from '../zip/zip-limits.js';

/** What one read of an untrusted spreadsheet may cost, from configuration. */
export interface SpreadsheetSandboxSettings {
  readonly zip: ZipLimits;
  /** Excel's own limit is 32,767 characters a cell. */
  readonly maxCellChars: number;
  /** The worker thread's V8 heap; a file that needs more kills the worker only. */
  readonly workerHeapMb: number;
  readonly timeoutMs: number;
  /** Workers reading at once; more uploads wait their turn. */
  readonly concurrency: number;
}

/** What the caller's use of the sheet allows (an import of 2,000 questions…). */
export interface SpreadsheetShape {
  /** Rows after the header row, per sheet. */
  readonly maxRowsPerSheet: number;
  readonly maxCells: number;
}

export interface SpreadsheetLimits extends SpreadsheetShape {
  readonly maxCellChars: number;
}
