import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { type XlsxLimits, xlsxLimitProblem } from './xlsx-guard.js';

const roomy: XlsxLimits = {
  maxUnpackedBytes: 50 * 1024 * 1024,
  maxRowsPerSheet: 2_000,
  maxCells: 200_000,
};

async function workbookWith(rows: number, text: (row: number) => string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Answers');
  for (let row = 1; row <= rows; row++) sheet.getCell(row, 1).value = text(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Rewrites the size a part declares in the ZIP's table of contents, as a hostile file would. */
function withDeclaredSize(content: Buffer, part: string, change: (size: number) => number): Buffer {
  const copy = Buffer.from(content);
  for (let at = 0; at + 46 <= copy.length; at++) {
    if (copy.readUInt32LE(at) !== 0x02014b50) continue;
    const name = copy.toString('utf8', at + 46, at + 46 + copy.readUInt16LE(at + 28));
    if (name === part) {
      copy.writeUInt32LE(change(copy.readUInt32LE(at + 24)), at + 24);
      return copy;
    }
  }
  throw new Error(`no part ${part}`);
}

describe('xlsxLimitProblem', () => {
  it('lets an ordinary workbook through', async () => {
    expect(xlsxLimitProblem(await workbookWith(50, (row) => `row ${row}`), roomy)).toBeNull();
  });

  it('refuses a workbook that unpacks beyond the limit, however small the file', async () => {
    // 1,500 distinct 1,000-character strings: about 1.5 MB unpacked, a few kB packed.
    const content = await workbookWith(1_500, (row) => `${row}`.padEnd(1_000, 'a'));
    expect(content.length).toBeLessThan(100 * 1024);
    expect(xlsxLimitProblem(content, roomy)).toBeNull();
    expect(xlsxLimitProblem(content, { ...roomy, maxUnpackedBytes: 1024 * 1024 })).toBe(
      'The workbook unpacks to more than 1 MB.',
    );
  });

  it('catches a part that is bigger or smaller than it declares', async () => {
    const content = await workbookWith(20, (row) => `row ${row}`);
    expect(
      xlsxLimitProblem(
        withDeclaredSize(content, 'xl/worksheets/sheet1.xml', (s) => s - 1),
        roomy,
      ),
    ).toBe('The file is damaged: a part cannot be unpacked, or is bigger than it says.');
    expect(
      xlsxLimitProblem(
        withDeclaredSize(content, 'xl/worksheets/sheet1.xml', (s) => s + 1),
        roomy,
      ),
    ).toBe('The file is damaged: a part has the wrong size.');
  });

  it('counts rows and cells before anything is loaded', async () => {
    const content = await workbookWith(30, (row) => `row ${row}`);
    expect(xlsxLimitProblem(content, { ...roomy, maxRowsPerSheet: 29 })).toBeNull();
    expect(xlsxLimitProblem(content, { ...roomy, maxRowsPerSheet: 28 })).toBe(
      'A sheet has more than 28 rows.',
    );
    expect(xlsxLimitProblem(content, { ...roomy, maxCells: 29 })).toBe(
      'The workbook has more than 29 cells.',
    );
  });

  it('refuses what is not a ZIP, or is cut short', async () => {
    expect(xlsxLimitProblem(Buffer.from('not a workbook'), roomy)).toBe(
      'The file is not an Excel workbook (.xlsx).',
    );
    const content = await workbookWith(20, (row) => `row ${row}`);
    expect(xlsxLimitProblem(content.subarray(0, content.length - 100), roomy)).toBe(
      'The file is not an Excel workbook (.xlsx).',
    );
  });
});
