import { describe, expect, it } from '@jest/globals';
import type { QuestionnaireTemplate } from '../templates/template.types.js';
import {
  applyDraftEdit,
  DraftEditAction,
  type TemplateDraftEditInput,
} from './template-draft-edit.input.js';

const question = (id: string) => ({
  id,
  text: `Question ${id} text`,
  answer: { type: 'yes_no' as const },
  scoring: { kind: 'choice' as const, values: { yes: 1, no: 0 } },
  weight: 2,
});

const draft: QuestionnaireTemplate = {
  key: 'draft',
  version: '1.0.0',
  title: 'Draft',
  description: 'A draft.',
  audience: 'msp',
  families: [
    {
      id: 'mfa',
      title: 'MFA',
      guidance: 'Second factors.',
      questions: [question('MFA-01'), question('MFA-02')],
    },
  ],
};

const edit = (input: Partial<TemplateDraftEditInput> & { action: DraftEditAction }) =>
  applyDraftEdit(input)(draft);

describe('draft edits', () => {
  it('reweights, rewords and removes questions', () => {
    expect(
      edit({ action: DraftEditAction.SET_QUESTION_WEIGHT, questionId: 'MFA-02', weight: 5 })
        .families[0].questions[1].weight,
    ).toBe(5);
    const reworded = edit({
      action: DraftEditAction.EDIT_QUESTION_TEXT,
      questionId: 'MFA-01',
      text: 'New text here',
      help: 'Help',
    });
    expect(reworded.families[0].questions[0]).toMatchObject({
      text: 'New text here',
      help: 'Help',
    });
    expect(
      edit({
        action: DraftEditAction.REMOVE_QUESTION,
        questionId: 'MFA-01',
      }).families[0].questions.map((q) => q.id),
    ).toEqual(['MFA-02']);
  });

  it('adds questions and families, and edits a family', () => {
    const added = edit({
      action: DraftEditAction.ADD_QUESTION,
      familyId: 'mfa',
      definition: JSON.stringify(question('MFA-03')),
    });
    expect(added.families[0].questions.map((q) => q.id)).toEqual(['MFA-01', 'MFA-02', 'MFA-03']);
    const family = {
      id: 'logs',
      title: 'Logging',
      guidance: 'Keep logs long enough.',
      questions: [question('LOG-01')],
    };
    expect(
      edit({ action: DraftEditAction.ADD_FAMILY, definition: JSON.stringify(family) }).families.map(
        (f) => f.id,
      ),
    ).toEqual(['mfa', 'logs']);
    expect(
      edit({ action: DraftEditAction.EDIT_FAMILY, familyId: 'mfa', text: 'Enforce MFA' })
        .families[0].title,
    ).toBe('Enforce MFA');
  });

  it('says what is missing or wrong, without touching the draft', () => {
    expect(() =>
      edit({ action: DraftEditAction.SET_QUESTION_WEIGHT, questionId: 'MFA-01' }),
    ).toThrow('This edit needs a weight.');
    expect(() => edit({ action: DraftEditAction.REMOVE_QUESTION, questionId: 'ZZ-01' })).toThrow(
      'The draft has no question ZZ-01.',
    );
    expect(() =>
      edit({ action: DraftEditAction.ADD_QUESTION, familyId: 'nope', definition: '{}' }),
    ).toThrow('The draft has no family nope.');
    expect(() => edit({ action: DraftEditAction.ADD_FAMILY, definition: '{not json' })).toThrow(
      'The definition is not valid JSON.',
    );
    expect(draft.families[0].questions).toHaveLength(2);
  });
});
