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

  const template = (key: string) => templates.find((t) => t.key === key)!;
  const questions = (t: QuestionnaireTemplate): Question[] =>
    t.families.flatMap((f) => f.questions);

  it('turns all 12 sections of AA22-131A into families, in the advisory’s order', () => {
    const advisory = template('msp-advisory');
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
  });

  it('asks at least three questions per family and 45 in all, each mapped to SP 800-53 and CSF 2.0', () => {
    const advisory = template('msp-advisory');
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
  });

  it('has at least six knockouts, including the advisory’s hard lines', () => {
    const knockouts = questions(template('msp-advisory')).filter((q) => q.knockout);
    expect(knockouts.length).toBeGreaterThanOrEqual(6);
    const text = knockouts
      .map((q) => `${q.text} ${q.knockoutReason ?? ''}`.toLowerCase())
      .join('\n');
    for (const topic of ['mfa', 'log', 'credential', 'backup']) expect(text).toContain(topic);
  });

  it('uses every answer type and conditional questions', () => {
    const all = questions(template('msp-advisory'));
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

  it('gives customers a contract checklist covering the advisory’s eight contract points', () => {
    const checklist = template('msp-contract-checklist');
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
  });
});
