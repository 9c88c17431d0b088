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
  'section_id',
  'section_title',
  'tags',
  'every_tier',
] as const;
export type QuestionColumn = (typeof QUESTION_COLUMNS)[number];

/** A family needs an id or a title (either makes the other); a question its id and text. */
const REQUIRED_COLUMNS: QuestionColumn[] = ['question_id', 'question'];

/** Values used when a row leaves the cell empty or the file has no such column. */
export interface QuestionDefaults {
  readonly answerType?: string;
  readonly weight?: number;
  readonly scoring?: string;
  readonly required?: boolean;
}

/** A column marking the rows of one level (ASVS `level1` with ✓): the level becomes a tag. */
export interface LevelColumn {
  readonly header: string;
  readonly tag: string;
  /** Questions of this level are asked of every criticality tier. */
  readonly everyTier?: boolean;
}

/** How to read a spreadsheet that has its own layout. */
export interface SheetLayout {
  /** Which of the file's headers holds each documented column. */
  readonly columnMapping?: Partial<Record<QuestionColumn, string>>;
  readonly defaults?: QuestionDefaults;
  readonly levelColumns?: readonly LevelColumn[];
}

/** The column each template field of a question is read from. */
const FIELD_COLUMNS: Record<string, QuestionColumn> = {
  id: 'question_id',
  text: 'question',
  answer: 'answer_type',
  knockoutReason: 'knockout_reason',
  passLevel: 'pass_level',
  visibleWhen: 'visible_when',
  everyTier: 'every_tier',
};

/** A level cell counts as marked unless empty or a plain "no". */
const UNMARKED = /^(|no|n|false|0|-|–|✗|✘)$/i;
const CHECK_MARK = /^(✓|✔|☑|x|yes|y|true|1)$/i;
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
  /** Rows or items deliberately left out (e.g. withdrawn requirements), by id. */
  readonly skipped?: string[];
  /** Where a template field was read from: a column header, a VSAQ key. */
  readonly columnOf?: (field: string) => string;
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

/** A family id in the template's form: `V1` → `v1`, `Access control` → `access-control`. */
function familyIdOf(cell: string): string {
  const slug = cell
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '')
    .slice(0, 62);
  return slug.length >= 2 ? slug : `family-${slug || 'x'}`.replace(/-$/, '');
}

/** `[text](https://…)` as written in Markdown cells → `text (https://…)`. */
const plainLinks = (cell: string) => cell.replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '$1 ($2)');

/**
 * Turns question rows into families and questions, listing every bad cell instead of stopping.
 * Chapter rows (family cells, no question) may sit between the question rows: the questions
 * below them belong to that chapter. Rows of a file with level columns that no level marks
 * (withdrawn requirements) are left out and listed in `skipped`.
 */
export function rowsToFamilies(
  file: string,
  rows: SheetRow[],
  layout: SheetLayout = {},
): RowsResult {
  const problems: ImportProblem[] = [];
  const families: ImportedFamily[] = [];
  const origins = new Map<string, string>();
  const skipped: string[] = [];
  const mapping = layout.columnMapping ?? {};
  const defaults = layout.defaults ?? {};
  const levels = layout.levelColumns ?? [];
  const headerOf = (column: string) => mapping[column as QuestionColumn] ?? column;
  const headers = new Set(rows.flatMap((row) => Object.keys(row.cells)));
  const missing = REQUIRED_COLUMNS.filter((column) => !headers.has(column));
  if (!headers.has('family_id') && !headers.has('family_title')) missing.unshift('family_id');
  if (!headers.has('answer_type') && !defaults.answerType) missing.push('answer_type');
  const missingLevels = levels.filter((level) => !headers.has(level.header));
  const absent = [...missing.map(headerOf), ...missingLevels.map((level) => level.header)];
  if (absent.length > 0) {
    return {
      families,
      origins,
      skipped,
      problems: [
        {
          location: file,
          message: `the header row has no column ${absent.map((h) => `"${h}"`).join(', ')}; map your own headers to these columns`,
        },
      ],
    };
  }
  let chapter: { id: string; title: string; guidance: string } | undefined;
  let section: { id: string; title: string } | undefined;
  for (const { line, cells } of rows) {
    const at = (column: string) => `${file} row ${line} column ${headerOf(column)}`;
    const cell = (column: QuestionColumn, run: () => void) => {
      try {
        run();
      } catch (error) {
        if (!(error instanceof CellError)) throw error;
        problems.push({ location: at(column), message: error.message });
      }
    };
    const familyCell = cells.family_id || cells.family_title;
    if (familyCell) {
      const id = familyIdOf(familyCell);
      if (chapter?.id !== id) {
        const title = cells.family_title || cells.family_id;
        chapter = {
          id,
          title: title.length >= 3 ? title : `Chapter ${title}`,
          guidance: cells.family_guidance || `Questions on ${title} imported from ${file}.`,
        };
        section = undefined;
      }
    }
    if (cells.section_id || cells.section_title)
      section = { id: cells.section_id ?? '', title: cells.section_title ?? '' };
    if (!cells.question_id && !cells.question) continue; // a chapter or section row, or blank
    if (!chapter) {
      problems.push({
        location: at('family_id'),
        message: 'this question has no family: fill the cell or put a chapter row above it',
      });
      continue;
    }
    for (const column of REQUIRED_COLUMNS) {
      if (!cells[column]) problems.push({ location: at(column), message: 'is empty' });
    }
    const marked = levels.filter((level) => !UNMARKED.test(cells[level.header]?.trim() ?? ''));
    if (levels.length > 0 && marked.length === 0) {
      skipped.push(cells.question_id || `row ${line}`);
      continue;
    }
    const answerCells = { ...cells, answer_type: cells.answer_type || defaults.answerType || '' };
    let answer: AnswerSpec | undefined;
    let scoring: ScoringRule | undefined;
    let weight = 1;
    let required = true;
    let knockout = false;
    let everyTier = false;
    let passLevel: number | undefined;
    cell('answer_type', () => (answer = parseAnswer(answerCells)));
    if (answer)
      cell(
        'scoring',
        () => (scoring = parseScoring(cells.scoring || defaults.scoring || '', answer!)),
      );
    cell(
      'weight',
      () => (weight = number(cells.weight, scoring?.kind === 'none' ? 0 : (defaults.weight ?? 1))),
    );
    cell('required', () => (required = flag(cells.required, defaults.required ?? true)));
    cell('knockout', () => (knockout = flag(cells.knockout, false)));
    cell('every_tier', () => (everyTier = flag(cells.every_tier, false)));
    cell(
      'pass_level',
      () => (passLevel = cells.pass_level ? number(cells.pass_level, 1) : undefined),
    );
    if (!answer || !scoring || !cells.question_id || !cells.question) continue;
    const controls: ControlMappings = Object.fromEntries(
      CONTROL_COLUMNS.filter(([column]) => cells[column]).map(([column, framework]) => [
        framework,
        list(cells[column]),
      ]),
    );
    const levelNotes = marked
      .filter((level) => !CHECK_MARK.test(cells[level.header].trim()))
      .map((level) => `${level.tag}: ${cells[level.header].trim()}`);
    const help = [
      section && `Section ${[section.id, section.title].filter(Boolean).join(' ')}.`,
      cells.help && plainLinks(cells.help),
      levelNotes.length > 0 && `Per level: ${levelNotes.join('; ')}.`,
    ].filter(Boolean);
    const tags = [
      ...new Set([
        ...list(cells.tags ?? ''),
        ...marked.map((level) => level.tag),
        ...(section?.id ? [section.id] : []),
      ]),
    ].map((tag) => tag.slice(0, 40));
    const question: Question = {
      id: cells.question_id,
      text: plainLinks(cells.question),
      ...(help.length > 0 ? { help: help.join('\n\n') } : {}),
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
      ...(everyTier || marked.some((level) => level.everyTier) ? { everyTier: true } : {}),
      ...(tags.length > 0 ? { tags } : {}),
    };
    origins.set(question.id, `${file} row ${line}`);
    let family = families.find((f) => f.id === chapter!.id);
    if (!family) {
      family = { ...chapter, questions: [] };
      families.push(family);
    }
    family.questions.push(question);
  }
  const columnOf = (field: string) => {
    const [name, framework] = field.split('.');
    const control = CONTROL_COLUMNS.find(([, f]) => f === framework)?.[0];
    return `column ${headerOf(name === 'controls' && control ? control : (FIELD_COLUMNS[name] ?? name))}`;
  };
  return { families, origins, problems, skipped, columnOf };
}
