import type { SpreadsheetSandbox } from '@app/common';
import type { ControlCatalog } from '../templates/control-catalog.js';
import type { QuestionnaireTemplate } from '../templates/template.types.js';
import { type schemaValidator, validateTemplate } from '../templates/validate-template.js';
import { ImportFailedError, type ImportProblem } from './import.errors.js';
import { plainProblem } from './plain-problem.js';
import {
  applyColumnMapping,
  rowsToFamilies,
  type RowsResult,
  type SheetLayout,
} from './question-rows.js';
import { readCsv, readXlsx } from './read-spreadsheet.js';
import { vsaqToFamilies } from './vsaq.js';
import { parseVsaqon } from './vsaqon.js';

export type ImportFormat = 'csv' | 'xlsx' | 'vsaq_json';

export interface ImportRequest {
  readonly format: ImportFormat;
  readonly fileName: string;
  readonly content: Buffer;
  readonly key: string;
  readonly title: string;
  readonly audience: 'msp' | 'customer';
  /** Spreadsheets with their own layout: header mapping, defaults, level columns. */
  readonly layout?: SheetLayout;
}

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

async function readFamilies(
  request: ImportRequest,
  sandbox: SpreadsheetSandbox,
): Promise<RowsResult> {
  const file = request.fileName;
  const layout = request.layout ?? {};
  switch (request.format) {
    case 'csv':
      return rowsToFamilies(
        file,
        applyColumnMapping(readCsv(file, request.content), layout.columnMapping ?? {}),
        layout,
      );
    case 'xlsx':
      return rowsToFamilies(
        file,
        applyColumnMapping(
          await readXlsx(file, request.content, sandbox),
          layout.columnMapping ?? {},
        ),
        layout,
      );
    case 'vsaq_json':
      return vsaqToFamilies(file, parseVsaqon(file, request.content.toString('utf8')));
  }
}

/** Where a template problem came from: the row and column, or the VSAQ item and key. */
function locate(
  path: string,
  template: QuestionnaireTemplate,
  result: RowsResult,
  file: string,
): string {
  const match = /^families\[(\d+)\]\.questions\[(\d+)\](?:\.([\w.-]+))?/.exec(path);
  const question = match
    ? template.families[Number(match[1])]?.questions[Number(match[2])]
    : undefined;
  const origin = question ? result.origins.get(question.id) : undefined;
  if (!origin)
    return `${file} (${path.replace(/^families\[(\d+)\]/, (_, n: string) => `family ${Number(n) + 1}`)})`;
  return match?.[3] && result.columnOf ? `${origin} ${result.columnOf(match[3])}` : origin;
}

/**
 * Reads a question list (CSV, XLSX or VSAQ JSON) into a complete, valid template, or fails with
 * every problem, each naming the file and the row or path. All or nothing: nothing is stored
 * unless the whole file is good.
 */
export async function importTemplate(
  request: ImportRequest,
  validateSchema: ReturnType<typeof schemaValidator>,
  controls: ControlCatalog,
  sandbox: SpreadsheetSandbox,
): Promise<QuestionnaireTemplate> {
  if (request.content.length > MAX_IMPORT_BYTES) {
    throw new ImportFailedError([
      {
        location: request.fileName,
        message: `files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB can be imported`,
      },
    ]);
  }
  const result = await readFamilies(request, sandbox);
  if (result.problems.length > 0) throw new ImportFailedError(result.problems);
  const skipped = result.skipped ?? [];
  const template: QuestionnaireTemplate = {
    key: request.key,
    version: '1.0.0',
    title: request.title,
    description:
      `Imported from ${request.fileName}.${skipped.length > 0 ? ` Left out, marked at no level (withdrawn): ${skipped.join(', ')}.` : ''}`.slice(
        0,
        4000,
      ),
    audience: request.audience,
    families: result.families,
  };
  if (template.families.length === 0) {
    throw new ImportFailedError([
      { location: request.fileName, message: 'the file holds no question to import' },
    ]);
  }
  const seen = new Set<string>();
  const invalid: ImportProblem[] = [];
  for (const problem of validateTemplate(template, validateSchema, controls)) {
    const location = locate(problem.path, template, result, request.fileName);
    const message = plainProblem(problem);
    // One schema mistake can fail several alternatives at one place: say it once.
    if (seen.has(`${location}|${message}`)) continue;
    seen.add(`${location}|${message}`);
    invalid.push({ location, message });
  }
  if (invalid.length > 0) throw new ImportFailedError(invalid);
  return template;
}
