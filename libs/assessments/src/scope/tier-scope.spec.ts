import { describe, expect, it } from '@jest/globals';
import { loadTemplates, type QuestionnaireTemplate } from '@app/catalog';
import { questionsForTier, scopedTemplate } from './tier-scope.js';

const advisory = loadTemplates('questionnaires').templates.find(
  (t) => t.key === 'msp-advisory',
) as QuestionnaireTemplate;
const all = advisory.families.flatMap((f) => f.questions);

describe('questions for a tier', () => {
  it('asks tiers 1 and 2 everything', () => {
    expect(questionsForTier(advisory, 1)).toEqual(all.map((q) => q.id));
    expect(questionsForTier(advisory, 2)).toHaveLength(all.length);
  });

  it('narrows with the tier and always keeps every knockout', () => {
    const [t2, t3, t4] = ([2, 3, 4] as const).map((tier) => questionsForTier(advisory, tier));
    expect(t3.length).toBeLessThan(t2.length);
    expect(t4.length).toBeLessThan(t3.length);
    for (const ids of [t3, t4]) {
      for (const q of all.filter((q) => q.knockout)) expect(ids).toContain(q.id);
      expect(t2).toEqual(expect.arrayContaining(ids));
    }
    expect(t4.every((id) => t3.includes(id))).toBe(true);
  });

  it('brings along the questions a selected question’s condition reads', () => {
    for (const tier of [3, 4] as const) {
      const ids = new Set(questionsForTier(advisory, tier));
      for (const q of all.filter((q) => ids.has(q.id) && q.visibleWhen)) {
        const referenced = all.filter((other) => q.visibleWhen?.includes(other.id));
        for (const dependency of referenced) expect(ids.has(dependency.id)).toBe(true);
      }
    }
  });

  it('asks every tier the questions the template marks everyTier, whatever their weight', () => {
    // Issue 14: tier 4 lost these light questions the advisory asks of every MSP.
    const marked = new Set(['BAK-03', 'IRP-03', 'OBS-02', 'LPR-03']);
    const everyTier: QuestionnaireTemplate = {
      ...advisory,
      families: advisory.families.map((family) => ({
        ...family,
        questions: family.questions.map((q) => (marked.has(q.id) ? { ...q, everyTier: true } : q)),
      })),
    };
    for (const id of marked) expect(questionsForTier(advisory, 4)).not.toContain(id);
    for (const tier of [3, 4] as const) {
      const ids = questionsForTier(everyTier, tier);
      for (const id of marked) expect(ids).toContain(id);
      // Nothing else is lost or added beyond the marked ones.
      expect(ids.filter((id) => !marked.has(id))).toEqual(
        questionsForTier(advisory, tier).filter((id) => !marked.has(id)),
      );
    }
  });

  it('brings along the question a selected follow-up follows, and what an everyTier condition reads', () => {
    const question = (id: string, weight: number, extra: object = {}) => ({
      id,
      text: `Question ${id}`,
      answer: { type: 'yes_no' as const },
      scoring: { kind: 'choice' as const, values: { yes: 1, partial: 0.5, no: 0 } },
      weight,
      ...extra,
    });
    const template: QuestionnaireTemplate = {
      ...advisory,
      families: [
        {
          id: 'fam',
          title: 'Family',
          guidance: 'A family for the test.',
          questions: [
            question('ABC-01', 1),
            question('ABC-02', 5, { followsUp: 'ABC-01' }),
            question('ABC-03', 1),
            question('ABC-04', 1, { everyTier: true, visibleWhen: "answer('ABC-03') == 'no'" }),
            question('ABC-05', 1),
          ],
        },
      ],
    };
    expect(questionsForTier(template, 4)).toEqual(['ABC-01', 'ABC-02', 'ABC-03', 'ABC-04']);
  });

  it('cuts the template to the chosen questions, in order, dropping empty families', () => {
    const template: QuestionnaireTemplate = {
      ...advisory,
      families: [
        { ...advisory.families[0], questions: advisory.families[0].questions.slice(0, 3) },
        { ...advisory.families[1], questions: advisory.families[1].questions.slice(0, 1) },
      ],
    };
    const ids = [template.families[0].questions[2].id, template.families[0].questions[0].id];
    const scoped = scopedTemplate(template, ids);
    expect(scoped.families).toHaveLength(1);
    expect(scoped.families[0].questions.map((q) => q.id)).toEqual([...ids].reverse());
  });
});
