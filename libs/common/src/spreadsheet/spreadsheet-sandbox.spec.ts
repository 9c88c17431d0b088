import { describe, expect, it } from '@jest/globals';
import {
  hiddenSheetsBomb,
  minimalXlsx,
  packPart,
  SHARED_STRINGS_HEAD,
  SHARED_STRINGS_TAIL,
  sharedStringBomb,
  worksheetXml,
} from '@app/testing';
import ExcelJS from 'exceljs';
import { ArchiveRejectedError } from '../zip/archive.errors.js';
import { SpreadsheetSandbox } from './spreadsheet-sandbox.js';
import type { SpreadsheetSandboxSettings, SpreadsheetShape } from './spreadsheet-limits.js';
import { SpreadsheetRejectedError } from './spreadsheet.errors.js';

const MB = 1024 * 1024;
/** The shipped defaults (libs/config). */
const settings: SpreadsheetSandboxSettings = {
  zip: { maxEntries: 1_000, maxEntryBytes: 25 * MB, maxTotalBytes: 50 * MB, maxRatio: 200 },
  maxCellChars: 32_767,
  workerHeapMb: 256,
  timeoutMs: 20_000,
  concurrency: 2,
};
const shape: SpreadsheetShape = { maxRowsPerSheet: 2_000, maxCells: 200_000 };
const sandbox = new SpreadsheetSandbox(settings);

async function workbookOf(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('Questions'));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function refusal(
  content: Buffer,
  using = sandbox,
  limits = shape,
): Promise<ArchiveRejectedError | SpreadsheetRejectedError> {
  try {
    await using.read(content, limits);
  } catch (error) {
    if (error instanceof ArchiveRejectedError || error instanceof SpreadsheetRejectedError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected the spreadsheet to be refused');
}

describe('SpreadsheetSandbox', () => {
  it('reads an ordinary workbook: values, dates, number formats and sheet order', async () => {
    const content = await workbookOf((sheet) => {
      sheet.addRow(['question_id', 'weight', 'due']);
      sheet.addRow(['RA-01', 0.85, new Date(Date.UTC(2026, 2, 1))]);
      sheet.getCell('B2').numFmt = '0%';
      sheet.getCell('A4').value = { richText: [{ text: 'rich ' }, { text: 'text' }] };
    });
    const view = await sandbox.read(content, shape);
    const sheet = view.sheet('Questions')!;
    expect(view.sheets.map((s) => s.name)).toEqual(['Questions']);
    expect(sheet.rowNumbers()).toEqual([1, 2, 4]);
    expect(sheet.columns(1)).toEqual([1, 2, 3]);
    expect(sheet.cell(2, 1)).toEqual({ value: 'RA-01', numFmt: undefined, address: 'A2' });
    expect(sheet.cell(2, 2)).toMatchObject({ value: 0.85, numFmt: '0%' });
    expect(sheet.cell(2, 3).value).toBeInstanceOf(Date);
    expect(sheet.cell(3, 28)).toEqual({ value: null, numFmt: undefined, address: 'AB3' });
    expect(sheet.cell(4, 1).value).toEqual({ richText: [{ text: 'rich ' }, { text: 'text' }] });
  });

  it("refuses issue 13's 180-million-character shared string (177 KB) before parsing it", async () => {
    const bomb = await sharedStringBomb();
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect((await refusal(bomb)).message).toBe('A part of the file unpacks to more than 25 MB.');
    // With the part caps out of the way, the ratio cap stops it, and then the text cap.
    const wide = new SpreadsheetSandbox({
      ...settings,
      zip: { ...settings.zip, maxEntryBytes: 512 * MB, maxTotalBytes: 512 * MB },
    });
    expect((await refusal(bomb, wide)).message).toBe(
      'A part of the file is packed more than 200 to 1, as only archive bombs are.',
    );
    const anyRatio = new SpreadsheetSandbox({
      ...settings,
      zip: { ...settings.zip, maxEntryBytes: 512 * MB, maxTotalBytes: 512 * MB, maxRatio: 2_000 },
    });
    expect((await refusal(bomb, anyRatio)).message).toBe(
      'A cell or text in the workbook is longer than 32,767 characters.',
    );
  });

  it('refuses a shared string or an inline cell longer than Excel allows, while unpacking', async () => {
    const longString = minimalXlsx({
      sharedStrings: packPart(`${SHARED_STRINGS_HEAD}${'é'.repeat(32_768)}${SHARED_STRINGS_TAIL}`),
    });
    expect(await refusal(longString)).toBeInstanceOf(ArchiveRejectedError);
    expect((await refusal(longString)).message).toBe(
      'A cell or text in the workbook is longer than 32,767 characters.',
    );
    // Exactly at the limit, with entities counting as one character each, it is read.
    const atLimit = minimalXlsx({
      sharedStrings: packPart(
        `${SHARED_STRINGS_HEAD}${'&amp;'.repeat(16_000)}${'b'.repeat(16_767)}${SHARED_STRINGS_TAIL}`,
      ),
    });
    const read = await sandbox.read(atLimit, shape);
    expect(read.sheets[0].cell(1, 1).value).toBe(`${'&'.repeat(16_000)}${'b'.repeat(16_767)}`);

    const inline = minimalXlsx({
      sheet: packPart(
        worksheetXml(
          `<row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(40_000)}</t></is></c></row>`,
        ),
      ),
    });
    expect((await refusal(inline)).message).toBe(
      'A cell or text in the workbook is longer than 32,767 characters.',
    );
  });

  it('refuses a cell built from many short rich-text runs once parsed, in the worker', async () => {
    const content = await workbookOf((sheet) => {
      sheet.getCell('A1').value = {
        richText: Array.from({ length: 4_000 }, () => ({ text: 'ten chars ' })),
      };
    });
    const error = await refusal(content);
    expect(error).toBeInstanceOf(SpreadsheetRejectedError);
    expect(error.message).toBe('A cell of the workbook holds more than 32,767 characters.');
  });

  it('counts rows and cells before anything is parsed', async () => {
    const content = await workbookOf((sheet) => {
      for (let row = 1; row <= 30; row++) sheet.addRow([`Q-${row}`, row]);
    });
    await expect(sandbox.read(content, { ...shape, maxRowsPerSheet: 29 })).resolves.toBeTruthy();
    expect((await refusal(content, sandbox, { ...shape, maxRowsPerSheet: 28 })).message).toBe(
      'A sheet has more than 28 rows.',
    );
    expect((await refusal(content, sandbox, { ...shape, maxCells: 59 })).message).toBe(
      'The workbook has more than 59 cells.',
    );
    // exceljs parses any part whose name merely contains xl/worksheets/sheetN.xml; so do we.
    const rows = Array.from({ length: 40 }, (_, n) => `<row r="${n + 1}"><c><v>${n}</v></c></row>`);
    const oddlyNamed = minimalXlsx({
      extra: [
        { name: 'xl/worksheets/sheet7.xml.orig', part: packPart(worksheetXml(rows.join(''))) },
      ],
    });
    expect((await refusal(oddlyNamed, sandbox, { ...shape, maxRowsPerSheet: 30 })).message).toBe(
      'A sheet has more than 30 rows.',
    );
  });

  it("refuses issue 13's workbook with four 150 MB sheets hidden behind a lying entry count", async () => {
    const workbook = await workbookOf((sheet) => sheet.addRow(['Question ID', 'Answer']));
    const bomb = await hiddenSheetsBomb(workbook);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const error = await refusal(bomb);
    expect(error.message).toMatch(/^The file is damaged: its table of contents claims \d+ parts/);
    // Told the truth about its count, the same file meets the size caps instead.
    const honest = Buffer.from(bomb);
    const end = honest.length - 22;
    const count = honest.readUInt16LE(end + 10) + 4;
    honest.writeUInt16LE(count, end + 8);
    honest.writeUInt16LE(count, end + 10);
    expect((await refusal(honest)).message).toBe('A part of the file unpacks to more than 25 MB.');
  });

  it('ends a worker that runs out of heap or time, and keeps reading files afterwards', async () => {
    const busy = await workbookOf((sheet) => {
      for (let row = 1; row <= 2_000; row++) {
        sheet.addRow(Array.from({ length: 20 }, (_, column) => `r${row}c${column} text`));
      }
    });
    const small = new SpreadsheetSandbox({ ...settings, workerHeapMb: 16 });
    expect((await refusal(busy, small)).message).toBe(
      'The workbook is too large or complex to read safely; split it into smaller files.',
    );
    const hurried = new SpreadsheetSandbox({ ...settings, timeoutMs: 1 });
    expect((await refusal(busy, hurried)).message).toBe(
      'The workbook is too large or complex to read safely; split it into smaller files.',
    );
    const ordinary = await workbookOf((sheet) => sheet.addRow(['still', 'here']));
    expect((await small.read(ordinary, shape)).sheets[0].cell(1, 2).value).toBe('here');
  });
});
