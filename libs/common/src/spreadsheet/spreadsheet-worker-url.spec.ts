import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { spreadsheetWorkerUrl } from './spreadsheet-worker-url.js';

describe('spreadsheetWorkerUrl', () => {
  it('runs the compiled worker next to the built module', () => {
    expect(
      spreadsheetWorkerUrl('file:///app/dist/libs/common/src/spreadsheet/spreadsheet-sandbox.js')
        .href,
    ).toBe('file:///app/dist/libs/common/src/spreadsheet/spreadsheet.worker.js');
  });

  it("runs the build's copy when the sources run as TypeScript (jest), and it exists", () => {
    const url = spreadsheetWorkerUrl(
      new URL('./spreadsheet-sandbox.ts', `file://${process.cwd()}/libs/common/src/spreadsheet/`)
        .href,
    );
    expect(fileURLToPath(url)).toBe(
      `${process.cwd()}/dist/libs/common/src/spreadsheet/spreadsheet.worker.js`,
    );
    expect(existsSync(url)).toBe(true);
  });

  it('says to build when the compiled worker is missing', () => {
    expect(() => spreadsheetWorkerUrl('file:///nowhere/libs/common/src/spreadsheet/x.ts')).toThrow(
      /spreadsheet\.worker\.js is missing: run `npm run build`/,
    );
  });
});
