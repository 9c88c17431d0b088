import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { loadTemplates } from './load-templates.js';
import type { Question, QuestionnaireTemplate } from './template.types.js';

/** The built-in content, held to what the product promises about it. */
describe('built-in questionnaires', () => {
  let templates: QuestionnaireTemplate[];

  beforeAll(() => {
    const loaded = loadTemplates(join(process.cwd(), 'questionnaires'));
    expect(loaded.problems).toEqual([]);
    templates = loaded.templates;
  });

  const VERSIONS = ['1.0.0', '2.0.0'] as const;
  const template = (key: string, version: string = '1.0.0') =>
    templates.find((t) => t.key === key && t.version === version)!;
  const questions = (t: QuestionnaireTemplate): Question[] =>
    t.families.flatMap((f) => f.questions);

  it.each(VERSIONS)(
    '%s turns all 12 sections of AA22-131A into families, in the advisory’s order',
    (version) => {
      const advisory = template('msp-advisory', version);
      expect(advisory.audience).toBe('msp');
      expect(advisory.families.map((f) => f.title)).toEqual([
        'Prevent initial compromise',
        'Enable/improve monitoring and logging processes',
        'Enforce multifactor authentication (MFA)',
        'Manage internal architecture risks and segregate internal networks',
        'Apply the principle of least privilege',
        'Deprecate obsolete accounts and infrastructure',
        'Apply updates',
        'Backup systems and data',
        'Develop and exercise incident response and recovery plans',
        'Understand and proactively manage supply chain risk',
        'Promote transparency',
        'Manage account authentication and authorization',
      ]);
    },
  );

  it.each(VERSIONS)(
    '%s asks at least three questions per family and 45 in all, each mapped to SP 800-53 and CSF 2.0',
    (version) => {
      const advisory = template('msp-advisory', version);
      for (const family of advisory.families) {
        expect({ family: family.id, enough: family.questions.length >= 3 }).toEqual({
          family: family.id,
          enough: true,
        });
      }
      const all = questions(advisory);
      expect(all.length).toBeGreaterThanOrEqual(45);
      for (const question of all) {
        expect(question.controls?.['nist-800-53']?.length).toBeGreaterThan(0);
        expect(question.controls?.['csf-2.0']?.length).toBeGreaterThan(0);
      }
    },
  );

  it.each(VERSIONS)(
    '%s has at least six knockouts, including the advisory’s hard lines',
    (version) => {
      const knockouts = questions(template('msp-advisory', version)).filter((q) => q.knockout);
      expect(knockouts.length).toBeGreaterThanOrEqual(6);
      const text = knockouts
        .map((q) => `${q.text} ${q.knockoutReason ?? ''}`.toLowerCase())
        .join('\n');
      for (const topic of ['mfa', 'log', 'credential', 'backup']) expect(text).toContain(topic);
    },
  );

  it.each(VERSIONS)('%s uses every answer type and conditional questions', (version) => {
    const all = questions(template('msp-advisory', version));
    expect(new Set(all.map((q) => q.answer.type))).toEqual(
      new Set([
        'yes_no',
        'single_choice',
        'multiple_choice',
        'number',
        'percentage',
        'date',
        'text',
        'evidence',
      ]),
    );
    expect(all.filter((q) => q.visibleWhen).length).toBeGreaterThanOrEqual(3);
  });

  it.each(VERSIONS)(
    '%s gives customers a contract checklist covering the advisory’s eight contract points',
    (version) => {
      const checklist = template('msp-contract-checklist', version);
      expect(checklist.audience).toBe('customer');
      expect(checklist.families.map((f) => f.id)).toEqual([
        'security-duties',
        'roles-and-responsibilities',
        'scope-of-services',
        'incident-notification',
        'visibility-and-audit',
        'update-policy',
        'subcontractors',
        'access-removal-at-termination',
      ]);
      for (const family of checklist.families)
        expect(family.questions.length).toBeGreaterThanOrEqual(3);
    },
  );

  describe('2.0.0: scores that cannot be gamed (issue 14)', () => {
    const advisory = () => template('msp-advisory', '2.0.0');
    const checklist = () => template('msp-contract-checklist', '2.0.0');
    const byId = (t: QuestionnaireTemplate) => new Map(questions(t).map((q) => [q.id, q]));
    const both = () => [advisory(), checklist()];

    it('keeps the ABC-01 id form and every 1.0.0 question id', () => {
      for (const key of ['msp-advisory', 'msp-contract-checklist']) {
        const ids = new Set(questions(template(key, '2.0.0')).map((q) => q.id));
        for (const q of questions(template(key, '1.0.0'))) expect(ids.has(q.id)).toBe(true);
        for (const id of ids) expect(id).toMatch(/^[A-Z]{3}-\d{2}$/);
      }
    });

    it('says on every scored question whether not applicable may be claimed, and never silently on a knockout', () => {
      for (const q of both().flatMap(questions)) {
        if (q.scoring.kind === 'none') continue;
        expect({ id: q.id, declared: typeof q.allowNotApplicable }).toEqual({
          id: q.id,
          declared: 'boolean',
        });
        if (q.knockout && q.allowNotApplicable)
          expect({ id: q.id, reason: (q.notApplicableReason ?? '').length > 40 }).toEqual({
            id: q.id,
            reason: true,
          });
      }
      // The exploit: all knockouts N/A. Only ACC-01/02 allow it, with a reason.
      const knockoutsAllowingNa = questions(advisory())
        .filter((q) => q.knockout && q.allowNotApplicable)
        .map((q) => q.id);
      expect(knockoutsAllowingNa).toEqual(['ACC-01', 'ACC-02']);
    });

    it('marks “when was it last done” dates notInFuture and leaves look-ahead dates alone', () => {
      const dates = both()
        .flatMap(questions)
        .filter((q) => q.answer.type === 'date');
      const notInFuture = dates
        .filter((q) => q.answer.type === 'date' && q.answer.notInFuture === true)
        .map((q) => q.id);
      expect(notInFuture).toEqual(['OBS-03', 'BAK-07', 'BAK-12', 'IRP-06', 'CSB-06']);
      expect(dates.map((q) => q.id)).toContain('CTR-06');
    });

    it('makes every “none of these” option exclusive', () => {
      const exclusive: string[] = [];
      for (const q of both().flatMap(questions)) {
        if (q.answer.type !== 'multiple_choice') continue;
        for (const option of q.answer.options) {
          const isNone = option.value === 'none' || option.value === 'not_specified';
          expect({ id: q.id, option: option.value, exclusive: option.exclusive === true }).toEqual({
            id: q.id,
            option: option.value,
            exclusive: isNone,
          });
          if (option.exclusive) exclusive.push(q.id);
        }
      }
      for (const id of [
        'PIC-03',
        'PIC-05',
        'LOG-02',
        'BAK-05',
        'IRP-02',
        'SCR-07',
        'TRN-05',
        'CIN-05',
      ])
        expect(exclusive).toContain(id);
    });

    it('offers review grades from 0 to 1 on every text and evidence question', () => {
      for (const q of both().flatMap(questions)) {
        if (q.scoring.kind !== 'provided') continue;
        const values = (q.scoring.grades ?? []).map((g) => g.value);
        expect({ id: q.id, values }).toEqual({ id: q.id, values: [0, 0.5, 1] });
      }
    });

    it('caps follow-ups at the question they follow', () => {
      const advisoryIds = byId(advisory());
      expect(advisoryIds.get('UPD-05')?.followsUp).toBe('UPD-04');
      expect(advisoryIds.get('ACC-04')?.followsUp).toBe('ACC-03');
      for (const t of both()) {
        const seen = new Set<string>();
        for (const q of questions(t)) {
          if (q.followsUp)
            expect({ id: q.id, earlier: seen.has(q.followsUp) }).toEqual({
              id: q.id,
              earlier: true,
            });
          seen.add(q.id);
        }
      }
    });

    it('asks every tier what the advisory asks of everyone', () => {
      const everyTier = (t: QuestionnaireTemplate) =>
        questions(t)
          .filter((q) => q.everyTier)
          .map((q) => q.id);
      for (const id of ['BAK-03', 'IRP-03', 'OBS-02', 'LPR-03'])
        expect(everyTier(advisory())).toContain(id);
      expect(everyTier(checklist())).toContain('CSC-02');
    });

    it('lets every knockout pass only at its best answer, with a reason', () => {
      for (const q of both()
        .flatMap(questions)
        .filter((k) => k.knockout)) {
        expect({ id: q.id, passLevel: q.passLevel ?? 1 }).toEqual({ id: q.id, passLevel: 1 });
        expect((q.knockoutReason ?? '').length).toBeGreaterThan(40);
      }
      const knockouts = (t: QuestionnaireTemplate) =>
        questions(t)
          .filter((q) => q.knockout)
          .map((q) => q.id);
      expect(knockouts(advisory())).toEqual(
        expect.arrayContaining(['ACC-01', 'ACC-02', 'IRP-05', 'UPD-01', 'OBS-06']),
      );
      expect(knockouts(checklist())).toEqual(
        expect.arrayContaining(['CSD-02', 'CIN-01', 'CTR-01']),
      );
      // UPD-01: 14 days passes, 15 does not (CISA KEV practice for internet-facing systems).
      const upd01 = byId(advisory()).get('UPD-01')!;
      expect(upd01.scoring).toMatchObject({
        kind: 'threshold',
        direction: 'at_most',
        steps: [
          { bound: 14, value: 1 },
          { bound: 30, value: 0.3 },
        ],
      });
    });

    it('applies the mapping corrections', () => {
      const q = byId(advisory());
      const iso = (id: string) => q.get(id)?.controls?.['iso-27001-2022'] ?? [];
      const nist = (id: string) => q.get(id)?.controls?.['nist-800-53'] ?? [];
      expect(iso('PIC-01')).not.toContain('A.6.7');
      expect(iso('SEG-04')).toContain('A.8.21');
      expect(iso('SEG-04')).not.toContain('A.5.14');
      for (const id of ['IRP-04', 'IRP-05']) {
        expect(iso(id)).not.toContain('A.6.8');
        expect(iso(id)).toEqual(expect.arrayContaining(['A.5.20', 'A.5.26']));
      }
      expect(nist('LOG-01')).toEqual(['AU-11']);
      expect(nist('SEG-01')).toContain('IA-5');
      expect(nist('SEG-01')).not.toContain('IA-4');
      expect(nist('PIC-04')).toContain('AT-2(1)');
      const c = byId(checklist());
      for (const id of ['CIN-01', 'CIN-02', 'CIN-03', 'CIN-04', 'CIN-05']) {
        const mapped = c.get(id)?.controls?.['iso-27001-2022'] ?? [];
        expect(mapped).not.toContain('A.6.8');
        expect(mapped).toEqual(expect.arrayContaining(['A.5.20', 'A.5.26']));
      }
    });
  });
});
