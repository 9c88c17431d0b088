import type { SpreadsheetSandbox } from '@app/common';
import type { ControlCatalog } from '../templates/control-catalog.js';
import type { QuestionnaireTemplate } from '../templates/template.types.js';
import { type schemaValidator, validateTemplate } from '../templates/validate-template.js';
import { ImportFailedError, type ImportProblem } from './import.errors.js';
import {
  applyColumnMapping,
  type QuestionColumn,
  rowsToFamilies,
  type RowsResult,
} from './question-rows.js';
import { readCsv, readXlsx } from './read-spreadsheet.js';
import { vsaqToFamilies } from './vsaq.js';

export type ImportFormat = 'csv' | 'xlsx' | 'vsaq_json';

export interface ImportRequest {
  readonly format: ImportFormat;
  readonly fileName: string;
  readonly content: Buffer;
  readonly key: string;
  readonly title: string;
  readonly audience: 'msp' | 'customer';
  /** Other layouts: which of their headers holds each documented column. */
  readonly columnMapping?: Partial<Record<QuestionColumn, string>>;
}

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

async function readFamilies(
  request: ImportRequest,
  sandbox: SpreadsheetSandbox,
): Promise<RowsResult> {
  const file = request.fileName;
  switch (request.format) {
    case 'csv':
      return rowsToFamilies(
        file,
        applyColumnMapping(readCsv(file, request.content), request.columnMapping ?? {}),
      );
    case 'xlsx':
      return rowsToFamilies(
        file,
        applyColumnMapping(
          await readXlsx(file, request.content, sandbox),
          request.columnMapping ?? {},
        ),
      );
    case 'vsaq_json': {
      let document: unknown;
      try {
        document = JSON.parse(request.content.toString('utf8'));
      } catch (error) {
        throw new ImportFailedError([
          { location: file, message: `not valid JSON: ${(error as Error).message}` },
        ]);
      }
      return vsaqToFamilies(file, document);
    }
  }
}

/** Where a template problem came from: the row or item of the imported question. */
function locate(
  path: string,
  template: QuestionnaireTemplate,
  origins: Map<string, string>,
  file: string,
): string {
  const match = /^families\[(\d+)\]\.questions\[(\d+)\]/.exec(path);
  const question = match
    ? template.families[Number(match[1])]?.questions[Number(match[2])]
    : undefined;
  const origin = question ? origins.get(question.id) : undefined;
  return origin ? `${origin} (${path})` : `${file} (${path})`;
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
  const { families, origins, problems } = await readFamilies(request, sandbox);
  if (problems.length > 0) throw new ImportFailedError(problems);
  const template: QuestionnaireTemplate = {
    key: request.key,
    version: '1.0.0',
    title: request.title,
    description: `Imported from ${request.fileName}.`,
    audience: request.audience,
    families,
  };
  const invalid: ImportProblem[] = validateTemplate(template, validateSchema, controls).map(
    (problem) => ({
      location: locate(problem.path, template, origins, request.fileName),
      message: problem.message,
    }),
  );
  if (invalid.length > 0) throw new ImportFailedError(invalid);
  return template;
}
