import { FRAMEWORKS, type QuestionnaireTemplate } from '@app/catalog';
import {
  type ScoreResult,
  type ScoringAnswer,
  scoreAssessment,
  scoreByFramework,
} from '@app/scoring';
import type {
  StoredControlScores,
  StoredFamilyScore,
} from '../entities/assessment-score.entity.js';
import type { AnswersContent } from '../shared/assessment-content.js';
import type { ScoringSettings } from './scoring-settings.service.js';

/** The template with the organization's family weights in place of the template's. */
export function weightedTemplate(
  template: QuestionnaireTemplate,
  settings: ScoringSettings,
): QuestionnaireTemplate {
  return {
    ...template,
    families: template.families.map((family) =>
      family.id in settings.familyWeights
        ? { ...family, weight: settings.familyWeights[family.id] }
        : family,
    ),
  };
}

/** Scores an assessment's answers as they stand, under the organization's settings. */
export function scoreContent(
  content: AnswersContent,
  settings: ScoringSettings,
  submitted: boolean,
  asOf: string,
): ScoreResult {
  const evidence = new Map<string, number>();
  for (const file of content.evidence) {
    evidence.set(file.questionId, (evidence.get(file.questionId) ?? 0) + 1);
  }
  const answers: Record<string, ScoringAnswer> = {};
  for (const [id, answer] of content.answers) {
    answers[id] = {
      value: answer.value,
      notApplicable: answer.notApplicable,
      evidenceCount: evidence.get(id) ?? 0,
      // The review on the row is of the answer as it stands: a save sends it back to pending.
      reviewAccepted: answer.reviewStatus === 'accepted',
      grade: answer.grade,
    };
  }
  // Questions with files but no answer row still count as provided evidence.
  for (const [id, count] of evidence) {
    answers[id] ??= { value: null, notApplicable: false, evidenceCount: count };
  }
  return scoreAssessment({
    template: weightedTemplate(content.template, settings),
    answers,
    submitted,
    bands: settings.bands,
    residualMatrix: settings.residualMatrix,
    tier: content.assessment.tier,
    templateRef: { key: content.template.key, version: content.template.version },
    asOf,
  });
}

export function familyRows(
  result: ScoreResult,
  template: QuestionnaireTemplate,
): StoredFamilyScore[] {
  const titles = new Map(template.families.map((f) => [f.id, f.title]));
  return result.families.map((family) => ({
    familyId: family.familyId,
    title: titles.get(family.familyId) ?? family.familyId,
    weight: family.weight,
    score: family.score,
    notApplicable: family.notApplicable,
    pending: family.pending,
  }));
}

export function controlScores(
  result: ScoreResult,
  template: QuestionnaireTemplate,
): StoredControlScores {
  const controls: StoredControlScores = {};
  for (const framework of FRAMEWORKS) {
    controls[framework] = Object.fromEntries(
      scoreByFramework(result, template, framework).map((c) => [c.control, c.score]),
    );
  }
  return controls;
}
