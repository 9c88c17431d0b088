import {
  allowsNotApplicable,
  type Question,
  type QuestionnaireTemplate,
  reviewGrades,
} from './template.types.js';

type Report = (path: string, message: string) => void;

/**
 * The published 1.0.0 built-ins: immutable, so exempt from the rules added after them (knockout
 * thresholds). Their next versions follow every rule.
 */
export const LEGACY_BUILT_INS: ReadonlySet<string> = new Set([
  'msp-advisory@1.0.0',
  'msp-contract-checklist@1.0.0',
]);

export const isLegacyBuiltIn = (template: Pick<QuestionnaireTemplate, 'key' | 'version'>) =>
  LEGACY_BUILT_INS.has(`${template.key}@${template.version}`);

/** Built-in question ids read like `MFA-01`: a family prefix and a number. */
export const BUILT_IN_QUESTION_ID = /^[A-Z]{2,5}-\d{2,3}$/;

/**
 * Not applicable is a claim: a knockout allows it only when the template says why, and a reason
 * on a question that does not allow it says nothing true.
 */
export function checkNotApplicablePolicy(question: Question, report: Report): void {
  const allowed = allowsNotApplicable(question);
  if (question.knockout && question.allowNotApplicable && !question.notApplicableReason?.trim()) {
    report(
      '.notApplicableReason',
      'a knockout that allows not applicable must say why (notApplicableReason)',
    );
  }
  if (question.notApplicableReason !== undefined && !allowed) {
    report(
      '.notApplicableReason',
      'this question does not allow not applicable, so it needs no reason',
    );
  }
}

/**
 * An exclusive option ("none of these") belongs to a multiple_choice question and is worth 0: it
 * says none of the listed measures is in place.
 */
export function checkExclusiveOptions(question: Question, report: Report): void {
  const { answer, scoring } = question;
  if (answer.type !== 'single_choice' && answer.type !== 'multiple_choice') return;
  answer.options.forEach((option, index) => {
    if (!option.exclusive) return;
    if (answer.type !== 'multiple_choice') {
      report(
        `.answer.options[${index}].exclusive`,
        'only a multiple_choice option can be exclusive (a single choice already excludes the rest)',
      );
    } else if (scoring.kind === 'sum' && (scoring.values[option.value] ?? 0) !== 0) {
      report(
        `.scoring.values.${option.value}`,
        `the exclusive option "${option.value}" says none of the others applies, so it is worth 0`,
      );
    }
  });
}

/** A follow-up names an earlier, scored question: its value is capped at that one's. */
export function checkFollowUp(
  question: Question,
  earlier: ReadonlyMap<string, Question>,
  report: Report,
): void {
  if (question.followsUp === undefined) return;
  const followed = earlier.get(question.followsUp);
  if (question.followsUp === question.id) {
    report('.followsUp', 'a question cannot follow itself up');
  } else if (!followed) {
    report(
      '.followsUp',
      `follows up ${question.followsUp}, which is not an earlier question of this template`,
    );
  } else if (followed.scoring.kind === 'none' || !(followed.weight > 0)) {
    report(
      '.followsUp',
      `follows up ${question.followsUp}, which is not scored, so there is no value to cap at`,
    );
  }
}

/** A reviewer's grades: distinct values that run from 0 (not met) to 1 (met). */
export function checkGrades(question: Question, report: Report): void {
  const { scoring } = question;
  if (scoring.kind !== 'provided' || scoring.grades === undefined) return;
  const values = scoring.grades.map((grade) => grade.value);
  if (new Set(values).size !== values.length) {
    report('.scoring.grades', 'grade values must be unique');
  }
  for (const needed of [0, 1]) {
    if (!values.includes(needed)) {
      report(
        '.scoring.grades',
        `the grades must include ${needed} (${needed ? 'met' : 'not met'})`,
      );
    }
  }
}

/**
 * A knockout passes only at its best answer, and that answer reaches 1: a knockout met "halfway"
 * is not met. (Built-ins other than the legacy ones.)
 */
export function checkKnockoutThreshold(question: Question, report: Report): void {
  if (!question.knockout) return;
  if (question.passLevel !== undefined && question.passLevel < 1) {
    report(
      '.passLevel',
      `a knockout passes only at its best answer: passLevel ${question.passLevel} lets a partial answer pass`,
    );
  }
  const best = bestCompliance(question);
  if (best !== null && best < 1) {
    report('.scoring', `the best answer to a knockout must score 1; here it scores ${best}`);
  }
}

/** The everyTier flag cannot take a knockout out of a tier: knockouts are asked of every tier. */
export function checkEveryTier(question: Question, report: Report): void {
  if (question.knockout && question.everyTier === false) {
    report('.everyTier', 'a knockout is asked of every tier; everyTier: false contradicts it');
  }
}

/** The highest compliance value any answer can earn under the rule; null when never scored. */
export function bestCompliance(question: Question): number | null {
  const { answer, scoring } = question;
  switch (scoring.kind) {
    case 'choice':
      return Math.max(0, ...Object.values(scoring.values));
    case 'sum': {
      const exclusive = new Set(
        answer.type === 'multiple_choice'
          ? answer.options.filter((o) => o.exclusive).map((o) => o.value)
          : [],
      );
      const together = Object.entries(scoring.values)
        .filter(([option, value]) => !exclusive.has(option) && value > 0)
        .reduce((sum, [, value]) => sum + value, 0);
      const alone = [...exclusive].map((option) => scoring.values[option] ?? 0);
      return Math.min(1, Math.round(Math.max(together, ...alone) * 1e9) / 1e9);
    }
    case 'threshold':
      return Math.max(scoring.otherwise, ...scoring.steps.map((step) => step.value));
    case 'provided':
      return Math.max(...reviewGrades(scoring).map((grade) => grade.value));
    case 'none':
      return null;
  }
}
