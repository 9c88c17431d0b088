import type { Question } from '@app/catalog';
import { describe, expect, it } from '@jest/globals';
import { complianceValue, hasAnswer, isNotApplicable, valueAnswer } from './compliance-value.js';
import { UnscorableAnswerError } from './scoring.errors.js';
import type { ScoringAnswer } from './scoring.types.js';

const AS_OF = '2026-06-30';
const given = (value: ScoringAnswer['value']): ScoringAnswer => ({ value, notApplicable: false });
const question = (fields: Pick<Question, 'answer' | 'scoring'>): Question => ({
  id: 'TST-01',
  text: 'A test question',
  weight: 1,
  ...fields,
});

const yesNo = question({
  answer: { type: 'yes_no' },
  scoring: { kind: 'choice', values: { yes: 1, partial: 0.5, no: 0 } },
});
const assurance = question({
  answer: {
    type: 'multiple_choice',
    options: ['soc2', 'iso', 'pentest', 'none'].map((value) => ({ value, label: value })),
  },
  scoring: { kind: 'sum', values: { soc2: 0.5, iso: 0.5, pentest: 0.3, none: 0 } },
});
const retention = question({
  answer: { type: 'number', unit: 'months' },
  scoring: {
    kind: 'threshold',
    direction: 'at_least',
    steps: [
      { bound: 12, value: 1 },
      { bound: 6, value: 0.8 },
    ],
    otherwise: 0,
  },
});
const lastRestore = question({
  answer: { type: 'date' },
  scoring: {
    kind: 'threshold',
    direction: 'at_most',
    steps: [
      { bound: 6, value: 1 },
      { bound: 12, value: 0.5 },
    ],
    otherwise: 0,
  },
});
const evidence = question({ answer: { type: 'evidence' }, scoring: { kind: 'provided' } });

describe('complianceValue', () => {
  it('maps a choice to its value, and an option the rule gives no value (or "constructor") to 0', () => {
    expect(complianceValue(yesNo, given('yes'), AS_OF)).toBe(1);
    expect(complianceValue(yesNo, given('partial'), AS_OF)).toBe(0.5);
    expect(complianceValue(yesNo, given('no'), AS_OF)).toBe(0);
    const noPartial = question({
      answer: { type: 'yes_no' },
      scoring: { kind: 'choice', values: { yes: 1, no: 0.2 } },
    });
    expect(complianceValue(noPartial, given('partial'), AS_OF)).toBe(0);
    expect(complianceValue(yesNo, given('constructor'), AS_OF)).toBe(0);
  });

  it('sums chosen options, each once, capped at 1, without float noise', () => {
    expect(complianceValue(assurance, given(['soc2']), AS_OF)).toBe(0.5);
    expect(complianceValue(assurance, given(['soc2', 'iso', 'pentest']), AS_OF)).toBe(1);
    expect(complianceValue(assurance, given(['pentest', 'pentest']), AS_OF)).toBe(0.3);
    const tenths = question({
      answer: { type: 'multiple_choice', options: [] },
      scoring: { kind: 'sum', values: { a: 0.2, b: 0.7, c: 0.1 } },
    });
    // Without rounding this is 0.9999999999999999, and a knockout with passLevel 1 would fail.
    expect(0.2 + 0.7 + 0.1).toBeLessThan(1);
    expect(complianceValue(tenths, given(['a', 'b', 'c']), AS_OF)).toBe(1);
  });

  it('takes the first threshold step reached, bounds inclusive, else otherwise', () => {
    expect(complianceValue(retention, given(24), AS_OF)).toBe(1);
    expect(complianceValue(retention, given(12), AS_OF)).toBe(1);
    expect(complianceValue(retention, given(11.9), AS_OF)).toBe(0.8);
    expect(complianceValue(retention, given(6), AS_OF)).toBe(0.8);
    expect(complianceValue(retention, given(5), AS_OF)).toBe(0);
  });

  it('ages a date answer in months at asOf for an at_most threshold', () => {
    expect(complianceValue(lastRestore, given('2026-01-01'), AS_OF)).toBe(1);
    expect(complianceValue(lastRestore, given('2025-12-30'), AS_OF)).toBe(1); // exactly 6 months
    expect(complianceValue(lastRestore, given('2025-12-29'), AS_OF)).toBe(0.5);
    expect(complianceValue(lastRestore, given('2025-06-30'), AS_OF)).toBe(0.5); // exactly 12
    expect(complianceValue(lastRestore, given('2025-06-29'), AS_OF)).toBe(0);
  });

  it("gives provided the reviewer's grade, pending (no value) until graded, and none no value", () => {
    const files = { value: null, notApplicable: false, evidenceCount: 1 };
    expect(valueAnswer(evidence, files, AS_OF)).toEqual({
      compliance: null,
      note: "Waiting for the reviewer's grade",
    });
    expect(complianceValue(evidence, { ...files, grade: null }, AS_OF)).toBeNull();
    expect(complianceValue(evidence, { ...files, grade: 0.5 }, AS_OF)).toBe(0.5);
    expect(complianceValue(evidence, { ...files, grade: 1 }, AS_OF)).toBe(1);
    const info = question({ answer: { type: 'text' }, scoring: { kind: 'none' } });
    expect(complianceValue(info, given('anything'), AS_OF)).toBeNull();
  });

  it('scores an exclusive option chosen with others as that option alone, with a note', () => {
    const exclusive = question({
      answer: {
        type: 'multiple_choice',
        options: [
          ...['soc2', 'iso', 'pentest'].map((value) => ({ value, label: value })),
          { value: 'none', label: 'None of these', exclusive: true },
        ],
      },
      scoring: { kind: 'sum', values: { soc2: 0.5, iso: 0.5, pentest: 0.3, none: 0 } },
    });
    expect(valueAnswer(exclusive, given(['none', 'soc2', 'iso', 'pentest']), AS_OF)).toEqual({
      compliance: 0,
      note: '"None of these" cannot be combined with other options; scored as that option alone',
    });
    expect(valueAnswer(exclusive, given(['none']), AS_OF)).toEqual({ compliance: 0, note: null });
    expect(valueAnswer(exclusive, given(['soc2', 'iso']), AS_OF)).toEqual({
      compliance: 1,
      note: null,
    });
    // Without the flag the same mix still sums, as engine 1 did.
    expect(complianceValue(assurance, given(['none', 'soc2', 'iso']), AS_OF)).toBe(1);
  });

  it('scores a future date 0 on a question that asks when something was last done', () => {
    const lastDone = { ...lastRestore, answer: { type: 'date', notInFuture: true } } as const;
    expect(valueAnswer(lastDone, given('2030-01-01'), AS_OF)).toEqual({
      compliance: 0,
      note: 'Date lies in the future (after 2026-06-30)',
    });
    expect(valueAnswer(lastDone, given(AS_OF), AS_OF)).toEqual({ compliance: 1, note: null });
    // A date that may look ahead (a contract's end) is aged as before: 0 months old.
    expect(complianceValue(lastRestore, given('2030-01-01'), AS_OF)).toBe(1);
  });

  it('refuses an answer whose shape does not fit the rule', () => {
    expect(() => complianceValue(retention, given('twelve'), AS_OF)).toThrow(UnscorableAnswerError);
    expect(() => complianceValue(lastRestore, given('30/06/2026'), AS_OF)).toThrow(
      UnscorableAnswerError,
    );
    expect(() => complianceValue(assurance, given('soc2'), AS_OF)).toThrow(UnscorableAnswerError);
    expect(() => complianceValue(yesNo, given(['yes']), AS_OF)).toThrow(UnscorableAnswerError);
  });
});

describe('hasAnswer and isNotApplicable', () => {
  it('counts an evidence question as answered only with a file', () => {
    expect(hasAnswer(evidence, { value: 'Policy attached', notApplicable: false })).toBe(false);
    expect(hasAnswer(evidence, { value: null, notApplicable: false, evidenceCount: 1 })).toBe(true);
  });

  it('does not count null, empty text or an empty choice list', () => {
    expect(hasAnswer(yesNo, undefined)).toBe(false);
    expect(hasAnswer(yesNo, given(null))).toBe(false);
    expect(hasAnswer(assurance, given([]))).toBe(false);
    expect(hasAnswer(yesNo, given('no'))).toBe(true);
  });

  it('takes the flag, or yes_no "not_applicable", as not applicable', () => {
    expect(isNotApplicable(yesNo, { value: null, notApplicable: true })).toBe(true);
    expect(isNotApplicable(yesNo, given('not_applicable'))).toBe(true);
    expect(isNotApplicable(yesNo, given('no'))).toBe(false);
  });
});
