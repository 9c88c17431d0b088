import type { Question, QuestionnaireTemplate } from '@app/catalog';
import { describe, expect, it } from '@jest/globals';
import { scoreAssessment } from './score-assessment.js';
import { controlCategory, scoreByFramework } from './score-by-framework.js';
import { ScoreTemplateMismatchError } from './scoring.errors.js';

describe('controlCategory', () => {
  it.each([
    ['csf-2.0', 'PR.AA-03', 'PR.AA'],
    ['nist-800-53', 'AC-17', 'AC'],
    ['nist-800-53', 'IA-2(1)', 'IA'],
    ['cis-v8', '6.5', '6'],
    ['iso-27001-2022', 'A.5.15', 'A.5'],
  ] as const)('%s %s → %s', (framework, id, category) => {
    expect(controlCategory(framework, id)).toBe(category);
  });

  it('rolls CSF 2.0 up to its functions on request, and leaves other frameworks at categories', () => {
    expect(controlCategory('csf-2.0', 'PR.AA-03', 'function')).toBe('PR');
    expect(controlCategory('csf-2.0', 'GV.SC-07', 'function')).toBe('GV');
    expect(controlCategory('nist-800-53', 'AC-17', 'function')).toBe('AC');
  });
});

describe('scoreByFramework', () => {
  const question = (id: string, weight: number, cis: string[]): Question => ({
    id,
    text: id,
    answer: { type: 'yes_no' },
    scoring: { kind: 'choice', values: { yes: 1, partial: 0.5, no: 0 } },
    weight,
    controls: { 'cis-v8': cis },
  });
  const template: QuestionnaireTemplate = {
    key: 'cis',
    version: '1.0.0',
    title: 'CIS',
    description: '',
    audience: 'msp',
    families: [
      // Family weights do not apply to a control category.
      {
        id: 'a',
        title: 'A',
        guidance: '',
        weight: 10,
        questions: [question('CIS-01', 3, ['10.1', '2.5', '2.6'])],
      },
      {
        id: 'b',
        title: 'B',
        guidance: '',
        questions: [question('CIS-02', 1, ['2.7']), question('CIS-03', 2, ['10.2'])],
      },
    ],
  };
  const result = scoreAssessment({
    template,
    answers: {
      'CIS-01': { value: 'yes', notApplicable: false },
      'CIS-02': { value: 'partial', notApplicable: false },
      'CIS-03': { value: null, notApplicable: true },
    },
    submitted: false,
    templateRef: { key: 'cis', version: '1.0.0' },
  });

  it('weights by question weight, counts a question once per category, sorts numerically', () => {
    // 2: CIS-01 (w 3, v 1, via 2.5 and 2.6 once) + CIS-02 (w 1, v 0.5) → 100 × 3.5 / 4 = 87.5
    // 10: CIS-01 only (CIS-03 not applicable) → 100
    expect(scoreByFramework(result, template, 'cis-v8')).toEqual([
      { control: '2', score: 87.5, questions: 2 },
      { control: '10', score: 100, questions: 1 },
    ]);
  });

  it('gives nothing for a framework no question maps to', () => {
    expect(scoreByFramework(result, template, 'iso-27001-2022')).toEqual([]);
  });

  it('refuses a template that lacks the score’s questions', () => {
    const other = { ...template, families: [template.families[1]] };
    expect(() => scoreByFramework(result, other, 'cis-v8')).toThrow(ScoreTemplateMismatchError);
  });
});
