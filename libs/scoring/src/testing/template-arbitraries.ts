import {
  type AnswerSpec,
  type ControlFamily,
  parseExpression,
  type Question,
  type QuestionnaireTemplate,
  referencedQuestions,
  type ScoringRule,
} from '@app/catalog';
import { addDays } from '@app/common';
import fc from 'fast-check';
import type { ScoringAnswer } from '../scoring.types.js';

/** Date answers are aged against this day in every generated case. */
export const AS_OF = '2026-06-30';

type AnswerType = AnswerSpec['type'];
const ANSWER_TYPES: readonly AnswerType[] = [
  'yes_no',
  'single_choice',
  'multiple_choice',
  'number',
  'percentage',
  'date',
  'text',
  'evidence',
];

const fraction = fc.double({ min: 0, max: 1, noNaN: true });

/** 0 (not scored), whole numbers, or reals; never subnormal, so w·v stays meaningful. */
export const weightArb = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 10 }),
  fc.double({ min: 0.001, max: 100, noNaN: true }),
);

const options = (count: number) => Array.from({ length: count }, (_, i) => `o${i + 1}`);

interface Draft {
  readonly answer: AnswerSpec;
  readonly scoring: ScoringRule;
}

/**
 * Threshold rules as a sensible template writes them: bounds from best to worst, values falling
 * with them, `otherwise` lowest. (The validator checks the bound order, not the values.)
 */
const thresholdArb = (boundArb: fc.Arbitrary<number>): fc.Arbitrary<ScoringRule> =>
  fc
    .record({
      direction: fc.constantFrom('at_least' as const, 'at_most' as const),
      bounds: fc.uniqueArray(boundArb, { minLength: 1, maxLength: 3 }),
      values: fc.array(fraction, { minLength: 3, maxLength: 3 }),
      otherwiseShare: fraction,
    })
    .map(({ direction, bounds, values, otherwiseShare }) => {
      const sortedBounds = [...bounds].sort((a, b) => (direction === 'at_least' ? b - a : a - b));
      const sortedValues = [...values].sort((a, b) => b - a).slice(0, sortedBounds.length);
      const lowest = sortedValues[sortedValues.length - 1];
      return {
        kind: 'threshold' as const,
        direction,
        steps: sortedBounds.map((bound, i) => ({ bound, value: sortedValues[i] })),
        otherwise: lowest * otherwiseShare,
      };
    });

const valuesFor = (keys: readonly string[]) =>
  fc
    .array(fraction, { minLength: keys.length, maxLength: keys.length })
    .map((values) => Object.fromEntries(keys.map((key, i) => [key, values[i]])));

function draftArb(type: AnswerType): fc.Arbitrary<Draft> {
  const none = { kind: 'none' as const };
  const maybeNone = (scored: fc.Arbitrary<ScoringRule>) =>
    fc.oneof({ arbitrary: scored, weight: 6 }, { arbitrary: fc.constant(none), weight: 1 });
  switch (type) {
    case 'yes_no':
      return maybeNone(
        fc.array(fraction, { minLength: 3, maxLength: 3 }).map((values) => {
          const [no, partial, yes] = [...values].sort((a, b) => a - b);
          return { kind: 'choice' as const, values: { no, partial, yes } };
        }),
      ).map((scoring) => ({ answer: { type }, scoring }));
    case 'single_choice':
    case 'multiple_choice':
      return fc.integer({ min: 2, max: 4 }).chain((count) => {
        const keys = options(count);
        const kind = type === 'single_choice' ? ('choice' as const) : ('sum' as const);
        return maybeNone(valuesFor(keys).map((values) => ({ kind, values }))).map((scoring) => ({
          answer: { type, options: keys.map((value) => ({ value, label: value })) },
          scoring,
        }));
      });
    case 'number':
      return maybeNone(thresholdArb(fc.integer({ min: 0, max: 100 }))).map((scoring) => ({
        answer: { type, unit: 'hours', min: 0 },
        scoring,
      }));
    case 'percentage':
      return maybeNone(thresholdArb(fc.integer({ min: 0, max: 100 }))).map((scoring) => ({
        answer: { type },
        scoring,
      }));
    case 'date':
      return maybeNone(thresholdArb(fc.integer({ min: 1, max: 36 }))).map((scoring) => ({
        answer: { type },
        scoring,
      }));
    case 'text':
    case 'evidence':
      return maybeNone(fc.constant({ kind: 'provided' as const })).map((scoring) => ({
        answer: { type },
        scoring,
      }));
  }
}

const questionDraftArb = fc.constantFrom(...ANSWER_TYPES).chain((type) =>
  fc.record({
    draft: draftArb(type),
    weight: weightArb,
    knockout: fc.boolean(),
    passLevel: fc.option(fraction, { nil: undefined }),
    conditionSeed: fc.option(fc.nat(), { nil: undefined, freq: 3 }),
  }),
);

type QuestionDraft = typeof questionDraftArb extends fc.Arbitrary<infer T> ? T : never;

/** A condition on an earlier yes_no or multiple_choice question, picked by the seed. */
function conditionOn(earlier: readonly Question[], seed: number | undefined): string | undefined {
  const targets = earlier.filter((q) => ['yes_no', 'multiple_choice'].includes(q.answer.type));
  if (seed === undefined || targets.length === 0) return undefined;
  const target = targets[seed % targets.length];
  if (target.answer.type === 'multiple_choice') return `includes(answer('${target.id}'), 'o1')`;
  return seed % 2 === 0 ? `answer('${target.id}') == 'yes'` : `answer('${target.id}') != 'no'`;
}

function buildTemplate(
  families: readonly { weight: number | undefined; questions: readonly QuestionDraft[] }[],
): QuestionnaireTemplate {
  const built: Question[] = [];
  let next = 1;
  const builtFamilies: ControlFamily[] = families.map((family, f) => ({
    id: `F${f + 1}`,
    title: `Family ${f + 1}`,
    guidance: '',
    ...(family.weight === undefined ? {} : { weight: family.weight }),
    questions: family.questions.map((draft) => {
      const question: Question = {
        id: `GEN-${String(next++).padStart(2, '0')}`,
        text: 'A generated question',
        answer: draft.draft.answer,
        scoring: draft.draft.scoring,
        weight: draft.weight,
        ...(draft.knockout ? { knockout: true, knockoutReason: 'generated knockout' } : {}),
        ...(draft.passLevel === undefined ? {} : { passLevel: draft.passLevel }),
        ...optional('visibleWhen', conditionOn(built, draft.conditionSeed)),
      };
      built.push(question);
      return question;
    }),
  }));
  return {
    key: 'generated',
    version: '1.0.0',
    title: 'Generated',
    description: '',
    audience: 'msp',
    families: builtFamilies,
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);

/** Small random templates: 1–4 families of 1–5 questions, any answer type and rule. */
export const templateArb: fc.Arbitrary<QuestionnaireTemplate> = fc
  .array(
    fc.record({
      weight: fc.option(weightArb, { nil: undefined }),
      questions: fc.array(questionDraftArb, { minLength: 1, maxLength: 5 }),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map(buildTemplate);

/** Any valid answer to the question, picked by the seed (what a respondent could store). */
export function someAnswer(question: Question, seed: number): ScoringAnswer {
  const spec = question.answer;
  const given = (value: ScoringAnswer['value']): ScoringAnswer => ({ value, notApplicable: false });
  switch (spec.type) {
    case 'yes_no':
      return given(['yes', 'partial', 'no'][seed % 3]);
    case 'single_choice':
      return given(spec.options[seed % spec.options.length].value);
    case 'multiple_choice': {
      const chosen = spec.options.filter((_, i) => ((seed >> i) & 1) === 1).map((o) => o.value);
      return given(chosen.length > 0 ? chosen : [spec.options[0].value]);
    }
    case 'number':
      return given(seed % 121);
    case 'percentage':
      return given(seed % 101);
    case 'date':
      return given(addDays(AS_OF, -(seed % 1200)));
    case 'text':
      return given('Documented in our policy.');
    case 'evidence':
      return { value: null, notApplicable: false, evidenceCount: seed % 3 };
  }
}

const answerSlotArb = fc.oneof(
  { arbitrary: fc.constant('unanswered' as const), weight: 2 },
  { arbitrary: fc.constant('not_applicable' as const), weight: 1 },
  { arbitrary: fc.nat(), weight: 5 },
);

/** A template and a random answer set for it: some unanswered, some not applicable. */
export const assessmentArb = templateArb.chain((template) => {
  const questions = template.families.flatMap((family) => family.questions);
  return fc
    .array(answerSlotArb, { minLength: questions.length, maxLength: questions.length })
    .map((slots) => {
      const answers: Record<string, ScoringAnswer> = {};
      questions.forEach((question, i) => {
        const slot = slots[i];
        if (slot === 'not_applicable') answers[question.id] = { value: null, notApplicable: true };
        else if (slot !== 'unanswered') answers[question.id] = someAnswer(question, slot);
      });
      return { template, answers };
    });
});

/**
 * A better-or-equal answer than `answer` under the question's rule: yes_no no → partial → yes,
 * a choice worth at least as much, another option added, a number or date moved the better way,
 * one more evidence file; an unanswered question (which counts 0 once submitted) gets any answer.
 */
export function betterAnswer(
  question: Question,
  answer: ScoringAnswer | undefined,
  seed: number,
): ScoringAnswer {
  if (!answer || answer.notApplicable) return someAnswer(question, seed);
  const given = (value: ScoringAnswer['value']): ScoringAnswer => ({ value, notApplicable: false });
  const rule = question.scoring;
  const spec = question.answer;
  switch (spec.type) {
    case 'yes_no': {
      const order = ['no', 'partial', 'yes'];
      const from = order.indexOf(answer.value as string);
      return given(order[from + (seed % (order.length - from))]);
    }
    case 'single_choice': {
      if (rule.kind !== 'choice') return answer;
      const current = rule.values[answer.value as string] ?? 0;
      const atLeast = spec.options.filter((o) => (rule.values[o.value] ?? 0) >= current);
      return given(atLeast[seed % atLeast.length].value);
    }
    case 'multiple_choice': {
      const added = spec.options[seed % spec.options.length].value;
      const chosen = new Set([...(answer.value as string[]), added]);
      return given(spec.options.map((o) => o.value).filter((v) => chosen.has(v)));
    }
    case 'number':
    case 'percentage': {
      if (rule.kind !== 'threshold') return answer;
      const step = seed % 50;
      const moved = (answer.value as number) + (rule.direction === 'at_least' ? step : -step);
      return given(spec.type === 'percentage' ? Math.min(100, Math.max(0, moved)) : moved);
    }
    case 'date': {
      if (rule.kind !== 'threshold') return answer;
      // at_most months: a more recent date is better; at_least: an older one.
      const moved = addDays(
        answer.value as string,
        rule.direction === 'at_most' ? seed % 400 : -(seed % 400),
      );
      return given(moved > AS_OF ? AS_OF : moved);
    }
    case 'text':
      return answer;
    case 'evidence':
      return { ...answer, evidenceCount: (answer.evidenceCount ?? 0) + (seed % 2) };
  }
}

/** Ids some condition looks at: changing their answers may show or hide other questions. */
export function referencedIds(template: QuestionnaireTemplate): Set<string> {
  return new Set(
    template.families
      .flatMap((family) => family.questions)
      .flatMap((q) => (q.visibleWhen ? referencedQuestions(parseExpression(q.visibleWhen)) : [])),
  );
}

export function findQuestion(template: QuestionnaireTemplate, id: string): Question {
  const question = template.families.flatMap((f) => f.questions).find((q) => q.id === id);
  if (!question) throw new Error(`no question ${id}`);
  return question;
}
