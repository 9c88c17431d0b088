import {
  allowsNotApplicable,
  type AnswerSpec,
  type ControlFamily,
  parseExpression,
  type Question,
  type QuestionnaireTemplate,
  referencedQuestions,
  reviewGrades,
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
      return fc.integer({ min: 2, max: 4 }).chain((count) => {
        const keys = options(count);
        return maybeNone(
          valuesFor(keys).map((values) => ({ kind: 'choice' as const, values })),
        ).map((scoring) => ({
          answer: { type, options: keys.map((value) => ({ value, label: value })) },
          scoring,
        }));
      });
    case 'multiple_choice':
      // Sometimes the last option is exclusive ("none of these"), worth whatever the rule says.
      return fc.tuple(fc.integer({ min: 2, max: 4 }), fc.boolean()).chain(([count, exclusive]) => {
        const keys = options(count);
        const last = keys[keys.length - 1];
        return maybeNone(valuesFor(keys).map((values) => ({ kind: 'sum' as const, values }))).map(
          (scoring) => ({
            answer: {
              type,
              options: keys.map((value) => ({
                value,
                label: value,
                ...(exclusive && value === last ? { exclusive: true } : {}),
              })),
            },
            scoring,
          }),
        );
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
      return fc
        .tuple(maybeNone(thresholdArb(fc.integer({ min: 1, max: 36 }))), fc.boolean())
        .map(([scoring, notInFuture]) => ({
          answer: notInFuture ? { type, notInFuture } : { type },
          scoring,
        }));
    case 'text':
    case 'evidence':
      return maybeNone(
        fc.oneof(
          fc.constant({ kind: 'provided' as const }),
          fc.uniqueArray(fraction, { minLength: 0, maxLength: 3 }).map((extra) => ({
            kind: 'provided' as const,
            grades: [0, 1, ...extra.filter((v) => v > 0 && v < 1)].map((value) => ({
              value,
              label: `grade ${value}`,
            })),
          })),
        ),
      ).map((scoring) => ({ answer: { type }, scoring }));
  }
}

const questionDraftArb = fc.constantFrom(...ANSWER_TYPES).chain((type) =>
  fc.record({
    draft: draftArb(type),
    weight: weightArb,
    knockout: fc.boolean(),
    passLevel: fc.option(fraction, { nil: undefined }),
    conditionSeed: fc.option(fc.nat(), { nil: undefined, freq: 3 }),
    allowNotApplicable: fc.option(fc.boolean(), { nil: undefined }),
    followSeed: fc.option(fc.nat(), { nil: undefined, freq: 3 }),
  }),
);

type QuestionDraft = typeof questionDraftArb extends fc.Arbitrary<infer T> ? T : never;

/** An earlier, scored question to follow up, picked by the seed. */
function followedFrom(earlier: readonly Question[], seed: number | undefined): string | undefined {
  const scored = earlier.filter((q) => q.scoring.kind !== 'none' && q.weight > 0);
  if (seed === undefined || scored.length === 0) return undefined;
  return scored[seed % scored.length].id;
}

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
        ...optional('allowNotApplicable', draft.allowNotApplicable),
        ...(draft.knockout && draft.allowNotApplicable
          ? { notApplicableReason: 'generated reason' }
          : {}),
        ...optional('followsUp', followedFrom(built, draft.followSeed)),
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

/** A grade the question's rule offers, picked by the seed. */
const gradeOf = (question: Question, seed: number): number | undefined => {
  const grades = reviewGrades(question.scoring);
  return grades.length === 0 ? undefined : grades[seed % grades.length].value;
};

/**
 * Any answer a respondent could store, picked by the seed, as a reviewer has graded it (text and
 * evidence); a date may lie in the future, as an old row of a "last done" question might.
 */
export function someAnswer(question: Question, seed: number): ScoringAnswer {
  const spec = question.answer;
  const given = (value: ScoringAnswer['value']): ScoringAnswer => ({ value, notApplicable: false });
  const graded = (answer: ScoringAnswer): ScoringAnswer => {
    const grade = gradeOf(question, seed);
    return grade === undefined ? answer : { ...answer, grade };
  };
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
      return given(addDays(AS_OF, seed % 9 === 0 ? 1 + (seed % 300) : -(seed % 1200)));
    case 'text':
      return graded(given('Documented in our policy.'));
    case 'evidence':
      return graded({ value: null, notApplicable: false, evidenceCount: seed % 3 });
  }
}

const answerSlotArb = fc.oneof(
  { arbitrary: fc.constant('unanswered' as const), weight: 2 },
  { arbitrary: fc.constant('not_applicable' as const), weight: 1 },
  { arbitrary: fc.constant('accepted_not_applicable' as const), weight: 1 },
  { arbitrary: fc.constant('ungraded' as const), weight: 1 },
  { arbitrary: fc.nat(), weight: 5 },
);

/** A not-applicable claim, by the flag or (on yes_no) by the value; accepted or not. */
export function notApplicableClaim(
  question: Question,
  reviewAccepted: boolean,
  byValue = false,
): ScoringAnswer {
  const claim: ScoringAnswer =
    byValue && question.answer.type === 'yes_no'
      ? { value: 'not_applicable', notApplicable: false }
      : { value: null, notApplicable: true };
  return reviewAccepted ? { ...claim, reviewAccepted } : claim;
}

/**
 * A template and a random answer set for it: some unanswered, some not applicable (accepted or
 * waiting for the reviewer), some text and evidence still ungraded.
 */
export const assessmentArb = templateArb.chain((template) => {
  const questions = template.families.flatMap((family) => family.questions);
  return fc
    .array(answerSlotArb, { minLength: questions.length, maxLength: questions.length })
    .map((slots) => {
      const answers: Record<string, ScoringAnswer> = {};
      questions.forEach((question, i) => {
        const slot = slots[i];
        if (slot === 'unanswered') return;
        if (slot === 'not_applicable')
          answers[question.id] = notApplicableClaim(question, false, i % 2 === 0);
        else if (slot === 'accepted_not_applicable') {
          answers[question.id] = notApplicableClaim(question, true, i % 2 === 0);
        } else if (slot === 'ungraded') {
          answers[question.id] = { ...someAnswer(question, i), grade: null };
        } else answers[question.id] = someAnswer(question, slot);
      });
      return { template, answers };
    });
});

/**
 * A better-or-equal answer than `answer` under the question's rule: yes_no no → partial → yes,
 * a choice worth at least as much, another (non-exclusive) option added, a number or date moved
 * the better way, a grade at least as high, one more evidence file; an unanswered question or
 * an N/A claim (which count 0 once submitted) gets any answer.
 */
export function betterAnswer(
  question: Question,
  answer: ScoringAnswer | undefined,
  seed: number,
): ScoringAnswer {
  if (!answer || answer.notApplicable || answer.value === 'not_applicable') {
    return someAnswer(question, seed);
  }
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
      // An exclusive option added to others would count alone: that is no raise.
      const addable = spec.options.filter((o) => !o.exclusive);
      const added = addable[seed % addable.length].value;
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
      return raisedGrade(question, answer, seed);
    case 'evidence':
      return raisedGrade(
        question,
        { ...answer, evidenceCount: (answer.evidenceCount ?? 0) + (seed % 2) },
        seed,
      );
  }
}

/** A grade at least as high as the answer's (an ungraded answer is excluded, so any grade). */
function raisedGrade(question: Question, answer: ScoringAnswer, seed: number): ScoringAnswer {
  const grades = reviewGrades(question.scoring).map((g) => g.value);
  if (grades.length === 0) return answer;
  const current = answer.grade ?? -1;
  const atLeast = grades.filter((g) => g >= current);
  return atLeast.length === 0 ? answer : { ...answer, grade: atLeast[seed % atLeast.length] };
}

/**
 * Whether a knockout is truly met, judged from the template and answer alone: a real answer at
 * or above the pass level, or an N/A claim the template allows and the reviewer accepted.
 * `compliance` is the engine's value for it (null when not counted).
 */
export function knockoutTrulyMet(
  question: Question,
  answer: ScoringAnswer | undefined,
  compliance: number | null,
): boolean {
  if (!answer) return false;
  const claimsNa =
    answer.notApplicable ||
    (question.answer.type === 'yes_no' && answer.value === 'not_applicable');
  if (claimsNa) return allowsNotApplicable(question) && answer.reviewAccepted === true;
  if (question.scoring.kind === 'provided' && typeof answer.grade !== 'number') return false;
  return compliance !== null && compliance >= (question.passLevel ?? 1);
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
