import {
  ANSWER_TYPES,
  type AnswerSpec,
  type ControlMappings,
  type Question,
  type ScoringRule,
} from '../templates/template.types.js';
import type { ImportProblem } from './import.errors.js';
import type { SheetRow } from './read-spreadsheet.js';

/**
 * The documented column layout of a question list (CSV or the first sheet of an XLSX). Lists use
 * `;`, options `value=Label;value=Label`. Another layout is imported by mapping its headers to
 * these names.
 */
export const QUESTION_COLUMNS = [
  'family_id',
  'family_title',
  'family_guidance',
  'question_id',
  'question',
  'help',
  'answer_type',
  'options',
  'unit',
  'scoring',
  'weight',
  'required',
  'knockout',
  'knockout_reason',
  'pass_level',
  'visible_when',
  'evidence',
  'nist_800_53',
  'csf_2_0',
  'cis_v8',
  'iso_27001_2022',
] as const;
export type QuestionColumn = (typeof QUESTION_COLUMNS)[number];

const REQUIRED_COLUMNS: QuestionColumn[] = [
  'family_id',
  'family_title',
  'question_id',
  'question',
  'answer_type',
];
const CONTROL_COLUMNS: [QuestionColumn, keyof ControlMappings][] = [
  ['nist_800_53', 'nist-800-53'],
  ['csf_2_0', 'csf-2.0'],
  ['cis_v8', 'cis-v8'],
  ['iso_27001_2022', 'iso-27001-2022'],
];

export interface ImportedFamily {
  id: string;
  title: string;
  guidance: string;
  questions: Question[];
}

export interface RowsResult {
  readonly families: ImportedFamily[];
  /** For each question id, where it came from: so template problems can name the row. */
  readonly origins: Map<string, string>;
  readonly problems: ImportProblem[];
}

const list = (cell: string) =>
  cell
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);

class CellError extends Error {}

function parseScoring(cell: string, answer: AnswerSpec): ScoringRule {
  const text = cell.trim();
  if (!text) {
    if (answer.type === 'yes_no')
      return { kind: 'choice', values: { yes: 1, partial: 0.5, no: 0 } };
    if (answer.type === 'text' || answer.type === 'evidence') return { kind: 'provided' };
    throw new CellError(`a ${answer.type} question needs a scoring rule`);
  }
  if (text === 'none' || text === 'provided') return { kind: text };
  const parts = list(text);
  if (parts.some((p) => /^(>=|<=|else:)/.test(p))) {
    const steps: { bound: number; value: number }[] = [];
    let otherwise: number | undefined;
    let direction: 'at_least' | 'at_most' | undefined;
    for (const part of parts) {
      const step = /^(>=|<=)\s*(-?\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)$/.exec(part);
      const rest = /^else\s*:\s*(\d+(?:\.\d+)?)$/.exec(part);
      if (step) {
        const stepDirection = step[1] === '>=' ? 'at_least' : 'at_most';
        if (direction && direction !== stepDirection) throw new CellError('mixes >= and <= steps');
        direction = stepDirection;
        steps.push({ bound: Number(step[2]), value: Number(step[3]) });
      } else if (rest) otherwise = Number(rest[1]);
      else throw new CellError(`cannot read the step "${part}" (write ">=12:1;>=6:0.5;else:0")`);
    }
    if (!direction || otherwise === undefined)
      throw new CellError('a threshold needs steps and an else value');
    return { kind: 'threshold', direction, steps, otherwise };
  }
  const values: Record<string, number> = {};
  for (const part of parts) {
    const pair = /^([a-z0-9_]+)\s*=\s*(\d+(?:\.\d+)?)$/.exec(part);
    if (!pair) throw new CellError(`cannot read "${part}" (write "option=value;option=value")`);
    values[pair[1]] = Number(pair[2]);
  }
  return { kind: answer.type === 'multiple_choice' ? 'sum' : 'choice', values };
}

function parseAnswer(cells: Record<string, string>): AnswerSpec {
  const type = cells.answer_type ?? '';
  if (!(ANSWER_TYPES as readonly string[]).includes(type))
    throw new CellError(`answer_type must be one of ${ANSWER_TYPES.join(', ')}`);
  if (type === 'single_choice' || type === 'multiple_choice') {
    const options = list(cells.options ?? '').map((entry) => {
      const [value, ...label] = entry.split('=');
      return { value: (value ?? '').trim(), label: label.join('=').trim() || (value ?? '').trim() };
    });
    if (options.length < 2) throw new CellError('a choice question needs at least two options');
    return { type, options };
  }
  if (type === 'number') {
    if (!cells.unit) throw new CellError('a number question needs a unit');
    return { type, unit: cells.unit };
  }
  return { type: type as 'yes_no' | 'percentage' | 'date' | 'text' | 'evidence' };
}

function flag(cell: string | undefined, fallback: boolean): boolean {
  if (!cell) return fallback;
  if (/^(yes|true|1|y)$/i.test(cell)) return true;
  if (/^(no|false|0|n)$/i.test(cell)) return false;
  throw new CellError('write yes or no');
}

function number(cell: string | undefined, fallback: number): number {
  if (!cell) return fallback;
  const value = Number(cell);
  if (!Number.isFinite(value)) throw new CellError(`"${cell}" is not a number`);
  return value;
}

/** Maps another layout's headers onto the documented columns (`{ question: 'Question text' }`). */
export function applyColumnMapping(
  rows: SheetRow[],
  mapping: Partial<Record<QuestionColumn, string>>,
): SheetRow[] {
  if (Object.keys(mapping).length === 0) return rows;
  return rows.map((row) => {
    const cells: Record<string, string> = { ...row.cells };
    for (const [column, header] of Object.entries(mapping)) cells[column] = row.cells[header] ?? '';
    return { line: row.line, cells };
  });
}

/** Turns question rows into families and questions, listing every bad cell instead of stopping. */
export function rowsToFamilies(file: string, rows: SheetRow[]): RowsResult {
  const problems: ImportProblem[] = [];
  const families: ImportedFamily[] = [];
  const origins = new Map<string, string>();
  const headers = new Set(rows.flatMap((row) => Object.keys(row.cells)));
  const missing = REQUIRED_COLUMNS.filter((column) => !headers.has(column));
  if (missing.length > 0) {
    return {
      families,
      origins,
      problems: [{ location: file, message: `missing column(s) ${missing.join(', ')}` }],
    };
  }
  for (const { line, cells } of rows) {
    const at = (column: string) => `${file} row ${line} column ${column}`;
    const cell = (column: QuestionColumn, run: () => void) => {
      try {
        run();
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        problems.push({ location: at(column), message: error.message });
      }
    };
    for (const column of REQUIRED_COLUMNS) {
      if (!cells[column]) problems.push({ location: at(column), message: 'is empty' });
    }
    let answer: AnswerSpec | undefined;
    let scoring: ScoringRule | undefined;
    let weight = 1;
    let required = true;
    let knockout = false;
    let passLevel: number | undefined;
    cell('answer_type', () => (answer = parseAnswer(cells)));
    if (answer) cell('scoring', () => (scoring = parseScoring(cells.scoring ?? '', answer!)));
    cell('weight', () => (weight = number(cells.weight, scoring?.kind === 'none' ? 0 : 1)));
    cell('required', () => (required = flag(cells.required, true)));
    cell('knockout', () => (knockout = flag(cells.knockout, false)));
    cell(
      'pass_level',
      () => (passLevel = cells.pass_level ? number(cells.pass_level, 1) : undefined),
    );
    if (!answer || !scoring || !cells.family_id || !cells.question_id || !cells.question) continue;
    const controls: ControlMappings = Object.fromEntries(
      CONTROL_COLUMNS.filter(([column]) => cells[column]).map(([column, framework]) => [
        framework,
        list(cells[column]),
      ]),
    );
    const question: Question = {
      id: cells.question_id,
      text: cells.question,
      ...(cells.help ? { help: cells.help } : {}),
      answer,
      scoring,
      weight,
      required,
      ...(knockout ? { knockout } : {}),
      ...(knockout && cells.knockout_reason ? { knockoutReason: cells.knockout_reason } : {}),
      ...(passLevel !== undefined ? { passLevel } : {}),
      ...(cells.visible_when ? { visibleWhen: cells.visible_when } : {}),
      ...(cells.evidence ? { evidence: list(cells.evidence) } : {}),
      ...(Object.keys(controls).length > 0 ? { controls } : {}),
    };
    origins.set(question.id, `${file} row ${line}`);
    let family = families.find((f) => f.id === cells.family_id);
    if (!family) {
      family = {
        id: cells.family_id,
        title: cells.family_title,
        guidance:
          cells.family_guidance || `Questions on ${cells.family_title} imported from ${file}.`,
        questions: [],
      };
      families.push(family);
    }
    family.questions.push(question);
  }
  return { families, origins, problems };
}
