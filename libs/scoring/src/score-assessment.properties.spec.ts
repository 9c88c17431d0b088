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
  knockoutTrulyMet,
  notApplicableClaim,
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

  it('treats an N/A claim the reviewer has not accepted exactly as no answer, provisional or submitted (for questions no condition looks at)', () => {
    fc.assert(
      fc.property(
        assessmentArb,
        fc.boolean(),
        fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
        ({ template, answers }, submitted, mask) => {
          const referenced = referencedIds(template);
          const marked = template.families
            .flatMap((family) => family.questions)
            .filter((q, i) => mask[i % mask.length] && !referenced.has(q.id));
          fc.pre(marked.length > 0);
          const claimed = { ...answers };
          const unanswered = { ...answers };
          marked.forEach((q, i) => {
            claimed[q.id] = notApplicableClaim(q, false, i % 2 === 0);
            delete unanswered[q.id];
          });
          const withClaims = score(template, claimed, submitted);
          const without = score(template, unanswered, submitted);
          expect(withClaims.overall).toBe(without.overall);
          expect(familyScores(withClaims)).toEqual(familyScores(without));
          expect(withClaims.rating).toBe(without.rating);
          expect(withClaims.notApplicable).toEqual(without.notApplicable);
        },
      ),
      RUNS,
    );
  });

  it('never raises a family score, the overall score or the rating when an answer is replaced by an N/A claim not (yet) accepted, once submitted', () => {
    fc.assert(
      fc.property(assessmentArb, fc.nat(), fc.boolean(), ({ template, answers }, pick, byValue) => {
        const referenced = referencedIds(template);
        const isClaim = (a: ScoringAnswer) => a.notApplicable || a.value === 'not_applicable';
        const candidates = Object.keys(answers).filter(
          (id) => !referenced.has(id) && !isClaim(answers[id]),
        );
        fc.pre(candidates.length > 0);
        const id = candidates[pick % candidates.length];
        const claimed = {
          ...answers,
          [id]: notApplicableClaim(findQuestion(template, id), false, byValue),
        };
        const before = score(template, answers, true);
        const after = score(template, claimed, true);
        // A family or overall with no score (nothing counted) may come to count the claim as 0.
        const noHigher = (after: number | null, before: number | null) =>
          before === null ? after === null || after === 0 : (after ?? 0) <= before + 1e-9;
        after.families.forEach((family, i) => {
          expect(noHigher(family.score, before.families[i].score)).toBe(true);
        });
        expect(noHigher(after.overall, before.overall)).toBe(true);
        expect(rank(after.rating)).toBeGreaterThanOrEqual(rank(before.rating));
      }),
      RUNS,
    );
  });

  it('rates no answer set better than high unless every visible, scored knockout is truly met (answered at its pass level, or an allowed N/A the reviewer accepted)', () => {
    fc.assert(
      fc.property(assessmentArb, fc.boolean(), ({ template, answers }, submitted) => {
        const result = score(template, answers, submitted);
        const unmet = result.families
          .flatMap((family) => family.questions)
          // A hidden or unscored (weight 0) knockout is not asked or not weighed: it never fails.
          .filter((q) => q.knockout && q.reason !== 'hidden' && q.reason !== 'not_scored')
          .filter((q) => {
            const question = findQuestion(template, q.questionId);
            return !knockoutTrulyMet(question, answers[q.questionId], q.compliance);
          });
        if (unmet.length > 0 && result.rating !== null) {
          expect(['high', 'critical']).toContain(result.rating);
        }
        // Every unmet knockout is named, as failed or as open, and never both.
        const failed = result.failedKnockouts.map((k) => k.questionId);
        const open = result.openKnockouts.map((k) => k.questionId);
        expect(failed.filter((id) => open.includes(id))).toEqual([]);
        expect(unmet.map((q) => q.questionId).sort()).toEqual([...failed, ...open].sort());
      }),
      RUNS,
    );
  });

  it('never depends on the order of the answers (the key order of the answers record)', () => {
    fc.assert(
      fc.property(
        assessmentArb,
        fc.boolean(),
        fc.infiniteStream(fc.nat()),
        ({ template, answers }, submitted, seeds) => {
          const entries = Object.entries(answers);
          const shuffled = entries
            .map((entry) => ({ entry, key: seeds.next().value as number }))
            .sort((a, b) => a.key - b.key)
            .map(({ entry }) => entry);
          const reordered = Object.fromEntries(shuffled);
          expect(score(template, reordered, submitted)).toEqual(
            score(template, answers, submitted),
          );
        },
      ),
      RUNS,
    );
  });

  it('rates the worse of the score band and high whenever a knockout fails or is open, and the band alone otherwise', () => {
    fc.assert(
      fc.property(assessmentArb, fc.boolean(), ({ template, answers }, submitted) => {
        const result = score(template, answers, submitted);
        const band = result.overall === null ? null : ratingForScore(result.overall);
        expect(result.bandRating).toBe(band);
        const failed = result.failedKnockouts.length > 0;
        const open = result.openKnockouts.length > 0;
        // With no band, a failed knockout (or once submitted an open one) rates the cap alone.
        const unrated = failed || (open && submitted) ? 'high' : null;
        const expected = band === null ? unrated : failed || open ? worseOf(band, 'high') : band;
        expect(result.rating).toBe(expected);
      }),
      RUNS,
    );
  });

  it('tallies accepted and pending N/A claims and ungraded answers over visible, scored questions, per family and overall', () => {
    fc.assert(
      fc.property(assessmentArb, fc.boolean(), ({ template, answers }, submitted) => {
        const result = score(template, answers, submitted);
        for (const family of result.families) {
          const accepted = family.questions.filter((q) => q.reason === 'not_applicable');
          expect(family.notApplicable).toEqual({
            count: accepted.length,
            weight: accepted.reduce((sum, q) => sum + q.weight, 0),
          });
          const pending = family.questions.filter(
            (q) =>
              q.reason === 'pending_review' ||
              (q.note?.startsWith('Not applicable claimed') ?? false),
          );
          expect(family.pending.count).toBe(pending.length);
          expect(family.pending.weight).toBeCloseTo(
            pending.reduce((sum, q) => sum + q.weight, 0),
            9,
          );
        }
        const total = (pick: (f: (typeof result.families)[number]) => number) =>
          result.families.reduce((sum, f) => sum + pick(f), 0);
        expect(result.notApplicable.count).toBe(total((f) => f.notApplicable.count));
        expect(result.pending.count).toBe(total((f) => f.pending.count));
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
