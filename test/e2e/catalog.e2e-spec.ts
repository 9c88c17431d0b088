import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestTenant } from '@app/testing';
import { startTestApi, type TestApi } from '../support/test-api.js';

const CHECKLIST = '{ key: "msp-contract-checklist", version: "1.0.0", builtIn: true }';
const EDIT = `mutation($k: String!, $e: TemplateDraftEditInput!) {
  editTemplateDraft(key: $k, edit: $e) { version families { id questions { id weight } } }
}`;

describe('the questionnaire catalog over GraphQL', () => {
  let api: TestApi;
  let org: TestTenant;

  beforeAll(async () => {
    api = await startTestApi();
    org = await api.tenant('Catalog Customer');
  });

  afterAll(() => api.close());

  it('browses templates and finds questions by control', async () => {
    const list = await api.gql<{
      templates: { key: string; builtIn: boolean; versions: { version: string }[] }[];
    }>('{ templates { key builtIn versions { version } } }', { token: org.token });
    expect(list.body.data?.templates).toEqual(
      expect.arrayContaining([
        // Newest first: new assessments should start from the first version listed.
        {
          key: 'msp-advisory',
          builtIn: true,
          versions: [{ version: '2.0.0' }, { version: '1.0.0' }],
        },
        {
          key: 'msp-contract-checklist',
          builtIn: true,
          versions: [{ version: '2.0.0' }, { version: '1.0.0' }],
        },
      ]),
    );
    const matches = await api.gql<{ questionsByControl: { familyId: string }[] }>(
      '{ questionsByControl(framework: CSF_2_0, controlId: "PR.AA-03") { key familyId questionId text } }',
      { token: org.token },
    );
    expect(matches.body.data?.questionsByControl.map((m) => m.familyId)).toContain('mfa');
  });

  it('copies a built-in template, edits the draft, and publishes it', async () => {
    const copied = await api.gql(
      `mutation { copyTemplate(from: ${CHECKLIST}, newKey: "our-contract-review", title: "Our contract review") { key version status } }`,
      { token: org.token },
    );
    expect(copied.body.data).toEqual({
      copyTemplate: { key: 'our-contract-review', version: '1.0.0', status: 'draft' },
    });
    const question = {
      id: 'CIN-99',
      text: 'Does the contract name a 24/7 contact for incident notification?',
      answer: { type: 'yes_no' },
      scoring: { kind: 'choice', values: { yes: 1, partial: 0.5, no: 0 } },
      weight: 3,
      controls: { 'nist-800-53': ['IR-6'], 'csf-2.0': ['RS.CO-02'] },
    };
    const added = await api.gql<{
      editTemplateDraft: { families: { id: string; questions: { id: string }[] }[] };
    }>(EDIT, {
      token: org.token,
      variables: {
        k: 'our-contract-review',
        e: {
          action: 'ADD_QUESTION',
          familyId: 'incident-notification',
          definition: JSON.stringify(question),
        },
      },
    });
    const family = added.body.data?.editTemplateDraft.families.find(
      (f) => f.id === 'incident-notification',
    );
    expect(family?.questions.map((q) => q.id)).toContain('CIN-99');

    const invalid = await api.gql(EDIT, {
      token: org.token,
      variables: {
        k: 'our-contract-review',
        e: {
          action: 'ADD_QUESTION',
          familyId: 'incident-notification',
          definition: JSON.stringify({ ...question, id: 'CIN-01' }),
        },
      },
    });
    expect(invalid.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'TEMPLATE_INVALID',
      problems: [expect.stringContaining('duplicate question id "CIN-01"')],
    });

    const published = await api.gql(
      'mutation { publishTemplateDraft(key: "our-contract-review") { status } }',
      {
        token: org.token,
      },
    );
    expect(published.body.data).toEqual({ publishTemplateDraft: { status: 'published' } });
    const frozen = await api.gql(EDIT, {
      token: org.token,
      variables: {
        k: 'our-contract-review',
        e: { action: 'REMOVE_QUESTION', questionId: 'CIN-99' },
      },
    });
    expect(frozen.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'NO_DRAFT',
    });
  });
});
