import type { Framework, QuestionnaireTemplate } from '@app/catalog';
import { ScoreTemplateMismatchError } from './scoring.errors.js';
import type { ControlScore, ScoreResult } from './scoring.types.js';

/** How far control ids roll up: categories (PR.AA), or for CSF 2.0 also functions (PR). */
export type FrameworkLevel = 'category' | 'function';

/**
 * The category a control id rolls up to, the level a customer reads a framework at:
 * CSF 2.0 `PR.AA-03` → `PR.AA`, NIST 800-53 `AC-17(3)` → `AC`, CIS v8 `6.5` → `6`,
 * ISO 27001:2022 `A.5.15` → `A.5`.
 */
export function controlCategory(
  framework: Framework,
  controlId: string,
  level: FrameworkLevel = 'category',
): string {
  // CSF 2.0 has a level above its categories: the six functions (GV, ID, PR, DE, RS, RC).
  if (level === 'function' && framework === 'csf-2.0') return controlId.split('.')[0];
  switch (framework) {
    case 'csf-2.0':
    case 'nist-800-53':
      return controlId.split('-')[0];
    case 'cis-v8':
      return controlId.split('.')[0];
    case 'iso-27001-2022':
      return controlId.split('.').slice(0, 2).join('.');
  }
}

/**
 * The same counted question values re-aggregated by the framework's control categories:
 * 100 × Σ(w·v) / Σw per category, w the question's weight (family weights do not apply, a
 * control is not a family). A question mapped to several controls of one category counts once
 * there. Categories come sorted (CIS `2` before `10`).
 */
export function scoreByFramework(
  result: ScoreResult,
  template: QuestionnaireTemplate,
  framework: Framework,
  level: FrameworkLevel = 'category',
): ControlScore[] {
  const controls = new Map(
    template.families
      .flatMap((family) => family.questions)
      .map((question) => [question.id, question.controls?.[framework] ?? []]),
  );
  const totals = new Map<string, { weighted: number; weight: number; questions: number }>();
  for (const family of result.families) {
    for (const question of family.questions) {
      if (!question.counted) continue;
      const ids = controls.get(question.questionId);
      if (!ids) throw new ScoreTemplateMismatchError(question.questionId);
      for (const category of new Set(ids.map((id) => controlCategory(framework, id, level)))) {
        const total = totals.get(category) ?? { weighted: 0, weight: 0, questions: 0 };
        total.weighted += question.weight * question.compliance;
        total.weight += question.weight;
        total.questions += 1;
        totals.set(category, total);
      }
    }
  }
  return [...totals]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([control, total]) => ({
      control,
      score: 100 * (total.weighted / total.weight),
      questions: total.questions,
    }));
}
