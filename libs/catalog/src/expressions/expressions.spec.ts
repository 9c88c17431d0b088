import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  type AnswerValue,
  evaluateExpression,
  ExpressionError,
  parseExpression,
  referencedQuestions,
} from './index.js';

const answers: Record<string, AnswerValue> = {
  'MFA-01': 'yes',
  'LOG-02': 12,
  'PIC-03': ['rdp', 'vpn'],
  'BAK-04': '2026-05-01',
  'TXT-01': null,
};
const lookup = (id: string) => answers[id];
const check = (source: string) => evaluateExpression(parseExpression(source), lookup);

describe('visibility conditions', () => {
  it.each([
    ["answer('MFA-01') == 'yes'", true],
    ["answer('MFA-01') != 'yes'", false],
    ["answer('MFA-01') == 'yes' or answer('MFA-01') == 'partial'", true],
    ["answer('LOG-02') >= 6 and answer('LOG-02') < 24", true],
    ["answer('LOG-02') > 12", false],
    ["includes(answer('PIC-03'), 'rdp')", true],
    ["includes(answer('PIC-03'), 'ssh')", false],
    ["not includes(answer('PIC-03'), 'ssh')", true],
    ["answered('MFA-01') and not answered('TXT-01')", true],
    ["answered('ZZZ-99')", false],
    ["answer('ZZZ-99') == null", true],
    ["(answer('MFA-01') == 'no' or answer('LOG-02') >= 6) and true", true],
    ["answer('BAK-04') >= '2026-01-01'", true],
    ["answer('MFA-01') > 3", false],
    ["answer('PIC-03') == 'rdp'", false],
  ])('%s → %s', (source, expected) => {
    expect(check(source)).toBe(expected);
  });

  it('names the questions a condition reads', () => {
    expect(
      referencedQuestions(
        parseExpression(
          "answer('AAA-01') == 'x' or includes(answer('BBB-02'), 'y') and answered('CC-03')",
        ),
      ),
    ).toEqual(['AAA-01', 'BBB-02', 'CC-03']);
  });

  it.each([
    ['process.exit(1)', /Unexpected character "\."/],
    ['process', /Unknown name "process"/],
    ["constructor('return 1')()", /Unknown name "constructor"/],
    ["answer('MFA-01') = 'yes'", /Unexpected character "="/],
    ["answer('1.1.1')", /Expected a question id/],
    ["answer('MFA 01')", /Expected a question id/],
    ["answer('MFA-01') == 'yes", /Unterminated string/],
    ["answer('MFA-01') ==", /condition ended/],
    ["answer('MFA-01') == 'yes' 'no'", /Unexpected string 'no'/],
    ['1 + 1', /Unexpected character "\+"/],
    ["answer('MFA-01')['length']", /Unexpected character "\["/],
  ])('refuses %j with a precise message', (source, message) => {
    expect(() => parseExpression(source)).toThrow(message);
    expect(() => parseExpression(source)).toThrow(ExpressionError);
  });

  it('refuses hostile input: deep nesting, huge strings, too many tokens', () => {
    expect(() => parseExpression('('.repeat(40) + 'true' + ')'.repeat(40))).toThrow(
      /nest at most 32/,
    );
    expect(() => parseExpression('not '.repeat(100) + 'true')).toThrow(
      /nest at most 32|at most 200 tokens/,
    );
    expect(() => parseExpression(`'${'x'.repeat(10_000)}' == 'x'`)).toThrow(
      /at most 500 characters/,
    );
    expect(() => parseExpression(Array.from({ length: 30 }, () => '(1)==(1)').join('or'))).toThrow(
      /at most 200 tokens/,
    );
    // Within the limits, nesting still works.
    expect(check('('.repeat(20) + 'true' + ')'.repeat(20))).toBe(true);
  });

  it('never throws anything but ExpressionError, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (source) => {
        try {
          evaluateExpression(parseExpression(source), lookup);
        } catch (error) {
          expect(error).toBeInstanceOf(ExpressionError);
        }
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});
