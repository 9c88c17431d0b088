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
        { key: 'msp-advisory', builtIn: true, versions: [{ version: '1.0.0' }] },
        { key: 'msp-contract-checklist', builtIn: true, versions: [{ version: '1.0.0' }] },
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

  it('shows the integrity fields of each question, and lists yes_no answers with their meaning', async () => {
    const QUESTION = `{ id options { value label exclusive } allowNotApplicable notApplicableReason
      followsUp everyTier tags notInFuture grades { value label } }`;
    type Shown = {
      id: string;
      options: { value: string; label: string; exclusive: boolean }[];
      allowNotApplicable: boolean;
      grades: { value: number; label: string }[];
    } & Record<string, unknown>;
    const version = async (ref: string) => {
      const res = await api.gql<{ templateVersion: { families: { questions: Shown[] }[] } }>(
        `{ templateVersion(ref: ${ref}) { families { questions ${QUESTION} } } }`,
        { token: org.token },
      );
      return res.body.data!.templateVersion.families.flatMap((f) => f.questions);
    };
    const advisory = await version('{ key: "msp-advisory", version: "1.0.0", builtIn: true }');
    const byId = (id: string) => advisory.find((q) => q.id === id)!;
    // An ordinary yes_no question: four answers, N/A included; a knockout: no N/A.
    expect(byId('PIC-06').options.map((o) => o.value)).toEqual([
      'yes',
      'partial',
      'no',
      'not_applicable',
    ]);
    expect(byId('PIC-06').options.every((o) => o.label.length > 0 && !o.exclusive)).toBe(true);
    expect(byId('MFA-01')).toMatchObject({ allowNotApplicable: false, everyTier: false, tags: [] });
    expect(byId('MFA-01').options.map((o) => o.value)).toEqual(['yes', 'partial', 'no']);
    expect(byId('TRN-06').grades).toEqual([
      { value: 0, label: 'Not met' },
      { value: 0.5, label: 'Partly met' },
      { value: 1, label: 'Met' },
    ]);
    expect(byId('PIC-06').grades).toEqual([]);

    await api.gql(
      `mutation { copyTemplate(from: ${CHECKLIST}, newKey: "integrity-review", title: "Integrity review") { key } }`,
      { token: org.token },
    );
    const add = (definition: object) =>
      api.gql<{ editTemplateDraft: { version: string } }>(EDIT, {
        token: org.token,
        variables: {
          k: 'integrity-review',
          e: {
            action: 'ADD_QUESTION',
            familyId: 'incident-notification',
            definition: JSON.stringify(definition),
          },
        },
      });
    const controls = { 'nist-800-53': ['IR-6'], 'csf-2.0': ['RS.CO-02'] };
    const lastDrill = {
      id: 'IR.drill-1',
      text: 'On what date did you last run an incident notification drill?',
      answer: { type: 'date', notInFuture: true },
      scoring: {
        kind: 'threshold',
        direction: 'at_most',
        steps: [{ bound: 12, value: 1 }],
        otherwise: 0,
      },
      weight: 2,
      everyTier: true,
      tags: ['L1'],
      controls,
    };
    expect((await add(lastDrill)).body.errors).toBeUndefined();
    const followUp = {
      id: 'IR.drill-2',
      text: 'What did the last drill find, and what changed after it?',
      answer: { type: 'evidence' },
      scoring: {
        kind: 'provided',
        grades: [
          { value: 0, label: 'Nothing learned' },
          { value: 1, label: 'Findings fixed' },
        ],
      },
      weight: 1,
      followsUp: 'IR.drill-1',
      controls,
    };
    expect((await add(followUp)).body.errors).toBeUndefined();
    const draft = await version('{ key: "integrity-review", version: "1.0.0" }');
    expect(draft.find((q) => q.id === 'IR.drill-1')).toMatchObject({
      notInFuture: true,
      everyTier: true,
      tags: ['L1'],
      allowNotApplicable: true,
      grades: [],
    });
    expect(draft.find((q) => q.id === 'IR.drill-2')).toMatchObject({
      followsUp: 'IR.drill-1',
      grades: [
        { value: 0, label: 'Nothing learned' },
        { value: 1, label: 'Findings fixed' },
      ],
    });

    const voidable = await add({
      id: 'IR.drill-3',
      text: 'Is every incident notified within 24 hours?',
      answer: { type: 'yes_no' },
      scoring: { kind: 'choice', values: { yes: 1, partial: 0.5, no: 0 } },
      weight: 3,
      knockout: true,
      knockoutReason: 'Late notification leaves customers exposed.',
      allowNotApplicable: true,
      controls,
    });
    expect(voidable.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'TEMPLATE_INVALID',
      problems: [expect.stringContaining('must say why (notApplicableReason)')],
    });
  });
});
