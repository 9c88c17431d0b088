import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  AssessmentFixtures,
  hiddenSheetsBomb,
  sharedStringBomb,
  TEST_PASSWORD,
  type TestTenant,
} from '@app/testing';
import ExcelJS from 'exceljs';
import { shippedRuntime } from '../support/shipped-runtime.js';
import { spawnApi } from '../support/spawned-api.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const IMPORT = `mutation($i: ImportTemplateInput!) {
  importTemplate(input: $i) { key version status }
}`;

/**
 * Issue 13: two small spreadsheets that took the whole API down with a heap out-of-memory error,
 * built here in memory, now each get a plain BAD_USER_INPUT and the API keeps answering.
 */
describe('spreadsheet bombs over HTTP', () => {
  let api: TestApi;
  let customer: TestTenant;
  let msp: TestTenant;

  beforeAll(async () => {
    api = await startTestApi();
    customer = await api.tenant('Bomb Customer');
    msp = await api.tenant('Bomb MSP', { answersAssessments: true });
  });

  afterAll(() => api.close());

  async function stillServing(): Promise<void> {
    const response = await api.gql<{ __typename: string }>('{ __typename }');
    expect(response.body.data).toEqual({ __typename: 'Query' });
  }

  const importXlsx = (key: string, content: Buffer, token = customer.token) =>
    api.gql<{ importTemplate: { key: string } }>(IMPORT, {
      token,
      variables: {
        i: {
          format: 'XLSX',
          fileName: `${key}.xlsx`,
          contentBase64: content.toString('base64'),
          key,
          title: 'Bomb',
        },
      },
    });

  it('importTemplate: a 177 KB XLSX holding one 180-million-character string is refused', async () => {
    const bomb = await sharedStringBomb();
    expect(bomb.length).toBeLessThan(190 * 1024);
    const response = await importXlsx('shared-string-bomb', bomb);
    expect(response.body.data).toBeNull();
    expect(response.body.errors).toHaveLength(1);
    expect(response.body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('A part of the file unpacks to more than 25 MB.'),
      extensions: { code: 'BAD_USER_INPUT', reason: 'IMPORT_FAILED' },
    });
    expect(JSON.stringify(response.body)).not.toMatch(/at \w+ \(|heap|stack/i);
    await stillServing();

    // And an honest spreadsheet still imports.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Questions');
    sheet.addRow(['family_id', 'family_title', 'question_id', 'question', 'answer_type', 'weight']);
    sheet.addRow(['access', 'Remote access', 'RA-01', 'Is MFA enforced?', 'yes_no', '5']);
    const honest = await importXlsx(
      'after-the-bomb',
      Buffer.from(await workbook.xlsx.writeBuffer()),
    );
    expect(honest.body.errors).toBeUndefined();
    expect(honest.body.data?.importTemplate).toMatchObject({ key: 'after-the-bomb' });
  });

  it('workbook PUT: four 150 MB sheets hidden behind a lying entry count are refused', async () => {
    const assessmentId = await new AssessmentFixtures(api.app, customer, msp).sent();
    const download = await api
      .http()
      .get(`/inbox/assessments/${assessmentId}/workbook`)
      .set('Authorization', `Bearer ${msp.token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    const bomb = await hiddenSheetsBomb(download.body as Buffer);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);

    const upload = (content: Buffer) =>
      api
        .http()
        .put(`/inbox/assessments/${assessmentId}/workbook`)
        .set('Authorization', `Bearer ${msp.token}`)
        .set('Content-Type', 'application/octet-stream')
        .send(content);
    const response = await upload(bomb);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'WORKBOOK_INVALID',
      problems: [
        {
          cell: 'file',
          questionId: null,
          message: expect.stringMatching(
            /^The file is damaged: its table of contents claims \d+ parts but holds \d+\.$/,
          ),
        },
      ],
    });
    await stillServing();

    // The workbook as downloaded still uploads (nothing typed: nothing saved).
    const honest = await upload(download.body as Buffer);
    expect(honest.status).toBe(200);
    expect(honest.body).toEqual({ saved: 0, unchanged: 0 });
  });
});

/** The built API in its own process with the heap it ships with, as the reporter ran it. */
describe('a spreadsheet bomb against the built API with its shipped heap', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cascade-bombs-'));

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses the shared-string bomb from a signed-up user and keeps serving', async () => {
    const api = await spawnApi(dataDir, 'warn', { NODE_OPTIONS: shippedRuntime().NODE_OPTIONS });
    try {
      // A fresh embedded database takes its time on a busy machine (see process-lifecycle).
      await api.ready(90_000);
      const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
        const response = await fetch(`http://127.0.0.1:${api.port}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({ query, variables }),
        });
        return (await response.json()) as {
          data?: Record<string, { accessToken?: string }> | null;
          errors?: { message: string; extensions?: { code?: string } }[];
        };
      };
      const signedUp = await gql(
        'mutation($i: SignUpInput!) { signUp(input: $i) { accessToken } }',
        {
          i: {
            email: 'bomber@example.test',
            password: TEST_PASSWORD,
            displayName: 'Bo',
            organizationName: 'Bomb Test',
          },
        },
      );
      const token = signedUp.data?.signUp.accessToken;
      expect(token).toEqual(expect.any(String));

      const bomb = await sharedStringBomb();
      const refused = await gql(
        IMPORT,
        {
          i: {
            format: 'XLSX',
            fileName: 'bomb.xlsx',
            contentBase64: bomb.toString('base64'),
            key: 'bomb',
            title: 'Bomb',
          },
        },
        token,
      );
      expect(refused.errors?.[0]).toMatchObject({
        message: expect.stringContaining('unpacks to more than 25 MB'),
        extensions: { code: 'BAD_USER_INPUT' },
      });
      expect(await gql('{ __typename }', {})).toEqual({ data: { __typename: 'Query' } });
      expect(api.process.exitCode).toBeNull();
    } finally {
      api.process.kill('SIGTERM');
      await api.exited();
    }
  }, 150_000);
});
