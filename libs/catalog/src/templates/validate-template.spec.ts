import { beforeEach, describe, expect, it } from '@jest/globals';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadControlCatalog } from './control-catalog.js';
import { LEGACY_BUILT_INS } from './integrity-rules.js';
import { loadTemplates } from './load-templates.js';
import type { QuestionnaireTemplate } from './template.types.js';
import { schemaValidator, validateTemplate } from './validate-template.js';
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

  describe('scoring integrity rules (issue 14)', () => {
    const at = (index: number) => `families[0].questions[${index}]`;

    it('lets a knockout allow not applicable only with a reason, and a reason only where N/A is allowed', () => {
      expect(problemsAfter((t) => (question(t, 0).allowNotApplicable = true))).toEqual([
        `${at(0)}.notApplicableReason: a knockout that allows not applicable must say why (notApplicableReason)`,
      ]);
      expect(
        problemsAfter((t) => {
          question(t, 0).allowNotApplicable = true;
          question(t, 0).notApplicableReason = 'Only when the MSP has no remote access at all.';
        }),
      ).toEqual([]);
      expect(
        problemsAfter((t) => (question(t, 0).notApplicableReason = 'Never really applies.')),
      ).toEqual([
        `${at(0)}.notApplicableReason: this question does not allow not applicable, so it needs no reason`,
      ]);
      expect(
        problemsAfter((t) => {
          question(t, 1).allowNotApplicable = false;
          question(t, 1).notApplicableReason = 'Contradiction.';
        }),
      ).toEqual([
        `${at(1)}.notApplicableReason: this question does not allow not applicable, so it needs no reason`,
      ]);
    });

    it('allows exclusive options only on multiple_choice, worth 0', () => {
      const withNone = (t: ReturnType<typeof validTemplate>, noneValue: number) => {
        question(t, 1).answer = {
          type: 'multiple_choice',
          options: [
            { value: 'rdp', label: 'RDP' },
            { value: 'vpn', label: 'VPN' },
            { value: 'none', label: 'None of these', exclusive: true },
          ],
        };
        question(t, 1).scoring = { kind: 'sum', values: { rdp: 0, vpn: 1, none: noneValue } };
      };
      expect(problemsAfter((t) => withNone(t, 0))).toEqual([]);
      expect(problemsAfter((t) => withNone(t, 0.5))).toEqual([
        `${at(1)}.scoring.values.none: the exclusive option "none" says none of the others applies, so it is worth 0`,
      ]);
      expect(
        problemsAfter((t) => {
          question(t, 1).answer = {
            type: 'single_choice',
            options: [
              { value: 'rdp', label: 'RDP' },
              { value: 'vpn', label: 'VPN', exclusive: true },
            ],
          };
          question(t, 1).scoring = { kind: 'choice', values: { rdp: 0, vpn: 1 } };
        }),
      ).toEqual([
        `${at(1)}.answer.options[1].exclusive: only a multiple_choice option can be exclusive (a single choice already excludes the rest)`,
      ]);
    });

    it('allows notInFuture on date answers only', () => {
      const lastReview = {
        type: 'date',
        notInFuture: true,
      };
      const dateScoring = {
        kind: 'threshold',
        direction: 'at_most',
        steps: [{ bound: 12, value: 1 }],
        otherwise: 0,
      };
      expect(
        problemsAfter((t) => {
          question(t, 2).answer = lastReview;
          question(t, 2).scoring = dateScoring;
        }),
      ).toEqual([]);
      expect(
        problemsAfter(
          (t) => (question(t, 2).answer = { type: 'number', unit: 'months', notInFuture: true }),
        ),
      ).toContain(`${at(2)}.answer: must NOT have additional properties (notInFuture)`);
    });

    it('requires a follow-up to name an earlier, scored question', () => {
      expect(problemsAfter((t) => (question(t, 2).followsUp = 'MFA-01'))).toEqual([]);
      expect(problemsAfter((t) => (question(t, 1).followsUp = 'MFA-03'))).toEqual([
        `${at(1)}.followsUp: follows up MFA-03, which is not an earlier question of this template`,
      ]);
      expect(problemsAfter((t) => (question(t, 1).followsUp = 'MFA-02'))).toEqual([
        `${at(1)}.followsUp: a question cannot follow itself up`,
      ]);
      expect(
        problemsAfter((t) => {
          question(t, 1).weight = 0;
          question(t, 1).scoring = { kind: 'none' };
          question(t, 2).followsUp = 'MFA-02';
        }),
      ).toEqual([
        `${at(2)}.followsUp: follows up MFA-02, which is not scored, so there is no value to cap at`,
      ]);
    });

    it('requires review grades to be unique and to run from 0 to 1', () => {
      const graded =
        (grades: { value: number; label: string }[]) => (t: ReturnType<typeof validTemplate>) => {
          question(t, 1).answer = { type: 'text' };
          question(t, 1).scoring = { kind: 'provided', grades };
        };
      expect(
        problemsAfter(
          graded([
            { value: 0, label: 'Not met' },
            { value: 0.25, label: 'Started' },
            { value: 1, label: 'Met' },
          ]),
        ),
      ).toEqual([]);
      expect(
        problemsAfter(
          graded([
            { value: 0.5, label: 'Partly' },
            { value: 0.5, label: 'Half' },
            { value: 1, label: 'Met' },
          ]),
        ),
      ).toEqual([
        `${at(1)}.scoring.grades: grade values must be unique`,
        `${at(1)}.scoring.grades: the grades must include 0 (not met)`,
      ]);
      expect(
        problemsAfter(
          graded([
            { value: 0, label: 'Not met' },
            { value: 1.5, label: 'Beyond' },
          ]),
        ),
      ).toContain(`${at(1)}.scoring.grades[1].value: must be <= 1`);
    });

    it('makes a built-in knockout pass only at its best answer, and that answer score 1', () => {
      expect(problemsAfter((t) => (question(t, 0).passLevel = 0.5))).toEqual([
        `${at(0)}.passLevel: a knockout passes only at its best answer: passLevel 0.5 lets a partial answer pass`,
      ]);
      expect(problemsAfter((t) => (question(t, 0).passLevel = 1))).toEqual([]);
      expect(
        problemsAfter(
          (t) =>
            (question(t, 0).scoring = {
              kind: 'choice',
              values: { yes: 0.8, partial: 0.5, no: 0 },
            }),
        ),
      ).toEqual([
        `${at(0)}.scoring: the best answer to a knockout must score 1; here it scores 0.8`,
      ]);
      expect(problemsAfter((t) => (question(t, 0).everyTier = false))).toEqual([
        `${at(0)}.everyTier: a knockout is asked of every tier; everyTier: false contradicts it`,
      ]);
    });

    it('demands ABC-01 ids of built-ins, while imports keep their source ids', () => {
      const renamed = (t: ReturnType<typeof validTemplate>) => {
        question(t, 0).id = 'V1.1.1';
        question(t, 1).visibleWhen = "answer('V1.1.1') != 'yes'";
      };
      expect(problemsAfter(renamed)).toEqual([
        `${at(0)}.id: a built-in question id reads like MFA-01, not "V1.1.1"`,
      ]);
      const imported = validTemplate();
      renamed(imported);
      expect(validateTemplate(imported, schemaValidator(dir), loadControlCatalog(dir))).toEqual([]);
    });

    it('exempts the immutable legacy 1.0.0 built-ins from the knockout rules, and only them', () => {
      expect([...LEGACY_BUILT_INS]).toEqual(['msp-advisory@1.0.0', 'msp-contract-checklist@1.0.0']);
      const published = readFileSync(
        join(REPO_QUESTIONNAIRES, 'msp-advisory', '1.0.0.yaml'),
        'utf8',
      );
      write(published, 'msp-advisory', '1.0.0');
      expect(loadTemplates(dir).problems).toEqual([]);
      // The same content as any other version breaks the rules: LOG-01 passes at 0.8, UPD-01 at 0.3.
      rmSync(join(dir, 'msp-advisory'), { recursive: true });
      write(published.replace(/^version: .*$/m, "version: '1.0.1'"), 'msp-advisory', '1.0.1');
      const problems = loadTemplates(dir).problems.map((p) => p.message);
      expect(problems).toEqual(
        expect.arrayContaining([
          'a knockout passes only at its best answer: passLevel 0.8 lets a partial answer pass',
          'a knockout passes only at its best answer: passLevel 0.3 lets a partial answer pass',
        ]),
      );
    });
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
