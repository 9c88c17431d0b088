import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ExpressionError, parseExpression, referencedQuestions } from '../expressions/index.js';
import type { ControlCatalog } from './control-catalog.js';
import {
  BUILT_IN_QUESTION_ID,
  checkEveryTier,
  checkExclusiveOptions,
  checkFollowUp,
  checkGrades,
  checkKnockoutThreshold,
  checkNotApplicablePolicy,
  isLegacyBuiltIn,
} from './integrity-rules.js';
import { FRAMEWORKS, type Question, type QuestionnaireTemplate } from './template.types.js';

export interface TemplateProblem {
  /** Where in the document, e.g. `families[2].questions[0].scoring`. */
  readonly path: string;
  readonly message: string;
}

type Check = (problem: (path: string, message: string) => void) => void;

/** Compiles `questionnaires/questionnaire.schema.json` once per directory. */
export function schemaValidator(questionnairesDir: string) {
  const schema = JSON.parse(
    readFileSync(join(questionnairesDir, 'questionnaire.schema.json'), 'utf8'),
  ) as object;
  return new Ajv2020({ allErrors: true, strict: true }).compile(schema);
}

function ajvPath(instancePath: string): string {
  return (
    instancePath
      .split('/')
      .slice(1)
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
      .join('')
      .replace(/^\./, '') || '(document)'
  );
}

export interface ValidationOptions {
  /** Every question maps to SP 800-53 and CSF 2.0 (built-ins). */
  readonly requireMappings?: boolean;
  /**
   * A built-in template: ids in `ABC-01` form and, except for the immutable legacy 1.0.0
   * versions, knockouts that pass only at a best answer worth 1.
   */
  readonly builtIn?: boolean;
}

/**
 * Every rule of a template version: the JSON Schema, then what a schema cannot say (unique ids,
 * valid conditions that only look back, known control ids, scoring rules that fit their answers,
 * the not-applicable policy, exclusive options, follow-ups, review grades, knockout thresholds).
 */
export function validateTemplate(
  document: unknown,
  validateSchema: ReturnType<typeof schemaValidator>,
  controls: ControlCatalog,
  options: ValidationOptions = {},
): TemplateProblem[] {
  if (!validateSchema(document)) {
    return (validateSchema.errors ?? []).map((error) => ({
      path: ajvPath(error.instancePath),
      message: `${error.message ?? 'is invalid'}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}`,
    }));
  }
  const template = document as QuestionnaireTemplate;
  const problems: TemplateProblem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });
  const familyIds = new Set<string>();
  const seen = new Map<string, Question>();
  const knockoutRules = options.builtIn === true && !isLegacyBuiltIn(template);
  template.families.forEach((family, f) => {
    if (familyIds.has(family.id)) report(`families[${f}].id`, `duplicate family id "${family.id}"`);
    familyIds.add(family.id);
    family.questions.forEach((question, q) => {
      const at = `families[${f}].questions[${q}]`;
      if (seen.has(question.id)) report(`${at}.id`, `duplicate question id "${question.id}"`);
      const reportHere = (path: string, message: string) => report(`${at}${path}`, message);
      checkQuestion(question, seen, controls)(reportHere);
      if (options.builtIn && !BUILT_IN_QUESTION_ID.test(question.id)) {
        reportHere('.id', `a built-in question id reads like MFA-01, not "${question.id}"`);
      }
      if (knockoutRules) checkKnockoutThreshold(question, reportHere);
      if (options.requireMappings) {
        for (const framework of ['nist-800-53', 'csf-2.0'] as const) {
          if (!question.controls?.[framework]?.length) {
            report(
              `${at}.controls`,
              `a built-in question maps to at least one ${framework} control`,
            );
          }
        }
      }
      seen.set(question.id, question);
    });
  });
  return problems;
}

function checkQuestion(
  question: Question,
  earlier: ReadonlyMap<string, Question>,
  controls: ControlCatalog,
): Check {
  return (report) => {
    checkCondition(question, earlier, report);
    checkScoring(question, report);
    checkNotApplicablePolicy(question, report);
    checkExclusiveOptions(question, report);
    checkFollowUp(question, earlier, report);
    checkGrades(question, report);
    checkEveryTier(question, report);
    for (const framework of FRAMEWORKS) {
      for (const id of question.controls?.[framework] ?? []) {
        if (!controls.get(framework)?.has(id)) {
          report(`.controls.${framework}`, `unknown ${framework} control id "${id}"`);
        } else if (framework === 'iso-27001-2022' && !id.startsWith('A.')) {
          // Bare numbers are the standard's clauses (8.2 is risk assessment), not Annex A controls.
          report(`.controls.${framework}`, `"${id}" is a clause; map to Annex A controls (A.x.y)`);
        }
      }
    }
    if (question.knockout && !question.knockoutReason) {
      report('.knockoutReason', 'a knockout question needs a knockoutReason');
    }
    if (question.knockout && question.weight === 0) {
      report('.weight', 'a knockout question must be scored (weight above 0)');
    }
  };
}

function checkCondition(
  question: Question,
  earlier: ReadonlyMap<string, Question>,
  report: (p: string, m: string) => void,
): void {
  if (!question.visibleWhen) return;
  try {
    for (const id of referencedQuestions(parseExpression(question.visibleWhen))) {
      if (id === question.id) report('.visibleWhen', `refers to the question itself (${id})`);
      else if (!earlier.has(id)) {
        report(
          '.visibleWhen',
          `refers to ${id}, which is not an earlier question of this template`,
        );
      }
    }
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    report('.visibleWhen', error.message);
  }
}

function checkScoring(question: Question, report: (p: string, m: string) => void): void {
  const { answer, scoring } = question;
  const expect = (kinds: string[]) => {
    if (!kinds.includes(scoring.kind)) {
      report(
        '.scoring.kind',
        `a ${answer.type} answer is scored with ${kinds.join(' or ')}, not ${scoring.kind}`,
      );
      return false;
    }
    return true;
  };
  if ((scoring.kind === 'none') !== (question.weight === 0)) {
    report('.weight', 'weight 0 goes with scoring kind none, and only with it');
  }
  switch (answer.type) {
    case 'yes_no':
      if (expect(['choice', 'none']) && scoring.kind === 'choice') {
        const keys = Object.keys(scoring.values);
        const unknown = keys.filter((k) => !['yes', 'partial', 'no'].includes(k));
        if (unknown.length)
          report(
            '.scoring.values',
            `yes_no answers are yes, partial and no; not ${unknown.join(', ')}`,
          );
        for (const needed of ['yes', 'no']) {
          if (!keys.includes(needed)) report('.scoring.values', `missing a value for "${needed}"`);
        }
      }
      return;
    case 'single_choice':
    case 'multiple_choice': {
      const optionValues = answer.options.map((o) => o.value);
      if (new Set(optionValues).size !== optionValues.length)
        report('.answer.options', 'option values must be unique');
      if (!expect([answer.type === 'single_choice' ? 'choice' : 'sum', 'none'])) return;
      if (scoring.kind !== 'choice' && scoring.kind !== 'sum') return;
      const keys = Object.keys(scoring.values);
      const missing = optionValues.filter((v) => !keys.includes(v));
      const extra = keys.filter((k) => !optionValues.includes(k));
      if (missing.length)
        report('.scoring.values', `missing a value for option(s) ${missing.join(', ')}`);
      if (extra.length)
        report('.scoring.values', `values for unknown option(s) ${extra.join(', ')}`);
      return;
    }
    case 'number':
    case 'percentage':
    case 'date':
      if (expect(['threshold', 'none']) && scoring.kind === 'threshold') {
        const bounds = scoring.steps.map((s) => s.bound);
        const ordered = bounds.every((b, i) =>
          i === 0 ? true : scoring.direction === 'at_least' ? b < bounds[i - 1] : b > bounds[i - 1],
        );
        if (!ordered) {
          report(
            '.scoring.steps',
            scoring.direction === 'at_least'
              ? 'at_least steps go from the highest bound down'
              : 'at_most steps go from the lowest bound up',
          );
        }
        if (answer.type === 'percentage' && bounds.some((b) => b < 0 || b > 100)) {
          report('.scoring.steps', 'percentage bounds lie between 0 and 100');
        }
      }
      return;
    case 'text':
    case 'evidence':
      expect(['provided', 'none']);
      return;
  }
}
