import { describe, expect, it } from '@jest/globals';
import { loadTemplates, type QuestionnaireTemplate } from '@app/catalog';
import { questionsForTier } from './tier-scope.js';

const templates = loadTemplates('questionnaires').templates;
const builtIn = (key: string, version: string): QuestionnaireTemplate =>
  templates.find((t) => t.key === key && t.version === version)!;

/** Issue 14, item 6: what the advisory asks of everyone reaches every tier in 2.0.0. */
describe('tier scoping of the 2.0.0 built-in questionnaires', () => {
  const advisory = builtIn('msp-advisory', '2.0.0');
  const checklist = builtIn('msp-contract-checklist', '2.0.0');

  it('asks tier 4 the light questions 1.0.0 dropped there, and every knockout', () => {
    const dropped = ['BAK-03', 'IRP-03', 'OBS-02', 'LPR-03'];
    const old = questionsForTier(builtIn('msp-advisory', '1.0.0'), 4);
    for (const id of dropped) expect(old).not.toContain(id);
    const t4 = questionsForTier(advisory, 4);
    for (const id of dropped) expect(t4).toContain(id);
    const knockouts = advisory.families.flatMap((f) => f.questions).filter((q) => q.knockout);
    for (const q of knockouts) expect(t4).toContain(q.id);
  });

  it('asks tier 4 of the checklist for the services not purchased (CSC-02)', () => {
    expect(questionsForTier(builtIn('msp-contract-checklist', '1.0.0'), 4)).not.toContain('CSC-02');
    expect(questionsForTier(checklist, 4)).toContain('CSC-02');
  });

  it('keeps every everyTier question at tiers 3 and 4, and a follow-up with what it follows', () => {
    for (const template of [advisory, checklist]) {
      const questions = template.families.flatMap((f) => f.questions);
      for (const tier of [3, 4] as const) {
        const ids = new Set(questionsForTier(template, tier));
        for (const q of questions) {
          if (q.everyTier)
            expect({ id: q.id, tier, kept: ids.has(q.id) }).toMatchObject({ kept: true });
          if (q.followsUp && ids.has(q.id))
            expect({ id: q.id, tier, followed: ids.has(q.followsUp) }).toMatchObject({
              followed: true,
            });
        }
      }
    }
  });
});
