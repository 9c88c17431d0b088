import type { AnswerSpec, Question, ScoringRule } from '../templates/template.types.js';
import type { ImportProblem } from './import.errors.js';
import type { ImportedFamily, RowsResult } from './question-rows.js';

/** A VSAQ item (Google's open-source Vendor Security Assessment Questionnaire format). */
interface VsaqItem {
  type?: unknown;
  id?: unknown;
  text?: unknown;
  cond?: unknown;
  items?: unknown;
  choices?: unknown;
}

/** How a VSAQ id reads in a condition: a yes/no item, a checkbox of a group, or a radio choice. */
type VsaqSymbol =
  | { kind: 'yesno'; questionId: string }
  | { kind: 'checkbox'; questionId: string; value: string }
  | { kind: 'choice'; questionId: string; value: string }
  | { kind: 'answered'; questionId: string };

const MAX_ITEMS = 2_000;
const optionValue = (id: string) =>
  id
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .slice(0, 40) || 'option';

/**
 * Converts a VSAQ questionnaire (`{ questionnaire: [blocks] }`): top-level blocks become families,
 * yesno → yes_no, radiogroup → single_choice, checkgroup → multiple_choice, line/box → text,
 * upload → evidence; info and tip items are skipped. `cond` expressions (ids with `!`, `&&`, `||`,
 * parentheses) become Cascade conditions. Ids are renumbered VSQ-001, VSQ-002, ...
 */
export function vsaqToFamilies(file: string, document: unknown): RowsResult {
  const problems: ImportProblem[] = [];
  const families: ImportedFamily[] = [];
  const origins = new Map<string, string>();
  const symbols = new Map<string, VsaqSymbol>();
  const blocks = (document as { questionnaire?: unknown } | null)?.questionnaire;
  if (!Array.isArray(blocks)) {
    return {
      families,
      origins,
      problems: [{ location: `${file} $`, message: 'expected { "questionnaire": [ ... ] }' }],
    };
  }
  let counter = 0;
  let questionNumber = 0;
  const pending: { question: Question; cond: string; path: string }[] = [];

  const visit = (item: VsaqItem, path: string, family: ImportedFamily) => {
    if (++counter > MAX_ITEMS) throw new Error('too many items');
    const type = typeof item.type === 'string' ? item.type : '';
    const text = typeof item.text === 'string' ? item.text.replace(/<[^>]*>/g, '').trim() : '';
    if (type === 'block') {
      (Array.isArray(item.items) ? (item.items as VsaqItem[]) : []).forEach((child, i) =>
        visit(child, `${path}.items[${i}]`, family),
      );
      return;
    }
    if (type === 'info' || type === 'tip' || type === 'spacer') return;
    const vsaqId = typeof item.id === 'string' ? item.id : '';
    if (!vsaqId) {
      problems.push({
        location: `${file} ${path}`,
        message: `a ${type || 'untyped'} item has no id`,
      });
      return;
    }
    const questionId = `VSQ-${String(++questionNumber).padStart(3, '0')}`;
    let answer: AnswerSpec;
    let scoring: ScoringRule;
    switch (type) {
      case 'yesno':
        answer = { type: 'yes_no' };
        scoring = { kind: 'choice', values: { yes: 1, partial: 0.5, no: 0 } };
        symbols.set(vsaqId, { kind: 'yesno', questionId });
        break;
      case 'radiogroup': {
        const choices = (Array.isArray(item.choices) ? item.choices : []) as Record<
          string,
          string
        >[];
        const options = choices.flatMap((choice) =>
          Object.entries(choice).map(([id, label]) => ({
            id,
            value: optionValue(id),
            label: String(label),
          })),
        );
        answer = {
          type: 'single_choice',
          options: options.map(({ value, label }) => ({ value, label })),
        };
        scoring = { kind: 'none' };
        options.forEach((o) => symbols.set(o.id, { kind: 'choice', questionId, value: o.value }));
        symbols.set(vsaqId, { kind: 'answered', questionId });
        break;
      }
      case 'checkgroup': {
        const boxes = (Array.isArray(item.items) ? item.items : []) as VsaqItem[];
        const options = boxes.map((box) => {
          const id = typeof box.id === 'string' ? box.id : '';
          return {
            id,
            value: optionValue(id),
            label: typeof box.text === 'string' ? box.text : id,
          };
        });
        answer = {
          type: 'multiple_choice',
          options: options.map(({ value, label }) => ({ value, label })),
        };
        scoring = { kind: 'none' };
        options.forEach((o) => symbols.set(o.id, { kind: 'checkbox', questionId, value: o.value }));
        symbols.set(vsaqId, { kind: 'answered', questionId });
        break;
      }
      case 'line':
      case 'box':
        answer = { type: 'text' };
        scoring = { kind: 'none' };
        symbols.set(vsaqId, { kind: 'answered', questionId });
        break;
      case 'upload':
        answer = { type: 'evidence' };
        scoring = { kind: 'provided' };
        symbols.set(vsaqId, { kind: 'answered', questionId });
        break;
      default:
        problems.push({ location: `${file} ${path}`, message: `unsupported item type "${type}"` });
        return;
    }
    const question: Question = {
      id: questionId,
      text: text || vsaqId,
      answer,
      scoring,
      weight: scoring.kind === 'none' ? 0 : 1,
      required: false,
    };
    family.questions.push(question);
    origins.set(questionId, `${file} ${path}`);
    if (typeof item.cond === 'string' && item.cond.trim())
      pending.push({ question, cond: item.cond, path });
  };

  try {
    blocks.forEach((block: VsaqItem, index) => {
      const path = `$.questionnaire[${index}]`;
      const title =
        typeof block.text === 'string' && block.text.trim()
          ? block.text.replace(/<[^>]*>/g, '').trim()
          : `Section ${index + 1}`;
      const family: ImportedFamily = {
        id: `section-${index + 1}`,
        title: title.slice(0, 200),
        guidance: `Questions of "${title.slice(0, 150)}" imported from ${file}.`,
        questions: [],
      };
      families.push(family);
      if (block.type === 'block') visit(block, path, family);
      else
        problems.push({ location: `${file} ${path}`, message: 'top-level items must be blocks' });
    });
  } catch {
    return {
      families: [],
      origins,
      problems: [{ location: file, message: `at most ${MAX_ITEMS} items can be imported` }],
    };
  }
  for (const { question, cond, path } of pending) {
    try {
      Object.assign(question, { visibleWhen: translateCondition(cond, symbols) });
    } catch (error) {
      problems.push({ location: `${file} ${path}.cond`, message: (error as Error).message });
    }
  }
  return { families: families.filter((f) => f.questions.length > 0), origins, problems };
}

/** `a && !(b || c)` over VSAQ ids → `(answer('VSQ-001') == 'yes') and not (...)`. */
function translateCondition(cond: string, symbols: Map<string, VsaqSymbol>): string {
  if (cond.length > 400) throw new Error('the condition is too long');
  const tokens = cond.match(/&&|\|\||!|\(|\)|[A-Za-z0-9_.-]+|\S/g) ?? [];
  return tokens
    .map((token) => {
      if (token === '&&') return 'and';
      if (token === '||') return 'or';
      if (token === '!') return 'not';
      if (token === '(' || token === ')') return token;
      const symbol = symbols.get(token);
      if (!symbol)
        throw new Error(`the condition refers to "${token}", which is not an item of this file`);
      switch (symbol.kind) {
        case 'yesno':
          return `(answer('${symbol.questionId}') == 'yes')`;
        case 'choice':
          return `(answer('${symbol.questionId}') == '${symbol.value}')`;
        case 'checkbox':
          return `includes(answer('${symbol.questionId}'), '${symbol.value}')`;
        case 'answered':
          return `answered('${symbol.questionId}')`;
      }
    })
    .join(' ');
}
