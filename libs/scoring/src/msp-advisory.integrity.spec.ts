import { loadTemplates, type Question, type QuestionnaireTemplate } from '@app/catalog';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { scoreAssessment } from './score-assessment.js';
import type { ScoreResult, ScoringAnswer } from './scoring.types.js';

const AS_OF = '2026-06-30';
const given = (value: ScoringAnswer['value']): ScoringAnswer => ({ value, notApplicable: false });

/**
 * The best answer to a question as engine 1 scored it: yes, the highest-valued option, every
 * option worth something, the first threshold step, a fresh date, text (graded Met) or a file.
 */
function bestAnswer(question: Question): ScoringAnswer {
  const spec = question.answer;
  const rule = question.scoring;
  const values = rule.kind === 'choice' || rule.kind === 'sum' ? rule.values : {};
  switch (spec.type) {
    case 'yes_no':
      return given('yes');
    case 'single_choice':
      return given(
        [...spec.options].sort((a, b) => (values[b.value] ?? 0) - (values[a.value] ?? 0))[0].value,
      );
    case 'multiple_choice':
      return given(spec.options.map((o) => o.value).filter((v) => (values[v] ?? 0) > 0));
    case 'number':
    case 'percentage':
      return given(rule.kind === 'threshold' ? rule.steps[0].bound : 100);
    case 'date':
      return given(AS_OF);
    case 'text':
      return { ...given('Described in full.'), grade: 1 };
    case 'evidence':
      return { value: null, notApplicable: false, evidenceCount: 1, grade: 1 };
  }
}

/** The 1.0.0 template with some questions changed, as a later version marks them. */
function marked(
  template: QuestionnaireTemplate,
  changes: Readonly<Record<string, (question: Question) => Question>>,
): QuestionnaireTemplate {
  return {
    ...template,
    families: template.families.map((family) => ({
      ...family,
      questions: family.questions.map((q) => (changes[q.id] ? changes[q.id](q) : q)),
    })),
  };
}

const questionScore = (result: ScoreResult, id: string) =>
  result.families.flatMap((f) => f.questions).find((q) => q.questionId === id)!;

describe('engine 2.0.0 closes the scoring exploits found on msp-advisory 1.0.0 (issue 14)', () => {
  let template: QuestionnaireTemplate;
  let questions: Question[];
  let best: Record<string, ScoringAnswer>;
  const score = (
    answers: Record<string, ScoringAnswer>,
    submitted = true,
    on: QuestionnaireTemplate = template,
  ) =>
    scoreAssessment({
      template: on,
      answers,
      submitted,
      asOf: AS_OF,
      templateRef: { key: 'msp-advisory', version: '1.0.0' },
    });

  beforeAll(() => {
    const loaded = loadTemplates(join(process.cwd(), 'questionnaires'));
    template = loaded.templates.find((t) => t.key === 'msp-advisory' && t.version === '1.0.0')!;
    questions = template.families.flatMap((f) => f.questions);
    best = Object.fromEntries(questions.map((q) => [q.id, bestAnswer(q)]));
  });

  it('scores every best answer 100, low, as the baseline', () => {
    const result = score(best);
    expect(result.overall).toBeCloseTo(100, 9);
    expect(result).toMatchObject({ rating: 'low', failedKnockouts: [], openKnockouts: [] });
  });

  it('1. all ten knockouts claimed not applicable, even accepted, no longer give 100 / low', () => {
    const knockouts = questions.filter((q) => q.knockout);
    expect(knockouts).toHaveLength(10);
    for (const reviewAccepted of [false, true]) {
      const answers = { ...best };
      for (const q of knockouts)
        answers[q.id] = { value: null, notApplicable: true, reviewAccepted };
      const submitted = score(answers);
      // 1.0.0 knockouts do not allow N/A: the claim counts 0 and the visible knockouts fail.
      expect(submitted.overall).toBeLessThan(100);
      expect(submitted.rating).not.toBe('low');
      expect(['high', 'critical']).toContain(submitted.rating);
      expect(submitted.failedKnockouts.length).toBeGreaterThanOrEqual(9);
      expect(questionScore(submitted, 'MFA-01').note).toBe(
        'Not applicable is not allowed on this question; counts 0 after submission',
      );
      // Provisional: the claims are left out as unanswered, and the open knockouts cap at high.
      const provisional = score(answers, false);
      expect(provisional.openKnockouts.length).toBeGreaterThanOrEqual(9);
      expect(provisional.rating).toBe('high');
    }
  });

  it('1. an N/A claim on an ordinary question counts only once accepted, and is tallied', () => {
    const claim = { value: null, notApplicable: true } as const;
    const pending = score({ ...best, 'LOG-07': claim });
    expect(questionScore(pending, 'LOG-07')).toMatchObject({ counted: true, compliance: 0 });
    expect(pending.pending).toEqual({ count: 1, weight: 3 });
    expect(pending.overall).toBeLessThan(100);
    const accepted = score({ ...best, 'LOG-07': { ...claim, reviewAccepted: true } });
    expect(questionScore(accepted, 'LOG-07')).toMatchObject({ reason: 'not_applicable' });
    expect(accepted.notApplicable).toEqual({ count: 1, weight: 3 });
    expect(accepted.overall).toBeCloseTo(100, 9);
  });

  it('2. a future BAK-07 restore date scores 0 once the question is marked notInFuture', () => {
    const answers = { ...best, 'BAK-07': given('2030-01-01') };
    // Unmarked (1.0.0 as published), a future date is 0 months old: full marks.
    expect(questionScore(score(answers), 'BAK-07').compliance).toBe(1);
    const lastDone = marked(template, {
      'BAK-07': (q) => ({ ...q, answer: { type: 'date', notInFuture: true } }),
    });
    expect(questionScore(score(answers, true, lastDone), 'BAK-07')).toMatchObject({
      counted: true,
      compliance: 0,
      note: 'Date lies in the future (after 2026-06-30)',
    });
  });

  it('3. PIC-03 with "none" plus all five protections scores 0 once "none" is exclusive', () => {
    const everything = given([
      'none',
      'lockout_throttling',
      'breached_password_screening',
      'legacy_auth_blocked',
      'conditional_access',
      'spray_detection',
    ]);
    const answers = { ...best, 'PIC-03': everything };
    expect(questionScore(score(answers), 'PIC-03').compliance).toBe(1);
    const exclusive = marked(template, {
      'PIC-03': (q) =>
        q.answer.type === 'multiple_choice'
          ? {
              ...q,
              answer: {
                ...q.answer,
                options: q.answer.options.map((o) =>
                  o.value === 'none' ? { ...o, exclusive: true } : o,
                ),
              },
            }
          : q,
    });
    expect(questionScore(score(answers, true, exclusive), 'PIC-03')).toMatchObject({
      compliance: 0,
      note: '"None of these" cannot be combined with other options; scored as that option alone',
    });
  });

  it('4. text and evidence are pending review until graded, never met by being provided', () => {
    const provided = questions.filter((q) => q.scoring.kind === 'provided' && q.weight > 0);
    const answers = { ...best };
    for (const q of provided) answers[q.id] = { ...best[q.id], grade: null };
    const result = score(answers);
    for (const id of ['IRP-08', 'MFA-07', 'TRN-06', 'SEG-07']) {
      expect(questionScore(result, id)).toMatchObject({
        counted: false,
        reason: 'pending_review',
        note: "Waiting for the reviewer's grade",
      });
    }
    // The visible ones (UPD-05 and ACC-04 are hidden behind good answers) make up the tally.
    const visible = provided.filter((q) => questionScore(result, q.id).reason !== 'hidden');
    expect(result.pending).toEqual({
      count: visible.length,
      weight: visible.reduce((sum, q) => sum + q.weight, 0),
    });
    const graded = score({ ...answers, 'TRN-06': { ...answers['TRN-06'], grade: 0.5 } });
    expect(questionScore(graded, 'TRN-06')).toMatchObject({ counted: true, compliance: 0.5 });
  });

  it('5. the UPD-05 and ACC-04 follow-ups never score above the weak answers they follow', () => {
    const weak = {
      ...best,
      'UPD-04': given(85), // 0.4
      'UPD-05': { ...given('Offline laptops; fixed by August.'), grade: 1 },
      'ACC-03': given('vault_basic'), // 0.3
      'ACC-04': { ...given('Moving to a PAM vault by Q4.'), grade: 1 },
    };
    // 1.0.0 as published: each follow-up scores 1, lifting its family.
    const published = score(weak);
    expect(questionScore(published, 'UPD-05').compliance).toBe(1);
    const followUps = marked(template, {
      'UPD-05': (q) => ({ ...q, followsUp: 'UPD-04' }),
      'ACC-04': (q) => ({ ...q, followsUp: 'ACC-03' }),
    });
    const capped = score(weak, true, followUps);
    expect(questionScore(capped, 'UPD-05')).toMatchObject({
      compliance: 0.4,
      note: "Follow-up capped at UPD-04's value",
    });
    expect(questionScore(capped, 'ACC-04')).toMatchObject({
      compliance: 0.3,
      note: "Follow-up capped at ACC-03's value",
    });
    const family = (result: ScoreResult, id: string) =>
      result.families.find((f) => f.familyId === id)!.score!;
    expect(family(capped, 'updates')).toBeLessThan(family(published, 'updates'));
    expect(family(capped, 'account-management')).toBeLessThan(
      family(published, 'account-management'),
    );
  });
});
