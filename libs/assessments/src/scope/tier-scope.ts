import {
  parseExpression,
  type Question,
  type QuestionnaireTemplate,
  referencedQuestions,
} from '@app/catalog';

export type Tier = 1 | 2 | 3 | 4;

/**
 * How deep an assessment goes for a vendor of each criticality tier. Tiers 1 and 2 (critical,
 * high) answer everything. Lower tiers answer what matters most: knockouts and questions the
 * template asks of every tier (`everyTier`) always, plus the questions weighted at or above the
 * tier's floor. A selected question whose condition looks at another question brings that
 * question along, or its condition could never be evaluated; a selected follow-up brings the
 * question it follows, or the engine could not cap it at that question's value.
 */
export const TIER_MINIMUM_WEIGHT: Readonly<Record<Tier, number>> = { 1: 0, 2: 0, 3: 3, 4: 4 };

function inScope(question: Question, tier: Tier): boolean {
  return (
    question.knockout === true ||
    question.everyTier === true ||
    question.weight >= TIER_MINIMUM_WEIGHT[tier]
  );
}

/** The ids of the questions a vendor of `tier` is asked, in template order. */
export function questionsForTier(template: QuestionnaireTemplate, tier: Tier): string[] {
  const all = template.families.flatMap((family) => family.questions);
  const byId = new Map(all.map((q) => [q.id, q]));
  const chosen = new Set<string>();
  const include = (question: Question): void => {
    if (chosen.has(question.id)) return;
    chosen.add(question.id);
    for (const id of dependenciesOf(question)) {
      const dependency = byId.get(id);
      if (dependency) include(dependency);
    }
  };
  for (const question of all) if (inScope(question, tier)) include(question);
  return all.filter((q) => chosen.has(q.id)).map((q) => q.id);
}

/** The questions a question needs asked with it: those its condition reads and the one it follows. */
function dependenciesOf(question: Question): string[] {
  const read = question.visibleWhen
    ? referencedQuestions(parseExpression(question.visibleWhen))
    : [];
  return question.followsUp ? [...read, question.followsUp] : [...read];
}

/** The template cut down to `questionIds`, keeping families and order; empty families go. */
export function scopedTemplate(
  template: QuestionnaireTemplate,
  questionIds: readonly string[],
): QuestionnaireTemplate {
  const keep = new Set(questionIds);
  return {
    ...template,
    families: template.families
      .map((family) => ({ ...family, questions: family.questions.filter((q) => keep.has(q.id)) }))
      .filter((family) => family.questions.length > 0),
  };
}
