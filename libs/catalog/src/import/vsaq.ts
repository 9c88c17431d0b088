import { createHash } from 'node:crypto';
import {
  type AnswerSpec,
  type Question,
  QUESTION_ID_PATTERN,
  type ScoringRule,
} from '../templates/template.types.js';
import { htmlToLine, htmlToText, shorten } from './html-text.js';
import type { ImportProblem } from './import.errors.js';
import type { ImportedFamily, RowsResult } from './question-rows.js';
import { parseVsaqCondition, type VsaqCondition, VsaqConditionError } from './vsaq-condition.js';

type Item = Readonly<Record<string, unknown>>;
type Draft = { -readonly [K in keyof Question]: Question[K] };

/** The VSAQ item types a respondent answers; everything else is structure or advice. */
export const VSAQ_ANSWERABLE_TYPES = [
  'yesno',
  'radiogroup',
  'checkgroup',
  'checkbox',
  'line',
  'box',
  'upload',
] as const;
const STRUCTURE_TYPES = ['block', 'info', 'tip', 'spacer'];

/** Warning tips raise the weight of the question they warn about, by their severity. */
const SEVERITY_WEIGHT: Record<string, number> = { critical: 5, high: 3, medium: 2, low: 1 };
const MAX_ITEMS = 3_000;
const MAX_FAMILY_QUESTIONS = 100;
/** The VSAQ key each template field of a question comes from. */
const VSAQ_KEYS: Record<string, string> = { visibleWhen: 'cond', answer: 'choices', help: 'tip' };

interface ItemNode {
  readonly path: string;
  readonly item: Item;
  readonly type: string;
  readonly parent: ItemNode | null;
  readonly cond: VsaqCondition | null;
  readonly family: ImportedFamily;
  /** Position in document order. */
  readonly order: number;
  question?: Draft;
  /** Option value of each choice id, for radiogroups and checkgroups. */
  options?: Map<string, string>;
}

/** What an id in a condition names: an item, or one choice of a group. */
type VsaqSymbol = { node: ItemNode; option?: string };

/** A Cascade condition under construction; `compare` needs parentheses under `not`. */
type Out =
  | { kind: 'true' }
  | { kind: 'false' }
  | { kind: 'atom' | 'compare' | 'and' | 'or' | 'not'; text: string };

const TRUE: Out = { kind: 'true' };
const FALSE: Out = { kind: 'false' };

/** Conjunctions are flattened and repeated parts dropped (a block's condition read twice). */
function and(left: Out, right: Out): Out {
  if (left.kind === 'true') return right;
  if (right.kind === 'true') return left;
  if (left.kind === 'false' || right.kind === 'false') return FALSE;
  const parts = [...new Set([...conjuncts(left), ...conjuncts(right)])];
  return parts.length === 1 ? left : { kind: 'and', text: parts.join(' and ') };
}

function conjuncts(out: Out): string[] {
  if (out.kind !== 'and') return [group(out, 'and')];
  return splitTopLevel(out.text, ' and ');
}

/** Splits at `separator` outside parentheses and quotes. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "'") quoted = !quoted;
    else if (!quoted && char === '(') depth++;
    else if (!quoted && char === ')') depth--;
    else if (!quoted && depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function or(left: Out, right: Out): Out {
  if (left.kind === 'false') return right;
  if (right.kind === 'false') return left;
  if (left.kind === 'true' || right.kind === 'true') return TRUE;
  return { kind: 'or', text: `${group(left, 'or')} or ${group(right, 'or')}` };
}

function not(operand: Out): Out {
  if (operand.kind === 'true') return FALSE;
  if (operand.kind === 'false') return TRUE;
  return {
    kind: 'not',
    text: `not ${operand.kind === 'atom' ? operand.text : `(${operand.text})`}`,
  };
}

function group(out: Out, inside: 'and' | 'or'): string {
  if (out.kind === 'true' || out.kind === 'false') return out.kind;
  if (out.kind === 'atom' || out.kind === 'compare' || out.kind === 'not') return out.text;
  return (out.kind === 'and' || out.kind === 'or') && out.kind !== inside
    ? `(${out.text})`
    : out.text;
}

function render(out: Out): string | undefined {
  if (out.kind === 'true') return undefined;
  if (out.kind === 'false') return 'false';
  return out.text;
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 6);

/** An id that fits `pattern` within `max` characters; long ones keep a hash of the whole. */
function fitId(raw: string, pattern: RegExp, max: number, clean: (s: string) => string): string {
  const cleaned = clean(raw);
  if (pattern.test(cleaned)) return cleaned;
  return `${cleaned.slice(0, max - 7)}-${hash(raw)}`.replace(/^[^A-Za-z]+/, 'q');
}

function commonPrefix(ids: string[]): string {
  if (ids.length === 0) return '';
  let prefix = ids[0];
  for (const id of ids) while (!id.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix.slice(0, prefix.lastIndexOf('_') + 1);
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * Converts a VSAQ questionnaire (`{ questionnaire: [root block] }`, Google's Vendor Security
 * Assessment Questionnaire) into families and questions. The root block's sections become
 * families; every answerable item a question that keeps its VSAQ id (groups without one get an
 * id derived from their choices); block conditions are carried onto every question inside; tips
 * and info become help and guidance. See docs/questionnaire-import.md.
 */
export function vsaqToFamilies(file: string, document: unknown): RowsResult {
  const problems: ImportProblem[] = [];
  const families: ImportedFamily[] = [];
  const origins = new Map<string, string>();
  const roots = (document as { questionnaire?: unknown } | null)?.questionnaire;
  if (!Array.isArray(roots)) {
    return {
      families,
      origins,
      problems: [
        { location: `${file} (top level)`, message: 'expected { "questionnaire": [ ... ] }' },
      ],
    };
  }
  const at = (node: { path: string; item: Item }) =>
    `${file} ${node.path}${typeof node.item.id === 'string' ? ` (id ${node.item.id})` : ''}`;
  const symbols = new Map<string, VsaqSymbol>();
  const questionNodes: ItemNode[] = [];
  const tips: ItemNode[] = [];
  const takenIds = new Set<string>();
  let itemCount = 0;

  const register = (id: string, symbol: VsaqSymbol) => {
    if (symbols.has(id))
      problems.push({ location: at(symbol.node), message: `the id "${id}" is used twice` });
    else symbols.set(id, symbol);
  };
  const uniqueQuestionId = (wanted: string) => {
    let id = wanted;
    for (let n = 2; takenIds.has(id); n++) id = `${wanted.slice(0, 36)}-${n}`;
    takenIds.add(id);
    return id;
  };

  const visit = (item: Item, path: string, parent: ItemNode | null, family: ImportedFamily) => {
    if (++itemCount > MAX_ITEMS) throw new RangeError();
    const type = text(item.type);
    let cond: VsaqCondition | null = null;
    try {
      cond = typeof item.cond === 'string' ? parseVsaqCondition(item.cond) : null;
    } catch (error) {
      if (!(error instanceof VsaqConditionError)) throw error;
      problems.push({ location: `${at({ path, item })} cond`, message: error.message });
    }
    const node: ItemNode = { path, item, type, parent, cond, family, order: itemCount };
    // Admin-only and invisible items are never shown to the respondent.
    if (item.auth === 'admin' || item.className === 'vsaq-invisible') return;
    if (typeof item.id === 'string' && item.id) register(item.id, { node });
    if (type === 'block') {
      (Array.isArray(item.items) ? (item.items as Item[]) : []).forEach((child, i) =>
        visit(child, `${path}.items[${i}]`, node, family),
      );
      return;
    }
    if (type === 'tip') tips.push(node);
    if (type === 'info' && item.text) family.guidance += `\n\n${htmlToText(text(item.text))}`;
    if (STRUCTURE_TYPES.includes(type)) return;
    if (!(VSAQ_ANSWERABLE_TYPES as readonly string[]).includes(type)) {
      problems.push({
        location: at(node),
        message: `"${type || 'no type'}" is not a VSAQ item type this import knows (${[...VSAQ_ANSWERABLE_TYPES, ...STRUCTURE_TYPES].join(', ')})`,
      });
      return;
    }
    const question = questionFor(node, at, problems, uniqueQuestionId);
    if (!question) return;
    node.question = question;
    node.options?.forEach((_value, optionId) => register(optionId, { node, option: optionId }));
    questionNodes.push(node);
    origins.set(question.id, at(node));
  };

  try {
    for (const [title, items, id] of sections(roots)) {
      const family: ImportedFamily = {
        id: familyId(id || title, families),
        title: shorten(title, 200),
        guidance: `Questions of "${shorten(title, 150)}" imported from ${file}.`,
        questions: [],
      };
      families.push(family);
      items.forEach(([item, itemPath]) => visit(item, itemPath, null, family));
    }
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return {
      families: [],
      origins,
      problems: [{ location: file, message: `at most ${MAX_ITEMS} items can be imported` }],
    };
  }

  const conditions = new ConditionTranslator(symbols, file);
  for (const node of questionNodes) {
    conditions.failedAt = undefined;
    try {
      const visibleWhen = render(conditions.visibility(node));
      if (visibleWhen) node.question!.visibleWhen = visibleWhen;
    } catch (error) {
      if (!(error instanceof VsaqConditionError)) throw error;
      problems.push({
        location: `${at(conditions.failedAt ?? node)} cond`,
        message: error.message,
      });
    }
  }
  applyTips(tips, symbols, questionNodes);
  for (const node of questionNodes) node.family.questions.push(node.question!);
  const columnOf = (field: string) => {
    const name = field.split('.')[0];
    return `"${VSAQ_KEYS[name] ?? name}"`;
  };
  return { families: splitLargeFamilies(families), origins, problems, columnOf };
}

/**
 * The sections of a questionnaire: VSAQ files hold one root block whose blocks are the
 * sections; items directly under the root form a "General" section.
 */
function sections(roots: unknown[]): [string, [Item, string][], string][] {
  const asItem = (value: unknown): Item =>
    value && typeof value === 'object' ? (value as Item) : {};
  const single = roots.length === 1 ? asItem(roots[0]) : null;
  const top: [Item, string][] =
    single && single.type === 'block' && Array.isArray(single.items)
      ? (single.items as unknown[]).map((child, i) => [
          asItem(child),
          `$.questionnaire[0].items[${i}]`,
        ])
      : roots.map((root, i) => [asItem(root), `$.questionnaire[${i}]`]);
  const result: [string, [Item, string][], string][] = [];
  const loose: [Item, string][] = [];
  for (const [item, path] of top) {
    if (item.type === 'block') {
      const title = htmlToLine(text(item.text)) || `Section ${result.length + 1}`;
      result.push([title.length >= 3 ? title : `Section ${title}`, [[item, path]], text(item.id)]);
    } else loose.push([item, path]);
  }
  if (loose.length > 0) {
    const rootTitle = single ? htmlToLine(text(single.text)) : '';
    result.unshift([rootTitle.length >= 3 ? rootTitle : 'General', loose, 'general']);
  }
  return result;
}

function familyId(source: string, families: ImportedFamily[]): string {
  const base =
    source
      .toLowerCase()
      .replace(/^block_/, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^[^a-z]+|-+$/g, '')
      .slice(0, 50) || 'section';
  const padded = base.length < 2 ? `${base}-section` : base;
  let id = padded;
  for (let n = 2; families.some((f) => f.id === id); n++) id = `${padded}-${n}`;
  return id;
}

/** The question for one answerable item, or undefined (with a problem) when it cannot be one. */
function questionFor(
  node: ItemNode,
  at: (node: ItemNode) => string,
  problems: ImportProblem[],
  uniqueQuestionId: (wanted: string) => string,
): Draft | undefined {
  const { item, type } = node;
  const fullText = htmlToLine(text(item.text));
  const help: string[] = [];
  let answer: AnswerSpec;
  let scoring: ScoringRule = { kind: 'none' };
  let idSource = text(item.id);
  switch (type) {
    case 'yesno':
      answer = { type: 'yes_no' };
      scoring = { kind: 'choice', values: { yes: 1, partial: 0.5, no: 0 } };
      break;
    case 'checkbox':
      answer = { type: 'yes_no' };
      scoring = { kind: 'choice', values: { yes: 1, partial: 0.5, no: 0 } };
      break;
    case 'radiogroup':
    case 'checkgroup': {
      const choices = groupChoices(item);
      if (choices.length < 2 || choices.length > 30) {
        problems.push({
          location: at(node),
          message: `a ${type} needs between 2 and 30 choices, this one has ${choices.length}`,
        });
        return undefined;
      }
      const prefix = commonPrefix(choices.map(([id]) => id));
      idSource ||=
        prefix.replace(/_+$/, '') || `${text(node.parent?.item.id) || node.family.id}_group`;
      node.options = new Map();
      const values = new Set<string>();
      const options = choices.map(([id, label]) => {
        let value = fitId(id.slice(prefix.length) || id, /^[a-z0-9_]{1,40}$/, 40, (s) =>
          s.toLowerCase().replace(/[^a-z0-9_]+/g, '_'),
        );
        if (values.has(value)) value = `${value.slice(0, 33)}_${hash(id)}`;
        values.add(value);
        node.options!.set(id, value);
        const line = htmlToLine(label) || id;
        if (line.length > 200) help.push(`"${shorten(line, 60)}" in full: ${line}`);
        return { value, label: shorten(line, 200) };
      });
      answer = { type: type === 'radiogroup' ? 'single_choice' : 'multiple_choice', options };
      break;
    }
    case 'line':
    case 'box':
      answer = { type: 'text' };
      break;
    default:
      answer = { type: 'evidence' };
      scoring = { kind: 'provided' };
  }
  if (!idSource) {
    problems.push({ location: at(node), message: `a ${type} item needs an id` });
    return undefined;
  }
  const blockTitle = htmlToLine(text(node.parent?.item.text));
  let question =
    fullText.length >= 10
      ? fullText
      : `${blockTitle || node.family.title}: ${fullText || idSource}`;
  if (question.length > 1000) {
    help.unshift(`Question in full: ${question}`);
    question = shorten(question, 1000);
  }
  return {
    id: uniqueQuestionId(
      fitId(idSource, QUESTION_ID_PATTERN, 40, (s) => s.replace(/[^A-Za-z0-9._-]+/g, '_')),
    ),
    text: question.length >= 10 ? question : `${question} (${idSource})`,
    ...(help.length > 0 ? { help: shorten(help.join('\n\n'), 2000) } : {}),
    answer,
    scoring,
    weight: scoring.kind === 'none' ? 0 : 1,
    required: item.required === true,
  };
}

/** `choices: [{ id: label }]` (current format) or `items: [{ type: radio|checkbox, id, text }]`. */
function groupChoices(item: Item): [string, string][] {
  if (Array.isArray(item.choices)) {
    return (item.choices as unknown[]).flatMap((choice) =>
      choice && typeof choice === 'object'
        ? Object.entries(choice as Record<string, unknown>).map(([id, label]): [string, string] => [
            id,
            text(label),
          ])
        : [],
    );
  }
  if (Array.isArray(item.items)) {
    return (item.items as Item[])
      .filter((child) => typeof child?.id === 'string')
      .map((child) => [text(child.id), text(child.text)]);
  }
  return [];
}

/** Translates VSAQ conditions into Cascade conditions, with VSAQ's own semantics. */
class ConditionTranslator {
  private readonly visibilities = new Map<ItemNode, Out>();
  private readonly inProgress = new Set<ItemNode>();
  failedAt: ItemNode | undefined;

  constructor(
    private readonly symbols: Map<string, VsaqSymbol>,
    private readonly file: string,
  ) {}

  /** Shown when every enclosing block's condition and the item's own condition hold. */
  visibility(node: ItemNode): Out {
    const known = this.visibilities.get(node);
    if (known) return known;
    if (this.inProgress.has(node))
      throw new VsaqConditionError('the conditions refer to each other in a loop');
    this.inProgress.add(node);
    try {
      const parent = node.parent ? this.visibility(node.parent) : TRUE;
      const own = node.cond ? this.translate(node.cond, node) : TRUE;
      const result = and(parent, own);
      this.visibilities.set(node, result);
      return result;
    } catch (error) {
      this.failedAt ??= node;
      throw error;
    } finally {
      this.inProgress.delete(node);
    }
  }

  private translate(cond: VsaqCondition, owner: ItemNode): Out {
    switch (cond.kind) {
      case 'false':
        return FALSE;
      case 'not':
        return not(this.translate(cond.operand, owner));
      case 'and':
        return and(this.translate(cond.left, owner), this.translate(cond.right, owner));
      case 'or':
        return or(this.translate(cond.left, owner), this.translate(cond.right, owner));
      case 'call':
        throw new VsaqConditionError(
          `uses ${cond.name}(), a text test that Cascade conditions cannot express; replace it with a choice`,
        );
      case 'ref':
        return this.reference(cond, owner);
    }
  }

  private reference(cond: Extract<VsaqCondition, { kind: 'ref' }>, owner: ItemNode): Out {
    const symbol = this.symbols.get(cond.id);
    if (!symbol) {
      throw new VsaqConditionError(`refers to "${cond.id}", which is not an item of ${this.file}`);
    }
    const { node, option } = symbol;
    if (cond.visibility) return this.visibility(node);
    const question = node.question;
    if (!question) {
      if (node.type === 'block')
        throw new VsaqConditionError(
          `refers to the block "${cond.id}", which has no answer (VSAQ writes ^${cond.id} for "is shown")`,
        );
      // Tips and info carry no answer: VSAQ reads them as unchecked.
      return FALSE;
    }
    if (node === owner) throw new VsaqConditionError('the condition refers to its own item');
    const ref = `'${question.id}'`;
    if (option !== undefined) {
      const value = node.options!.get(option)!;
      return question.answer.type === 'multiple_choice'
        ? { kind: 'atom', text: `includes(answer(${ref}), '${value}')` }
        : { kind: 'compare', text: `answer(${ref}) == '${value}'` };
    }
    if (cond.suffix === 'value') return { kind: 'atom', text: `answered(${ref})` };
    switch (question.answer.type) {
      case 'yes_no':
        return {
          kind: 'compare',
          text: `answer(${ref}) == '${cond.suffix === 'no' ? 'no' : 'yes'}'`,
        };
      case 'single_choice':
      case 'multiple_choice':
        return { kind: 'atom', text: `answered(${ref})` };
      default:
        // A text or upload item is never "checked" in VSAQ; only id/value reads its content.
        return FALSE;
    }
  }
}

/**
 * Tips become help on the question they comment on (the one their condition names, else the
 * one before them). A warning tip whose condition picks choices of one radiogroup marks those
 * choices as failing and weights the question by the tip's severity.
 */
function applyTips(
  tips: ItemNode[],
  symbols: Map<string, VsaqSymbol>,
  questions: ItemNode[],
): void {
  for (const tip of tips) {
    const named = new Set(
      tip.cond ? referencedIds(tip.cond).map((id) => symbols.get(id)?.node) : [],
    );
    const before = questions
      .filter((q) => q.family === tip.family && q.order < tip.order)
      .reverse();
    const target = before.find((q) => named.has(q)) ?? before[0];
    const warn = tip.item.warn === 'yes' || tip.item.warn === true;
    const severity = text(tip.item.severity);
    const name = htmlToLine(text(tip.item.name));
    const heading = warn ? `Warning${severity ? ` (${severity})` : ''}` : 'Tip';
    const body = [
      name && `${name}.`,
      htmlToText(text(tip.item.text)),
      htmlToText(text(tip.item.why)),
    ]
      .filter(Boolean)
      .join(' ');
    const advice = `${heading}: ${body}`;
    if (!target?.question) {
      tip.family.guidance += `\n\n${advice}`;
      continue;
    }
    const question = target.question;
    question.help = shorten(question.help ? `${question.help}\n\n${advice}` : advice, 2000);
    const failing = warn && tip.cond ? failingChoices(tip.cond, symbols, target) : [];
    if (question.answer.type === 'single_choice' && failing.length > 0) {
      const previous = question.scoring.kind === 'choice' ? question.scoring.values : undefined;
      const values = Object.fromEntries(
        question.answer.options.map((o) => [
          o.value,
          failing.includes(o.value) ? 0 : (previous?.[o.value] ?? 1),
        ]),
      );
      question.scoring = { kind: 'choice', values };
      question.weight = Math.max(question.weight, SEVERITY_WEIGHT[severity] ?? 1);
    } else if (question.answer.type === 'yes_no' && failing.length > 0 && question.weight > 0) {
      question.weight = Math.max(question.weight, SEVERITY_WEIGHT[severity] ?? 1);
    }
  }
}

/** The choices of `target` a condition made only of `a || b || ...` picks; else none. */
function failingChoices(
  cond: VsaqCondition,
  symbols: Map<string, VsaqSymbol>,
  target: ItemNode,
): string[] {
  if (cond.kind === 'or') {
    const left = failingChoices(cond.left, symbols, target);
    const right = failingChoices(cond.right, symbols, target);
    return left.length > 0 && right.length > 0 ? [...left, ...right] : [];
  }
  if (cond.kind !== 'ref' || cond.visibility) return [];
  const symbol = symbols.get(cond.id);
  if (symbol?.node !== target) return [];
  if (symbol.option !== undefined) return [target.options!.get(symbol.option)!];
  return target.question?.answer.type === 'yes_no' ? [cond.suffix === 'no' ? 'no' : 'yes'] : [];
}

function referencedIds(cond: VsaqCondition): string[] {
  switch (cond.kind) {
    case 'ref':
      return cond.visibility ? [] : [cond.id];
    case 'not':
      return referencedIds(cond.operand);
    case 'and':
    case 'or':
      return [...referencedIds(cond.left), ...referencedIds(cond.right)];
    default:
      return [];
  }
}

/** A family holds at most 100 questions; larger sections continue in "(part 2)" and so on. */
function splitLargeFamilies(families: ImportedFamily[]): ImportedFamily[] {
  return families
    .flatMap((family) => {
      if (family.questions.length <= MAX_FAMILY_QUESTIONS)
        return family.questions.length > 0 ? [family] : [];
      const parts: ImportedFamily[] = [];
      for (let start = 0; start < family.questions.length; start += MAX_FAMILY_QUESTIONS) {
        const n = parts.length + 1;
        parts.push({
          ...family,
          id: n === 1 ? family.id : `${family.id.slice(0, 55)}-part-${n}`,
          title: n === 1 ? family.title : `${shorten(family.title, 185)} (part ${n})`,
          questions: family.questions.slice(start, start + MAX_FAMILY_QUESTIONS),
        });
      }
      return parts;
    })
    .map((family) => ({ ...family, guidance: shorten(family.guidance, 4000) }));
}
