import type { SpreadsheetSnapshot } from './spreadsheet-snapshot.js';

/** What the sandbox hands its worker thread. */
export interface SpreadsheetJob {
  /** Owned by the worker (transferred). */
  readonly content: Uint8Array;
  readonly maxCellChars: number;
  readonly maxCells: number;
  /** All the text the snapshot may carry back: a cell repeated 200,000 times is copied each time. */
  readonly maxTextChars: number;
}

export type SpreadsheetReply =
  | { readonly ok: true; readonly snapshot: SpreadsheetSnapshot }
  | { readonly ok: false; readonly message: string };
