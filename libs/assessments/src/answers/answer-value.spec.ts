import type { AnswerSpec, AnswerValue, Question } from '@app/catalog';
import { describe, expect, it } from '@jest/globals';
import {
  checkAnswer,
  InvalidAnswerError,
  isAnswered,
  requireJustification,
} from './answer-value.js';

function question(id: string, answer: AnswerSpec): Question {
  return { id, text: `Question ${id}`, answer, scoring: { kind: 'none' }, weight: 0 };
}

const yesNo = question('PIC-03', { type: 'yes_no' });
const single = question('SC-01', {
  type: 'single_choice',
  options: [
    { value: 'monthly', label: 'Monthly' },
    { value: 'yearly', label: 'Yearly' },
  ],
});
const multiple = question('MC-01', {
  type: 'multiple_choice',
  options: [
    { value: 'rmm_agent', label: 'RMM agent' },
    { value: 'vpn', label: 'VPN' },
    { value: 'jump_host', label: 'Jump host' },
  ],
});
const months = question('LOG-01', { type: 'number', unit: 'months', min: 0, max: 120 });
const unbounded = question('NUM-02', { type: 'number', unit: 'hours' });
const percentage = question('PCT-01', { type: 'percentage' });
const date = question('DT-01', { type: 'date' });
const text = question('TXT-01', { type: 'text' });
const evidence = question('EV-01', { type: 'evidence' });

const answer = (value: AnswerValue | undefined, notApplicable = false) => ({
  value,
  notApplicable,
});

/** The day of the save in these tests. */
const TODAY = '2026-05-03';
const check = (q: Question, input: Parameters<typeof checkAnswer>[1]) =>
  checkAnswer(q, input, TODAY);

function failure(q: Question, value: AnswerValue | undefined, notApplicable = false) {
  try {
    check(q, answer(value, notApplicable));
  } catch (error) {
    if (error instanceof InvalidAnswerError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be refused for ${q.id}`);
}

describe('checkAnswer', () => {
  it('reports a stable code and the question id', () => {
    const error = failure(yesNo, 'maybe');
    expect(error.code).toBe('ANSWER_INVALID');
    expect(error.kind).toBe('invalid_input');
    expect(error.details).toEqual({ questionId: 'PIC-03' });
    expect(error.message).toBe('PIC-03 expects one of: yes, partial, no');
  });

  describe('yes_no', () => {
    it.each(['yes', 'partial', 'no'])('accepts %s', (value) => {
      expect(check(yesNo, answer(value))).toEqual({
        value,
        notApplicable: false,
        notApplicableReason: null,
      });
    });
    it('turns not_applicable into the flag', () => {
      expect(check(yesNo, answer('not_applicable'))).toEqual({
        value: null,
        notApplicable: true,
        notApplicableReason: null,
      });
      expect(check(yesNo, answer('not_applicable', true))).toEqual({
        value: null,
        notApplicable: true,
        notApplicableReason: null,
      });
    });
    it.each<AnswerValue>(['Yes', 'true', true, 1, ['yes']])('refuses %j', (value) => {
      expect(failure(yesNo, value).message).toBe('PIC-03 expects one of: yes, partial, no');
    });
  });

  describe('not applicable', () => {
    it.each([yesNo, single, multiple, months, percentage, date, text, evidence])(
      'stores %# without a value',
      (q) => {
        expect(check(q, answer(undefined, true))).toEqual({
          value: null,
          notApplicable: true,
          notApplicableReason: null,
        });
        expect(check(q, answer(null, true))).toEqual({
          value: null,
          notApplicable: true,
          notApplicableReason: null,
        });
      },
    );
    it('refuses a value together with not applicable', () => {
      expect(failure(yesNo, 'yes', true).message).toBe(
        'PIC-03 is marked not applicable but also has an answer; clear one of them',
      );
      expect(failure(evidence, 'see attached', true).message).toMatch(/not applicable/);
    });
    it('refuses a missing answer that is not marked not applicable', () => {
      expect(failure(text, undefined).message).toBe(
        'TXT-01 needs an answer, or mark it not applicable',
      );
      expect(failure(months, null).message).toMatch(/needs an answer/);
    });
  });

  describe('single_choice', () => {
    it('accepts an option value', () => {
      expect(check(single, answer('yearly')).value).toBe('yearly');
    });
    it.each<AnswerValue>(['Yearly', 'weekly', ['monthly'], 3])('refuses %j', (value) => {
      expect(failure(single, value).message).toBe('SC-01 expects one of: monthly, yearly');
    });
  });

  describe('multiple_choice', () => {
    it('accepts distinct options and keeps the template order', () => {
      expect(check(multiple, answer(['jump_host', 'rmm_agent'])).value).toEqual([
        'rmm_agent',
        'jump_host',
      ]);
    });
    it('refuses an empty list and a non-list', () => {
      expect(failure(multiple, []).message).toBe(
        'MC-01 expects at least one of: rmm_agent, vpn, jump_host',
      );
      expect(failure(multiple, 'vpn').message).toMatch(/expects at least one of/);
    });
    it('refuses an unknown option and a repeated one', () => {
      expect(failure(multiple, ['vpn', 'telnet']).message).toBe(
        'MC-01 has no option "telnet"; choose from: rmm_agent, vpn, jump_host',
      );
      expect(failure(multiple, ['vpn', 'vpn']).message).toBe('MC-01 lists vpn more than once');
    });
  });

  describe('number', () => {
    it.each([0, 6.5, 120])('accepts %p within min and max', (value) => {
      expect(check(months, answer(value)).value).toBe(value);
    });
    it.each<AnswerValue>([-1, 121, Number.NaN, Number.POSITIVE_INFINITY, '12'])(
      'refuses %p',
      (value) => {
        expect(failure(months, value).message).toBe(
          'LOG-01 expects a number of months from 0 to 120',
        );
      },
    );
    it('accepts any finite number without bounds', () => {
      expect(check(unbounded, answer(-3.5)).value).toBe(-3.5);
      expect(failure(unbounded, Number.NaN).message).toBe('NUM-02 expects a number of hours');
    });
    it('names a single bound', () => {
      const atLeast = question('N-01', { type: 'number', unit: 'days', min: 1 });
      expect(failure(atLeast, 0).message).toBe('N-01 expects a number of days of at least 1');
    });
  });

  describe('percentage', () => {
    it.each([0, 42.5, 100])('accepts %p', (value) => {
      expect(check(percentage, answer(value)).value).toBe(value);
    });
    it.each<AnswerValue>([-0.1, 100.01, '50%'])('refuses %p', (value) => {
      expect(failure(percentage, value).message).toBe('PCT-01 expects a percentage from 0 to 100');
    });
  });

  describe('date', () => {
    it.each(['2025-03-31', '2024-02-29', '2000-02-29'])('accepts %s', (value) => {
      expect(check(date, answer(value)).value).toBe(value);
    });
    it.each<AnswerValue>([
      '2025-02-29',
      '1900-02-29',
      '2025-04-31',
      '2025-13-01',
      '0000-01-01',
      '2025-3-31',
      '31/03/2025',
      '2025-03-31T00:00:00Z',
      20250331,
    ])('refuses %p', (value) => {
      expect(failure(date, value).message).toBe(
        'DT-01 expects a date written YYYY-MM-DD, for example 2025-03-31',
      );
    });
  });

  describe('text', () => {
    it('trims and normalises to NFC', () => {
      const decomposed = '  Cafe\u0301 policy\n';
      expect(check(text, answer(decomposed)).value).toBe('Caf\u00e9 policy');
    });
    it('counts characters, not UTF-16 units', () => {
      expect(check(text, answer('😀'.repeat(10_000))).value).toHaveLength(20_000);
      expect(failure(text, '😀'.repeat(10_001)).message).toBe(
        'TXT-01 answer is longer than 10,000 characters',
      );
    });
    it('accepts exactly 10,000 characters and refuses 10,001', () => {
      expect(check(text, answer('a'.repeat(10_000))).value).toHaveLength(10_000);
      expect(failure(text, 'a'.repeat(10_001)).message).toMatch(/longer than 10,000/);
    });
    it('refuses empty text, broken characters and NUL', () => {
      expect(failure(text, '   ').message).toBe(
        'TXT-01 needs some text, or mark it not applicable',
      );
      expect(failure(text, 'half \ud83d emoji').message).toBe(
        'TXT-01 answer contains a broken character (a lone surrogate)',
      );
      expect(failure(text, 'a\u0000b').message).toBe('TXT-01 answer contains a NUL character');
      expect(failure(text, 42).message).toBe('TXT-01 expects text');
    });
  });

  describe('evidence', () => {
    it('takes an optional description under the text rules', () => {
      expect(check(evidence, answer(' See the SOC 2 report '))).toEqual({
        value: 'See the SOC 2 report',
        notApplicable: false,
        notApplicableReason: null,
      });
      expect(check(evidence, answer(null))).toEqual({
        value: null,
        notApplicable: false,
        notApplicableReason: null,
      });
      expect(check(evidence, answer(undefined))).toEqual({
        value: null,
        notApplicable: false,
        notApplicableReason: null,
      });
      expect(check(evidence, answer('  '))).toEqual({
        value: null,
        notApplicable: false,
        notApplicableReason: null,
      });
      expect(failure(evidence, 'x\u0000').message).toBe('EV-01 answer contains a NUL character');
    });
  });
});

describe('isAnswered', () => {
  const stored = (value: AnswerValue, notApplicable = false) => ({ value, notApplicable });

  it('counts a value or not applicable, not a missing answer', () => {
    expect(isAnswered(yesNo, stored('no'), 0)).toBe(true);
    expect(isAnswered(months, stored(0), 0)).toBe(true);
    expect(isAnswered(yesNo, stored(null, true), 0)).toBe(true);
    expect(isAnswered(yesNo, undefined, 0)).toBe(false);
    expect(isAnswered(text, stored(null), 0)).toBe(false);
    expect(isAnswered(multiple, stored([]), 0)).toBe(false);
  });

  it('needs a file for evidence unless not applicable', () => {
    expect(isAnswered(evidence, stored('described in the report'), 0)).toBe(false);
    expect(isAnswered(evidence, stored(null), 1)).toBe(true);
    expect(isAnswered(evidence, undefined, 2)).toBe(true);
    expect(isAnswered(evidence, stored(null, true), 0)).toBe(true);
  });
});

describe('the save-time rules of issue 14', () => {
  const knockout: Question = { ...yesNo, id: 'MFA-01', knockout: true };
  const excusedKnockout: Question = {
    ...knockout,
    allowNotApplicable: true,
    notApplicableReason: 'Only for MSPs without remote access.',
  };
  const tools = question('PIC-03', {
    type: 'multiple_choice',
    options: [
      { value: 'rmm', label: 'RMM' },
      { value: 'vpn', label: 'VPN' },
      { value: 'none', label: 'None of these', exclusive: true },
    ],
  });
  const lastTest = question('BAK-07', { type: 'date', notInFuture: true });
  const claim = (notApplicableReason: string | null) => ({
    value: null,
    notApplicable: true,
    notApplicableReason,
  });

  it('refuses not applicable on a knockout unless the template allows it', () => {
    expect(() => check(knockout, claim('No remote access.'))).toThrow(
      'MFA-01 cannot be marked not applicable; answer it',
    );
    expect(() => check(knockout, answer('not_applicable'))).toThrow(/cannot be marked/);
    expect(check(excusedKnockout, claim('No remote access.'))).toEqual({
      value: null,
      notApplicable: true,
      notApplicableReason: 'No remote access.',
    });
  });

  it('keeps the justification as plain text, capped, and only with not applicable', () => {
    expect(check(yesNo, claim('  Cafe\u0301 only  ')).notApplicableReason).toBe('Caf\u00e9 only');
    expect(check(yesNo, claim('   ')).notApplicableReason).toBeNull();
    expect(() => check(yesNo, claim('x'.repeat(1001)))).toThrow(/longer than 1,000 characters/);
    expect(() => check(yesNo, claim('bad \u0000'))).toThrow(/NUL/);
    expect(() => check(yesNo, { ...answer('yes'), notApplicableReason: 'why' })).toThrow(
      /not marked not applicable/,
    );
  });

  it('requires the justification of a claim saved into an assessment', () => {
    expect(() => requireJustification(yesNo, check(yesNo, claim(null)))).toThrow(
      'PIC-03 is marked not applicable: say why (notApplicableReason)',
    );
    expect(() => requireJustification(yesNo, check(yesNo, claim('Why.')))).not.toThrow();
    expect(() => requireJustification(yesNo, check(yesNo, answer('no')))).not.toThrow();
  });

  it('keeps an exclusive option on its own', () => {
    expect(() => check(tools, answer(['none', 'rmm']))).toThrow(
      'PIC-03 cannot combine none with other options',
    );
    expect(check(tools, answer(['none'])).value).toEqual(['none']);
    expect(check(tools, answer(['vpn', 'rmm'])).value).toEqual(['rmm', 'vpn']);
  });

  it('refuses a last-done date after the day of the save, and allows that day', () => {
    expect(() => check(lastTest, answer('2026-05-04'))).toThrow(/lies after today \(2026-05-03\)/);
    expect(check(lastTest, answer(TODAY)).value).toBe(TODAY);
    // A date that looks ahead (a contract's end) is not limited.
    expect(check(date, answer('2030-01-01')).value).toBe('2030-01-01');
  });
});
