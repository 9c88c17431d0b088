import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import {
  AnsweringService,
  AssessmentsService,
  InboxService,
  ScoresService,
} from '@app/assessments';
import { type AnswerValue, type Question, visibleQuestions } from '@app/catalog';
import { invitationTokenFor, realQuestionnaire, sampleAnswer, type TestTenant } from '@app/testing';
import { startTestApi, type TestApi } from '../support/test-api.js';

const BODY_LIMIT = 256 * 1024;
const IMPORT = `mutation($i: ImportTemplateInput!) {
  importTemplate(input: $i) { key version status families { id questions { id } } }
}`;
const HIGH_RISK = {
  dataAccess: 'REGULATED',
  privilegedAccess: 'DOMAIN_WIDE',
  businessImpact: 'CRITICAL',
  substitutability: 'IRREPLACEABLE',
};
const LOW_RISK = {
  dataAccess: 'NONE',
  privilegedAccess: 'NONE',
  businessImpact: 'LOW',
  substitutability: 'EASY',
};
const ASVS_LAYOUT = {
  columnMapping: [
    { column: 'family_id', header: 'chapter_id' },
    { column: 'family_title', header: 'chapter_name' },
    { column: 'section_id', header: 'section_id' },
    { column: 'section_title', header: 'section_name' },
    { column: 'question_id', header: 'req_id' },
    { column: 'question', header: 'req_description' },
  ],
  defaults: { answerType: 'yes_no' },
  levelColumns: [
    { header: 'level1', tag: 'L1', everyTier: true },
    { header: 'level2', tag: 'L2' },
    { header: 'level3', tag: 'L3' },
  ],
};

describe('real questionnaires, imported over the API, become scoreable assessments', () => {
  let api: TestApi;
  let customer: TestTenant;
  let msp: TestTenant;

  beforeAll(async () => {
    api = await startTestApi();
    customer = await api.tenant('Imports Customer');
    msp = await api.tenant('Imports MSP', { answersAssessments: true });
  });

  afterAll(() => api.close());

  async function gqlOk<T>(token: string, query: string, variables: Record<string, unknown>) {
    const response = await api.gql<T>(query, { token, variables });
    expect(response.body.errors).toBeUndefined();
    return response.body.data as T;
  }

  async function importFile(
    fileName: string,
    format: 'VSAQ_JSON' | 'CSV',
    key: string,
    layout: Record<string, unknown> = {},
  ): Promise<string[]> {
    const input = {
      format,
      fileName,
      contentBase64: realQuestionnaire(fileName).toString('base64'),
      key,
      title: `Imported ${fileName}`,
      ...layout,
    };
    // The whole request must fit the API's body limit.
    expect(
      Buffer.byteLength(JSON.stringify({ query: IMPORT, variables: { i: input } })),
    ).toBeLessThan(BODY_LIMIT);
    const { importTemplate } = await gqlOk<{
      importTemplate: { status: string; families: { questions: { id: string }[] }[] };
    }>(customer.token, IMPORT, { i: input });
    expect(importTemplate.status).toBe('draft');
    await gqlOk(
      customer.token,
      'mutation($k: String!) { publishTemplateDraft(key: $k) { status } }',
      {
        k: key,
      },
    );
    return importTemplate.families.flatMap((f) => f.questions.map((q) => q.id));
  }

  async function vendor(intake: Record<string, string>): Promise<string> {
    const { createVendor } = await gqlOk<{ createVendor: { id: string } }>(
      customer.token,
      'mutation($i: VendorInput!) { createVendor(input: $i) { id tier } }',
      {
        i: {
          name: `Vendor ${Math.random().toString(36).slice(2, 8)}`,
          domains: [],
          services: [],
          access: { remoteAccessTools: [], privilegedAccounts: [], systems: [] },
          intake,
        },
      },
    );
    return createVendor.id;
  }

  const create = (vendorId: string, key: string) =>
    customer.as(() =>
      api.app.get(AssessmentsService).create({
        vendorId,
        template: { key, version: '1.0.0', builtIn: false },
        dueOn: '2030-06-30',
      }),
    );

  /** Sent, accepted, every shown question answered: the provisional score the customer sees. */
  async function answeredScore(id: string) {
    await customer.as(() => api.app.get(AssessmentsService).send(id, [msp.email]));
    const token = await invitationTokenFor(api.app, msp.email);
    await msp.as(() => api.app.get(InboxService).accept(token));
    const content = await msp.as(() => api.app.get(InboxService).content(id));
    // Answer what is shown, until answering shows nothing new (conditions open follow-ups).
    const answers: Record<string, AnswerValue> = {};
    const chosen = new Map<string, Question>();
    for (;;) {
      const fresh = visibleQuestions(content.template, answers).filter((q) => !chosen.has(q.id));
      if (fresh.length === 0) break;
      for (const question of fresh) {
        chosen.set(question.id, question);
        answers[question.id] = sampleAnswer(question).value;
      }
    }
    const saves = [...chosen.values()].map((q) => ({
      questionId: q.id,
      expectedVersion: 0,
      ...sampleAnswer(q),
    }));
    // A save takes at most 200 answers; ASVS has more.
    for (let start = 0; start < saves.length; start += 200) {
      await msp.as(() =>
        api.app.get(AnsweringService).saveMany(id, saves.slice(start, start + 200)),
      );
    }
    return customer.as(() => api.app.get(ScoresService).current('customer', id));
  }

  it.each([
    ['vsaq-webapp.json', 'vsaq-webapp'],
    ['vsaq-infrastructure.json', 'vsaq-infrastructure'],
  ])('%s: imported unedited, assessed at tier 1 and tier 4, scored', async (fileName, key) => {
    const ids = await importFile(fileName, 'VSAQ_JSON', key);
    const critical = await create(await vendor(HIGH_RISK), key);
    expect(critical.questionIds).toEqual(ids);
    const score = await answeredScore(critical.id);
    expect(score.kind).toBe('provisional');
    expect(score.result.overall).toEqual(expect.any(Number));
    expect(score.result.families.length).toBeGreaterThanOrEqual(3);
    // The warnings of a critical VSAQ finding weigh enough for the lowest tier too.
    const low = await create(await vendor(LOW_RISK), key);
    expect(low.questionIds.length).toBeGreaterThan(0);
  });

  it('ASVS 4.0.3 CSV: imported with its own columns and levels, assessed and scored', async () => {
    const ids = await importFile('asvs-4.0.3-en.csv', 'CSV', 'asvs-403', ASVS_LAYOUT);
    expect(ids).toContain('V1.1.1');
    const critical = await create(await vendor(HIGH_RISK), 'asvs-403');
    expect(critical.questionIds).toEqual(ids);
    const score = await answeredScore(critical.id);
    expect(score.result.overall).toBe(100);
    expect(score.result.families).toHaveLength(14);
    // Level 1 is asked of every tier: a tier 4 vendor gets exactly the L1 requirements.
    const rows = parse<Record<string, string>>(realQuestionnaire('asvs-4.0.3-en.csv'), {
      columns: true,
      bom: true,
      trim: true,
      skip_empty_lines: true,
    });
    const low = await create(await vendor(LOW_RISK), 'asvs-403');
    expect(low.questionIds).toEqual(rows.filter((row) => row.level1).map((row) => row.req_id));
  });

  it('refuses, with what to change, an assessment that would ask a tier nothing', async () => {
    const csv = [
      'family_id,family_title,question_id,question,answer_type',
      'ops,Operations,OPS-01,Do you review admin access monthly?,yes_no',
    ].join('\n');
    const response = await api.gql(IMPORT, {
      token: customer.token,
      variables: {
        i: {
          format: 'CSV',
          fileName: 'light.csv',
          contentBase64: Buffer.from(csv).toString('base64'),
          key: 'light-touch',
          title: 'Light touch',
        },
      },
    });
    expect(response.body.errors).toBeUndefined();
    await gqlOk(
      customer.token,
      'mutation($k: String!) { publishTemplateDraft(key: $k) { status } }',
      {
        k: 'light-touch',
      },
    );
    const created = await api.gql(
      'mutation($i: CreateAssessmentInput!) { createAssessment(input: $i) { id } }',
      {
        token: customer.token,
        variables: {
          i: {
            vendorId: await vendor(LOW_RISK),
            builtIn: false,
            templateKey: 'light-touch',
            templateVersion: '1.0.0',
            dueOn: '2030-06-30',
          },
        },
      },
    );
    expect(created.body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('asks a tier 4 vendor no question'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('shows problems a person can act on, and keeps imports to their organization', async () => {
    const broken = await api.gql(IMPORT, {
      token: customer.token,
      variables: {
        i: {
          format: 'VSAQ_JSON',
          fileName: 'broken.json',
          contentBase64: Buffer.from('{ "questionnaire": [ { "type": "block" + 1 } ] }').toString(
            'base64',
          ),
          key: 'broken-vsaq',
          title: 'Broken',
        },
      },
    });
    expect(broken.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: ['broken.json line 1 column 42: "+" must join two strings'],
    });
    const other = await api.tenant('Imports Stranger');
    const list = await api.gql<{ templates: { key: string }[] }>('{ templates { key } }', {
      token: other.token,
    });
    expect(list.body.data?.templates.map((t) => t.key)).not.toContain('vsaq-webapp');
  });
});
