import { parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import type { SnapshotCell, SheetSnapshot } from './spreadsheet-snapshot.js';
import type { SpreadsheetJob, SpreadsheetReply } from './spreadsheet-worker.protocol.js';

/**
 * The worker thread of the spreadsheet sandbox: exceljs parses the (already inspected) file
 * here, under the worker's own heap limit, and only plain cell data goes back. Anything that
 * makes exceljs run out of memory kills this thread, not the API.
 */
class TooMuch extends Error {}

/** Characters of every string inside a cell value (text, rich text runs, formula, link…). */
function textLength(value: unknown, depth = 0): number {
  if (typeof value === 'string') return value.length;
  if (value === null || typeof value !== 'object' || value instanceof Date || depth > 4) return 0;
  let total = 0;
  for (const inner of Object.values(value)) total += textLength(inner, depth + 1);
  return total;
}

async function read(job: SpreadsheetJob): Promise<SpreadsheetReply> {
  const workbook = new ExcelJS.Workbook();
  try {
    const bytes = Buffer.from(job.content.buffer, job.content.byteOffset, job.content.byteLength);
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, message: 'The file is not a readable Excel workbook (.xlsx).' };
  }
  let cells = 0;
  let text = 0;
  const sheets: SheetSnapshot[] = workbook.worksheets.map((sheet) => {
    const taken: SnapshotCell[] = [];
    sheet.eachRow((row, rowNumber) =>
      row.eachCell((cell, column) => {
        const length = textLength(cell.value);
        if (length > job.maxCellChars) {
          throw new TooMuch(
            `A cell of the workbook holds more than ${job.maxCellChars.toLocaleString('en')} characters.`,
          );
        }
        text += length;
        if (++cells > job.maxCells || text > job.maxTextChars) {
          throw new TooMuch('The workbook holds too much to read; split it into smaller files.');
        }
        const numFmt = cell.numFmt;
        taken.push({ row: rowNumber, column, value: cell.value, ...(numFmt ? { numFmt } : {}) });
      }),
    );
    return { name: sheet.name, cells: taken };
  });
  return { ok: true, snapshot: { sheets } };
}

const port = parentPort;
if (port) {
  read(workerData as SpreadsheetJob).then(
    (reply) => port.postMessage(reply),
    (error: unknown) =>
      port.postMessage({
        ok: false,
        message:
          error instanceof TooMuch
            ? error.message
            : 'The file is not a readable Excel workbook (.xlsx).',
      } satisfies SpreadsheetReply),
  );
}
