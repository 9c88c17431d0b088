import canonicalize from 'canonicalize';
import type { Question, QuestionnaireTemplate } from './template.types.js';

export interface TemplateChange {
  readonly kind:
    | 'family_added'
    | 'family_removed'
    | 'family_changed'
    | 'question_added'
    | 'question_removed'
    | 'question_changed';
  /** The family or question id. */
  readonly id: string;
  /** For changes: which fields differ. */
  readonly fields: string[];
}

const same = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);

function changedFields<T extends object>(before: T, after: T): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => !same(before[key as keyof T], after[key as keyof T])).sort();
}

/** What changed from one version to another, family by family and question by question. */
export function diffTemplates(
  before: QuestionnaireTemplate,
  after: QuestionnaireTemplate,
): TemplateChange[] {
  const changes: TemplateChange[] = [];
  const families = (t: QuestionnaireTemplate) => new Map(t.families.map((f) => [f.id, f]));
  const questions = (t: QuestionnaireTemplate) =>
    new Map<string, Question>(
      t.families.flatMap((f) => f.questions.map((q) => [q.id, q] as const)),
    );
  const [oldFamilies, newFamilies] = [families(before), families(after)];
  for (const [id, family] of newFamilies) {
    const old = oldFamilies.get(id);
    if (!old) changes.push({ kind: 'family_added', id, fields: [] });
    else {
      const fields = changedFields(
        { title: old.title, guidance: old.guidance, weight: old.weight ?? 1 },
        { title: family.title, guidance: family.guidance, weight: family.weight ?? 1 },
      );
      if (fields.length) changes.push({ kind: 'family_changed', id, fields });
    }
  }
  for (const id of oldFamilies.keys()) {
    if (!newFamilies.has(id)) changes.push({ kind: 'family_removed', id, fields: [] });
  }
  const [oldQuestions, newQuestions] = [questions(before), questions(after)];
  for (const [id, question] of newQuestions) {
    const old = oldQuestions.get(id);
    if (!old) changes.push({ kind: 'question_added', id, fields: [] });
    else {
      const fields = changedFields(old, question);
      if (fields.length) changes.push({ kind: 'question_changed', id, fields });
    }
  }
  for (const id of oldQuestions.keys()) {
    if (!newQuestions.has(id)) changes.push({ kind: 'question_removed', id, fields: [] });
  }
  return changes;
}
