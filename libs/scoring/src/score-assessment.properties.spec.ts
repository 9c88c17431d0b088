import type { QuestionnaireTemplate } from '@app/catalog';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ratingForScore, worseOf } from './risk-rating.js';
import { scoreAssessment } from './score-assessment.js';
import {
  RISK_LEVELS,
  type RiskLevel,
  type ScoreResult,
  type ScoringAnswer,
} from './scoring.types.js';
import {
  AS_OF,
  assessmentArb,
  betterAnswer,
  findQuestion,
  referencedIds,
  weightArb,
} from './testing/template-arbitraries.js';

const RUNS = { numRuns: 300 };

const score = (
  template: QuestionnaireTemplate,
  answers: Record<string, ScoringAnswer>,
  submitted: boolean,
): ScoreResult =>
  scoreAssessment({
    template,
    answers,
    submitted,
    asOf: AS_OF,
    templateRef: { key: template.key, version: template.version },
  });

// null (no rating yet) ranks below every level, so "no worse" also holds from null to null.
const rank = (level: RiskLevel | null) => (level === null ? -1 : RISK_LEVELS.indexOf(level));

const familyScores = (result: ScoreResult) => result.families.map((family) => family.score);

const closeTo = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9;

describe('scoreAssessment properties (random templates and answers)', () => {
  it('keeps every compliance value in [0, 1] and every family and overall score in 0–100; a family with nothing counted has no score', () => {
    fc.assert(
      fc.property(assessmentArb, fc.boolean(), ({ template, answers }, submitted) => {
        const result = score(template, answers, submitted);
        const counted = result.families.flatMap((f) => f.questions).filter((q) => q.counted);
        expect(counted.every((q) => q.compliance >= 0 && q.compliance <= 1)).toBe(true);
        const scores = [result.overall, ...familyScores(result)].filter((s) => s !== null);
        expect(scores.every((s) => s >= 0 && s <= 100)).toBe(true);
        for (const family of result.families) {
          expect(family.score === null).toBe(!family.questions.some((q) => q.counted));
        }
      }),
      RUNS,
    );
  });

  it('never lowers the family score, the overall score or the rating when one answer is raised (no→partial→yes, a better choice, an added option, a threshold number or date moved the better way, an answer given to an unanswered question once submitted), for a question no condition looks at', () => {
    fc.assert(
      fc.property(
        assessmentArb,
        fc.boolean(),
        fc.nat(),
        fc.nat(),
        ({ template, answers }, submitted, pick, seed) => {
          const before = score(template, answers, submitted);
          const referenced = referencedIds(template);
          const candidates = before.families.flatMap((family) =>
            family.questions
              .filter((q) => q.counted && !referenced.has(q.questionId))
              .map((q) => ({ familyIndex: before.families.indexOf(family), question: q })),
          );
          fc.pre(candidates.length > 0);
          const { familyIndex, question } = candidates[pick % candidates.length];
          const id = question.questionId;
          const raised = {
            ...answers,
            [id]: betterAnswer(findQuestion(template, id), answers[id], seed),
          };
          const after = score(template, raised, submitted);

          const afterQuestion = after.families[familyIndex].questions.find(
            (q) => q.questionId === id,
          )!;
          expect(afterQuestion.counted).toBe(true);
          expect(afterQuestion.compliance!).toBeGreaterThanOrEqual(question.compliance!);
          expect(after.families[familyIndex].score!).toBeGreaterThanOrEqual(
            before.families[familyIndex].score!,
          );
          expect(after.overall ?? -1).toBeGreaterThanOrEqual(before.overall ?? -1);
          expect(rank(after.rating)).toBeLessThanOrEqual(rank(before.rating));
        },
      ),
      RUNS,
    );
  });

  it('changes no score, rating or knockout when every question weight is scaled by one positive factor and every family weight by another (within 1e-9)', () => {
    const factor = fc.double({ min: 0.001, max: 1000, noNaN: true });
    fc.assert(
      fc.property(
        assessmentArb,
        fc.boolean(),
        factor,
        factor,
        ({ template, answers }, submitted, questionFactor, familyFactor) => {
          const scaled: QuestionnaireTemplate = {
            ...template,
            families: template.families.map((family) => ({
              ...family,
              weight: (family.weight ?? 1) * familyFactor,
              questions: family.questions.map((q) => ({ ...q, weight: q.weight * questionFactor })),
            })),
          };
          const before = score(template, answers, submitted);
          const after = score(scaled, answers, submitted);
          expect(closeTo(after.overall, before.overall)).toBe(true);
          const pairs = familyScores(after).map((s, i) => [s, familyScores(before)[i]] as const);
          expect(pairs.every(([a, b]) => closeTo(a, b))).toBe(true);
          expect(after.rating).toBe(before.rating);
          expect(after.failedKnockouts.map((k) => k.questionId)).toEqual(
            before.failedKnockouts.map((k) => k.questionId),
          );
        },
      ),
      RUNS,
    );
  });

  it('in a provisional score, marking unanswered questions (that no condition looks at) not applicable changes no score, rating or knockout: both are left out', () => {
    fc.assert(
      fc.property(
        assessmentArb,
        fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
        ({ template, answers }, mask) => {
          const referenced = referencedIds(template);
          const marked = template.families
            .flatMap((family) => family.questions)
            .filter((q, i) => mask[i % mask.length] && !referenced.has(q.id) && !(q.id in answers));
          fc.pre(marked.length > 0);
          const withNotApplicable = { ...answers };
          for (const q of marked) withNotApplicable[q.id] = { value: null, notApplicable: true };

          const before = score(template, answers, false);
          const after = score(template, withNotApplicable, false);
          expect(after.overall).toBe(before.overall);
          expect(familyScores(after)).toEqual(familyScores(before));
          expect(after.rating).toBe(before.rating);
          expect(after.failedKnockouts).toEqual(before.failedKnockouts);
          const reasons = after.families
            .flatMap((f) => f.questions)
            .filter((q) => marked.some((m) => m.id === q.questionId));
          expect(
            reasons.every(
              (q) =>
                q.reason === 'not_applicable' || q.reason === 'hidden' || q.reason === 'not_scored',
            ),
          ).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('rates the worse of the score band and high whenever a knockout fails, and the band alone otherwise', () => {
    fc.assert(
      fc.property(assessmentArb, fc.boolean(), ({ template, answers }, submitted) => {
        const result = score(template, answers, submitted);
        const band = result.overall === null ? null : ratingForScore(result.overall);
        expect(result.bandRating).toBe(band);
        expect(result.rating).toBe(
          result.failedKnockouts.length > 0 ? worseOf(band ?? 'high', 'high') : band,
        );
      }),
      RUNS,
    );
  });

  it('caps the rating at high or worse when a knockout fails, however good everything else is', () => {
    fc.assert(
      fc.property(
        assessmentArb,
        fc.boolean(),
        weightArb.filter((w) => w > 0),
        fc.option(weightArb, { nil: undefined }),
        fc.constantFrom('no', 'partial'),
        ({ template, answers }, submitted, weight, familyWeight, failing) => {
          // A family of one perfect, heavy question and a knockout answered below its pass level.
          const withKnockout: QuestionnaireTemplate = {
            ...template,
            families: [
              ...template.families,
              {
                id: 'KO',
                title: 'Knockout',
                guidance: '',
                ...(familyWeight === undefined ? {} : { weight: familyWeight }),
                questions: [
                  {
                    id: 'KOX-01',
                    text: 'Perfect',
                    answer: { type: 'yes_no' },
                    scoring: { kind: 'choice', values: { yes: 1, partial: 0.5, no: 0 } },
                    weight: 1000,
                  },
                  {
                    id: 'KOX-02',
                    text: 'Knockout',
                    answer: { type: 'yes_no' },
                    scoring: { kind: 'choice', values: { yes: 1, partial: 0.5, no: 0 } },
                    weight,
                    knockout: true,
                    knockoutReason: 'fails',
                  },
                ],
              },
            ],
          };
          const result = score(
            withKnockout,
            {
              ...answers,
              'KOX-01': { value: 'yes', notApplicable: false },
              'KOX-02': { value: failing, notApplicable: false },
            },
            submitted,
          );
          expect(result.failedKnockouts.map((k) => k.questionId)).toContain('KOX-02');
          expect(['high', 'critical']).toContain(result.rating);
        },
      ),
      RUNS,
    );
  });
});
