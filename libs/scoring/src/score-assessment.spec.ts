import type { Question, QuestionnaireTemplate } from '@app/catalog';
import { describe, expect, it } from '@jest/globals';
import { scoreAssessment } from './score-assessment.js';
import { InvalidRatingBandsError } from './scoring.errors.js';
import type { ScoreInput, ScoringAnswer } from './scoring.types.js';

const given = (value: ScoringAnswer['value']): ScoringAnswer => ({ value, notApplicable: false });
const yesNo = (id: string, weight: number, extra: Partial<Question> = {}): Question => ({
  id,
  text: id,
  answer: { type: 'yes_no' },
  scoring: { kind: 'choice', values: { yes: 1, partial: 0.5, no: 0 } },
  weight,
  ...extra,
});

// One family: a knockout, a question shown only when the knockout is "yes", an unscored note.
const template: QuestionnaireTemplate = {
  key: 'small',
  version: '2.1.0',
  title: 'Small',
  description: '',
  audience: 'msp',
  families: [
    {
      id: 'access',
      title: 'Access',
      guidance: '',
      weight: 2,
      questions: [
        yesNo('ACS-01', 4, { knockout: true, knockoutReason: 'No MFA on remote access' }),
        yesNo('ACS-02', 2, { visibleWhen: "answer('ACS-01') == 'yes'" }),
        yesNo('ACS-03', 4),
        {
          id: 'ACS-04',
          text: 'Notes',
          answer: { type: 'text' },
          scoring: { kind: 'none' },
          weight: 0,
        },
      ],
    },
    { id: 'backups', title: 'Backups', guidance: '', questions: [yesNo('BKP-01', 1)] },
  ],
};

// A knockout whose template says when not applicable may be claimed.
const allowing: QuestionnaireTemplate = {
  ...template,
  families: [
    {
      ...template.families[0],
      questions: [
        yesNo('ACS-01', 4, {
          knockout: true,
          knockoutReason: 'No MFA on remote access',
          allowNotApplicable: true,
          notApplicableReason: 'Only when the MSP has no remote access at all',
        }),
        yesNo('ACS-03', 4),
      ],
    },
  ],
};

const score = (answers: ScoreInput['answers'], extra: Partial<ScoreInput> = {}) =>
  scoreAssessment({
    template,
    answers,
    submitted: false,
    asOf: '2026-06-30',
    templateRef: { key: 'small', version: '2.1.0' },
    ...extra,
  });

describe('scoreAssessment', () => {
  it('explains every question: counted with v and w, or left out with a reason', () => {
    const result = score({
      'ACS-01': given('partial'),
      'ACS-02': given('yes'), // left over: hidden now that ACS-01 is not "yes"
      'ACS-04': given('free text'),
      'BKP-01': { value: null, notApplicable: true },
    });
    expect(result.families[0].questions).toEqual([
      {
        questionId: 'ACS-01',
        answer: 'partial',
        weight: 4,
        knockout: true,
        counted: true,
        compliance: 0.5,
        reason: null,
        note: null,
      },
      {
        questionId: 'ACS-02',
        answer: 'yes',
        weight: 2,
        knockout: false,
        counted: false,
        compliance: null,
        reason: 'hidden',
        note: 'Not asked: its condition is not met',
      },
      {
        questionId: 'ACS-03',
        answer: null,
        weight: 4,
        knockout: false,
        counted: false,
        compliance: null,
        reason: 'unanswered',
        note: 'Not answered',
      },
      {
        questionId: 'ACS-04',
        answer: 'text provided',
        weight: 0,
        knockout: false,
        counted: false,
        compliance: null,
        reason: 'not_scored',
        note: 'Informational; not scored',
      },
    ]);
    // access: 4 × 0.5 / 4 = 50; backups: nothing counted → null, left out of the overall.
    expect(result.families.map((f) => f.score)).toEqual([50, null]);
    expect(result.overall).toBe(50);
  });

  it('counts an unanswered visible question 0 once submitted, but never a hidden one', () => {
    const answers = { 'ACS-01': given('no'), 'BKP-01': given('yes') };
    // Provisional: access = 0 (ACS-01 only); overall (2 × 0 + 1 × 100) / 3 = 33.3
    expect(score(answers).overall).toBeCloseTo(100 / 3, 12);
    // Submitted: ACS-03 counts 0 too, ACS-02 stays hidden: access still 0 over w 8.
    const submitted = score(answers, { submitted: true });
    expect(submitted.families[0].questions.map((q) => q.reason)).toEqual([
      null,
      'hidden',
      null,
      'not_scored',
    ]);
    expect(submitted.families[0].score).toBe(0);
  });

  it('counts a not-applicable claim only once the reviewer accepts it', () => {
    const base = { 'ACS-01': given('yes'), 'ACS-02': given('yes'), 'BKP-01': given('yes') };
    const claimed = { ...base, 'ACS-03': { value: null, notApplicable: true } };
    const accepted = {
      ...base,
      'ACS-03': { value: null, notApplicable: true, reviewAccepted: true },
    };
    expect(score(claimed).overall).toBe(score(base).overall);
    // Submitted: an unanswered or unaccepted ACS-03 counts 0 (access = 6/10 = 60); accepted, it
    // is left out (100).
    expect(score(base, { submitted: true }).families[0].score).toBe(60);
    expect(score(claimed, { submitted: true }).families[0].score).toBe(60);
    expect(score(accepted, { submitted: true }).families[0].score).toBe(100);
    const pendingQuestion = score(claimed, { submitted: true }).families[0].questions[2];
    expect(pendingQuestion).toMatchObject({
      counted: true,
      compliance: 0,
      note: 'Not applicable claimed; waiting for the reviewer; counts 0 after submission',
    });
    expect(score(accepted).families[0].questions[2]).toMatchObject({
      counted: false,
      reason: 'not_applicable',
      note: 'Not applicable; accepted by the reviewer',
    });
  });

  it('tallies accepted and pending not-applicable claims per family and overall', () => {
    const result = score({
      'ACS-01': given('yes'),
      'ACS-03': { value: 'not_applicable', notApplicable: false },
      'BKP-01': { value: null, notApplicable: true, reviewAccepted: true },
    });
    expect(result.families.map((f) => [f.notApplicable, f.pending])).toEqual([
      [
        { count: 0, weight: 0 },
        { count: 1, weight: 4 },
      ],
      [
        { count: 1, weight: 1 },
        { count: 0, weight: 0 },
      ],
    ]);
    expect(result.notApplicable).toEqual({ count: 1, weight: 1 });
    expect(result.pending).toEqual({ count: 1, weight: 4 });
  });

  it('never lets a knockout be voided by not applicable unless the template allows it', () => {
    const claim = { value: null, notApplicable: true, reviewAccepted: true } as const;
    const refused = score({ 'ACS-01': claim, 'ACS-03': given('yes') }, { submitted: true });
    expect(refused.families[0].questions[0]).toMatchObject({
      counted: true,
      compliance: 0,
      note: 'Not applicable is not allowed on this question; counts 0 after submission',
    });
    expect(refused.failedKnockouts.map((k) => k.questionId)).toEqual(['ACS-01']);
    expect(refused.pending).toEqual({ count: 0, weight: 0 });
    const accepted = score(
      { 'ACS-01': claim, 'ACS-03': given('yes') },
      { template: allowing, submitted: true },
    );
    expect(accepted).toMatchObject({ failedKnockouts: [], openKnockouts: [], rating: 'low' });
  });

  it('holds a knockout open while its N/A claim waits for the reviewer, capping the rating', () => {
    const answers = {
      'ACS-01': { value: 'not_applicable', notApplicable: false },
      'ACS-03': given('yes'),
      'BKP-01': given('yes'),
    } as const;
    for (const submitted of [false, true]) {
      const result = score(answers, { template: allowing, submitted });
      expect(result.openKnockouts).toEqual([
        { questionId: 'ACS-01', familyId: 'access', reason: 'No MFA on remote access' },
      ]);
      expect(result.failedKnockouts).toEqual([]);
      // Submitted, the claim counts 0: (4 × 0 + 4 × 1) / 8 = 50, high by the band already.
      expect([result.bandRating, result.rating]).toEqual(
        submitted ? ['high', 'high'] : ['low', 'high'],
      );
    }
  });

  it('holds an unanswered knockout open before submission and fails it after', () => {
    const answers = { 'ACS-03': given('yes'), 'BKP-01': given('yes') };
    expect(score(answers)).toMatchObject({
      bandRating: 'low',
      rating: 'high',
      openKnockouts: [{ questionId: 'ACS-01' }],
      failedKnockouts: [],
    });
    expect(score(answers, { submitted: true })).toMatchObject({
      openKnockouts: [],
      failedKnockouts: [{ questionId: 'ACS-01', compliance: 0 }],
    });
  });

  it('caps a low band at high when a knockout fails, naming it', () => {
    const big: QuestionnaireTemplate = {
      ...template,
      families: [
        {
          ...template.families[0],
          questions: [
            yesNo('ACS-01', 1, { knockout: true, knockoutReason: 'No MFA' }),
            yesNo('ACS-03', 99),
          ],
        },
      ],
    };
    const result = scoreAssessment({
      template: big,
      answers: { 'ACS-01': given('partial'), 'ACS-03': given('yes') },
      submitted: false,
      templateRef: { key: 'small', version: '2.1.0' },
      tier: 4,
    });
    expect(result.overall).toBeCloseTo(99.5, 12);
    expect(result.bandRating).toBe('low');
    expect(result.rating).toBe('high');
    expect(result.failedKnockouts).toEqual([
      { questionId: 'ACS-01', familyId: 'access', reason: 'No MFA', compliance: 0.5, passLevel: 1 },
    ]);
    expect(result.residualRisk).toBe('moderate');
  });

  it('uses the question’s passLevel: at or above it the knockout passes', () => {
    const lenient: QuestionnaireTemplate = {
      ...template,
      families: [
        {
          ...template.families[0],
          questions: [yesNo('ACS-01', 4, { knockout: true, knockoutReason: 'r', passLevel: 0.5 })],
        },
      ],
    };
    const run = (value: string) =>
      scoreAssessment({
        template: lenient,
        answers: { 'ACS-01': given(value) },
        submitted: true,
        templateRef: { key: 'k', version: 'v' },
      });
    expect(run('partial').failedKnockouts).toEqual([]);
    expect(run('no').failedKnockouts.map((k) => k.questionId)).toEqual(['ACS-01']);
  });

  it('fails an unanswered knockout on submission only', () => {
    expect(score({}).failedKnockouts).toEqual([]);
    expect(score({}, { submitted: true }).failedKnockouts.map((k) => k.questionId)).toEqual([
      'ACS-01',
    ]);
  });

  it('caps a follow-up at the value of the question it follows, only while that one counts', () => {
    const followUps: QuestionnaireTemplate = {
      ...template,
      families: [
        {
          ...template.families[0],
          questions: [
            yesNo('ACS-03', 4),
            {
              id: 'ACS-05',
              text: 'Explain the gap and the plan to close it',
              answer: { type: 'text' },
              scoring: { kind: 'provided' },
              weight: 2,
              followsUp: 'ACS-03',
            },
          ],
        },
      ],
    };
    const plan = { value: 'Closing it by Q3.', notApplicable: false, grade: 1 } as const;
    const run = (answers: ScoreInput['answers'], submitted = false) =>
      score(answers, { template: followUps, submitted }).families[0].questions[1];
    expect(run({ 'ACS-03': given('partial'), 'ACS-05': plan })).toMatchObject({
      compliance: 0.5,
      note: "Follow-up capped at ACS-03's value",
    });
    expect(run({ 'ACS-03': given('yes'), 'ACS-05': { ...plan, grade: 0.5 } })).toMatchObject({
      compliance: 0.5,
      note: null,
    });
    // ACS-03 unanswered and left out: nothing to cap at, the follow-up keeps its own value.
    expect(run({ 'ACS-05': plan })).toMatchObject({ compliance: 1, note: null });
    // Ungraded, it waits for the reviewer whatever it follows.
    expect(run({ 'ACS-03': given('no'), 'ACS-05': { ...plan, grade: null } }, true)).toMatchObject({
      counted: false,
      reason: 'pending_review',
      note: "Waiting for the reviewer's grade",
    });
  });

  it('holds a knockout answered with ungraded evidence open, even after submission', () => {
    const evidenceKnockout: QuestionnaireTemplate = {
      ...template,
      families: [
        {
          ...template.families[0],
          questions: [
            {
              id: 'ACS-06',
              text: 'Attach the MFA enforcement report',
              answer: { type: 'evidence' },
              scoring: { kind: 'provided' },
              weight: 3,
              knockout: true,
              knockoutReason: 'No proof of MFA',
            },
            yesNo('ACS-03', 4),
          ],
        },
      ],
    };
    const answers = {
      'ACS-06': { value: null, notApplicable: false, evidenceCount: 1 },
      'ACS-03': given('yes'),
    };
    const result = score(answers, { template: evidenceKnockout, submitted: true });
    expect(result).toMatchObject({
      overall: 100,
      bandRating: 'low',
      rating: 'high',
      failedKnockouts: [],
      openKnockouts: [{ questionId: 'ACS-06', familyId: 'access', reason: 'No proof of MFA' }],
      pending: { count: 1, weight: 3 },
    });
    const graded = score(
      { ...answers, 'ACS-06': { ...answers['ACS-06'], grade: 1 } },
      { template: evidenceKnockout, submitted: true },
    );
    expect(graded).toMatchObject({ rating: 'low', openKnockouts: [], failedKnockouts: [] });
  });

  it('has no overall, rating or residual risk while nothing counts (an open knockout alone rates nothing)', () => {
    const result = score({}, { tier: 1 });
    expect(result).toMatchObject({
      overall: null,
      bandRating: null,
      rating: null,
      residualRisk: null,
      tier: 1,
    });
  });

  it('stamps the engine version, the template reference and the bands used', () => {
    const bands = { low: 90, moderate: 75, high: 60 };
    const result = score(
      { 'ACS-01': given('yes'), 'ACS-02': given('yes'), 'ACS-03': given('partial') },
      { bands, tier: 2 },
    );
    // access: (4 + 2 + 2) / 10 = 80 → moderate under these bands (low would need 90).
    expect(result).toMatchObject({
      engineVersion: '2.0.0',
      template: { key: 'small', version: '2.1.0' },
      bands,
      overall: 80,
      rating: 'moderate',
      residualRisk: 'moderate',
    });
  });

  it('refuses unordered bands', () => {
    expect(() => score({}, { bands: { low: 50, moderate: 70, high: 85 } })).toThrow(
      InvalidRatingBandsError,
    );
  });
});
