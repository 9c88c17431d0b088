import { beforeEach, describe, expect, it } from '@jest/globals';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadTemplates } from './load-templates.js';
import type { QuestionnaireTemplate } from './template.types.js';
import { visibleQuestions } from './visible-questions.js';

const REPO_QUESTIONNAIRES = join(process.cwd(), 'questionnaires');

/** A small valid template; each test breaks one thing. */
function validTemplate(): Record<string, unknown> & { families: Record<string, unknown>[] } {
  return {
    key: 'test-template',
    version: '1.0.0',
    title: 'Test template',
    description: 'A template written for the tests.',
    audience: 'msp',
    families: [
      {
        id: 'mfa',
        title: 'Enforce MFA',
        guidance: 'Accounts that reach customers need a second factor.',
        questions: [
          {
            id: 'MFA-01',
            text: 'Is MFA enforced on every account that reaches customer environments?',
            answer: { type: 'yes_no' },
            scoring: { kind: 'choice', values: { yes: 1, partial: 0.5, no: 0 } },
            weight: 5,
            knockout: true,
            knockoutReason: 'Accounts without MFA are the main way in.',
            controls: { 'nist-800-53': ['IA-2(1)'], 'csf-2.0': ['PR.AA-03'], 'cis-v8': ['6.5'] },
          },
          {
            id: 'MFA-02',
            text: 'Which remote access paths do technicians use?',
            answer: {
              type: 'multiple_choice',
              options: [
                { value: 'rdp', label: 'RDP' },
                { value: 'vpn', label: 'VPN' },
              ],
            },
            scoring: { kind: 'sum', values: { rdp: 0, vpn: 1 } },
            weight: 2,
            visibleWhen: "answer('MFA-01') != 'yes'",
            controls: { 'nist-800-53': ['AC-17'], 'csf-2.0': ['PR.AA-03'] },
          },
          {
            id: 'MFA-03',
            text: 'How many months of authentication logs do you keep?',
            answer: { type: 'number', unit: 'months' },
            scoring: {
              kind: 'threshold',
              direction: 'at_least',
              steps: [
                { bound: 12, value: 1 },
                { bound: 6, value: 0.5 },
              ],
              otherwise: 0,
            },
            weight: 3,
            visibleWhen: "includes(answer('MFA-02'), 'rdp')",
            controls: { 'nist-800-53': ['AU-11'], 'csf-2.0': ['PR.PS-04'] },
          },
        ],
      },
    ],
  };
}

describe('questionnaire validation', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cascade-catalog-'));
    cpSync(
      join(REPO_QUESTIONNAIRES, 'questionnaire.schema.json'),
      join(dir, 'questionnaire.schema.json'),
    );
    cpSync(join(REPO_QUESTIONNAIRES, 'controls'), join(dir, 'controls'), { recursive: true });
  });

  function write(text: string, key = 'test-template', version = '1.0.0'): void {
    mkdirSync(join(dir, key), { recursive: true });
    writeFileSync(join(dir, key, `${version}.yaml`), text);
  }

  /** Writes the template after `edit`, and returns the problems as `path: message`. */
  function problemsAfter(edit: (t: ReturnType<typeof validTemplate>) => void): string[] {
    const template = validTemplate();
    edit(template);
    write(stringify(template));
    return loadTemplates(dir).problems.map((p) => `${p.path}: ${p.message}`);
  }

  const question = (t: ReturnType<typeof validTemplate>, index: number) =>
    (t.families[0].questions as Record<string, unknown>[])[index];

  it('accepts a valid template and names each file in a problem', () => {
    expect(problemsAfter(() => undefined)).toEqual([]);
    write('key: [unclosed', 'broken', '1.0.0');
    const { problems } = loadTemplates(dir);
    expect(problems).toHaveLength(1);
    expect(problems[0].file).toMatch(/broken\/1\.0\.0\.yaml$/);
    expect(problems[0].path).toMatch(/^line \d+$/);
  });

  it('reports YAML duplicate keys with their line', () => {
    write('key: a\nkey: b\n');
    expect(loadTemplates(dir).problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/unique/i),
    ]);
  });

  it('reports schema violations with their path', () => {
    expect(
      problemsAfter((t) => {
        delete t.title;
        question(t, 0).weight = 9;
        question(t, 0).colour = 'red';
      }),
    ).toEqual(
      expect.arrayContaining([
        "(document): must have required property 'title'",
        'families[0].questions[0].weight: must be <= 5',
        'families[0].questions[0]: must NOT have additional properties (colour)',
      ]),
    );
  });

  it('reports duplicate question ids', () => {
    expect(problemsAfter((t) => (question(t, 1).id = 'MFA-01'))).toContain(
      'families[0].questions[1].id: duplicate question id "MFA-01"',
    );
  });

  it('reports broken conditions and conditions that look ahead or nowhere', () => {
    expect(problemsAfter((t) => (question(t, 1).visibleWhen = "answer('MFA-01') = 'yes'"))).toEqual(
      ['families[0].questions[1].visibleWhen: Unexpected character "=" (at character 18)'],
    );
    expect(problemsAfter((t) => (question(t, 1).visibleWhen = "answer('MFA-03') > 1"))).toEqual([
      'families[0].questions[1].visibleWhen: refers to MFA-03, which is not an earlier question of this template',
    ]);
    expect(problemsAfter((t) => (question(t, 1).visibleWhen = "answered('ZZZ-01')"))).toEqual([
      'families[0].questions[1].visibleWhen: refers to ZZZ-01, which is not an earlier question of this template',
    ]);
  });

  it('reports unknown control ids', () => {
    expect(
      problemsAfter(
        (t) => (question(t, 0).controls = { 'nist-800-53': ['IA-99'], 'csf-2.0': ['PR.AA-03'] }),
      ),
    ).toEqual([
      'families[0].questions[0].controls.nist-800-53: unknown nist-800-53 control id "IA-99"',
    ]);
    const isoClause = {
      'nist-800-53': ['IA-2'],
      'csf-2.0': ['PR.AA-03'],
      'iso-27001-2022': ['8.2'],
    };
    expect(problemsAfter((t) => (question(t, 0).controls = isoClause))).toEqual([
      'families[0].questions[0].controls.iso-27001-2022: "8.2" is a clause; map to Annex A controls (A.x.y)',
    ]);
  });

  it('reports scoring rules that do not fit the answer', () => {
    expect(
      problemsAfter((t) => (question(t, 1).scoring = { kind: 'sum', values: { rdp: 0 } })),
    ).toEqual(['families[0].questions[1].scoring.values: missing a value for option(s) vpn']);
    expect(
      problemsAfter(
        (t) =>
          (question(t, 0).scoring = {
            kind: 'threshold',
            direction: 'at_least',
            steps: [{ bound: 1, value: 1 }],
            otherwise: 0,
          }),
      ),
    ).toEqual([
      'families[0].questions[0].scoring.kind: a yes_no answer is scored with choice or none, not threshold',
    ]);
    expect(
      problemsAfter((t) => {
        const scoring = question(t, 2).scoring as { steps: unknown[] };
        scoring.steps.reverse();
      }),
    ).toEqual([
      'families[0].questions[2].scoring.steps: at_least steps go from the highest bound down',
    ]);
    expect(
      problemsAfter(
        (t) => (question(t, 0).scoring = { kind: 'choice', values: { yes: 1, maybe: 0.5 } }),
      ),
    ).toEqual([
      'families[0].questions[0].scoring.values: yes_no answers are yes, partial and no; not maybe',
      'families[0].questions[0].scoring.values: missing a value for "no"',
    ]);
  });

  it('requires built-in questions to map to SP 800-53 and CSF 2.0', () => {
    expect(problemsAfter((t) => delete question(t, 1).controls)).toEqual([
      'families[0].questions[1].controls: a built-in question maps to at least one nist-800-53 control',
      'families[0].questions[1].controls: a built-in question maps to at least one csf-2.0 control',
    ]);
  });

  it('requires a reason for a knockout', () => {
    expect(problemsAfter((t) => delete question(t, 0).knockoutReason)).toEqual([
      'families[0].questions[0].knockoutReason: a knockout question needs a knockoutReason',
    ]);
  });

  it('requires the file to sit at <key>/<version>.yaml', () => {
    const template = validTemplate();
    write(stringify(template), 'test-template', '2.0.0');
    expect(loadTemplates(dir).problems.map((p) => p.message)).toEqual([
      'key and version say test-template/1.0.0.yaml',
    ]);
  });

  it('shows conditional questions only when their condition holds, hiding what depends on hidden ones', () => {
    const template = validTemplate() as unknown as QuestionnaireTemplate;
    const ids = (answers: Record<string, string | string[]>) =>
      visibleQuestions(template, answers).map((q) => q.id);
    expect(ids({})).toEqual(['MFA-01', 'MFA-02']);
    expect(ids({ 'MFA-01': 'yes' })).toEqual(['MFA-01']);
    expect(ids({ 'MFA-01': 'no', 'MFA-02': ['rdp'] })).toEqual(['MFA-01', 'MFA-02', 'MFA-03']);
    // MFA-02 hidden: its stale answer no longer shows MFA-03.
    expect(ids({ 'MFA-01': 'yes', 'MFA-02': ['rdp'] })).toEqual(['MFA-01']);
  });
});
