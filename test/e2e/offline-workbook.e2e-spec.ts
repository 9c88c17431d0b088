import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { InboxService } from '@app/assessments';
import type { Question } from '@app/catalog';
import {
  AssessmentFixtures,
  sampleAnswer,
  sampleQuestions,
  type TestTenant,
  testConfig,
} from '@app/testing';
import ExcelJS from 'exceljs';
import { startTestApi, type TestApi } from '../support/test-api.js';

const ANSWER_COLUMN = 5;
const NOT_APPLICABLE_COLUMN = 6;
const JUSTIFICATION_COLUMN = 7;
const KB = 1024;
const MB = 1024 * KB;

/** What an MSP would type into the Answer cell for a sample answer. */
function cellFor(question: Question): {
  answer?: string | number;
  notApplicable?: string;
  justification?: string;
} {
  const { value, notApplicable, notApplicableReason } = sampleAnswer(question);
  if (notApplicable) return { notApplicable: 'Y', justification: notApplicableReason ?? '' };
  if (Array.isArray(value)) return { answer: value.join('; ') };
  return { answer: value as string | number };
}

/**
 * The offline round trip over HTTP: the MSP downloads the workbook, fills it in without Cascade,
 * and uploads it; one bad cell refuses the whole upload and changes nothing.
 */
describe('offline workbook round trip', () => {
  let api: TestApi;
  let msp: TestTenant;
  let customer: TestTenant;
  let assessmentId: string;
  let questions: Question[];

  beforeAll(async () => {
    api = await startTestApi(testConfig({ EVIDENCE_MAX_MB: '1' }));
    customer = await api.tenant('Workbook Customer');
    msp = await api.tenant('Workbook MSP', { answersAssessments: true });
    const fixtures = new AssessmentFixtures(api.app, customer, msp);
    assessmentId = await fixtures.sent();
    const content = await msp.as(() => api.app.get(InboxService).content(assessmentId));
    // The questions the sample answers show: a hidden one takes no answer.
    questions = sampleQuestions(content.template);
  });

  afterAll(() => api.close());

  async function download(): Promise<ExcelJS.Workbook> {
    const response = await api
      .http()
      .get(`/inbox/assessments/${assessmentId}/workbook`)
      .set('Authorization', `Bearer ${msp.token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as ArrayBuffer);
    return workbook;
  }

  async function upload(workbook: ExcelJS.Workbook) {
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    return api
      .http()
      .put(`/inbox/assessments/${assessmentId}/workbook`)
      .set('Authorization', `Bearer ${msp.token}`)
      .set('Content-Type', 'application/octet-stream')
      .send(bytes);
  }

  function fill(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
    const sheet = workbook.getWorksheet('Answers') as ExcelJS.Worksheet;
    const byId = new Map(questions.map((q) => [q.id, q]));
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const question = byId.get(row.getCell(1).text);
      if (!question) return;
      const cell = cellFor(question);
      if (cell.answer !== undefined) row.getCell(ANSWER_COLUMN).value = cell.answer;
      if (cell.notApplicable) row.getCell(NOT_APPLICABLE_COLUMN).value = cell.notApplicable;
      if (cell.justification) row.getCell(JUSTIFICATION_COLUMN).value = cell.justification;
    });
    return sheet;
  }

  async function storedVersions(): Promise<Record<string, number>> {
    const content = await msp.as(() => api.app.get(InboxService).content(assessmentId));
    return Object.fromEntries([...content.answers].map(([id, a]) => [id, a.version]));
  }

  it('refuses a workbook with one bad cell, naming it, and applies nothing', async () => {
    const workbook = await download();
    const sheet = fill(workbook);
    const yesNoRow = [...Array(sheet.rowCount).keys()]
      .map((i) => sheet.getRow(i + 1))
      .find(
        (row) => questions.find((q) => q.id === row.getCell(1).value)?.answer.type === 'yes_no',
      );
    if (!yesNoRow) throw new Error('the assessment has no yes/no question');
    yesNoRow.getCell(ANSWER_COLUMN).value = 'sometimes';

    const response = await upload(workbook);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'WORKBOOK_INVALID',
      problems: [
        {
          cell: `Answers!E${yesNoRow.number}`,
          questionId: yesNoRow.getCell(1).value,
          message: expect.stringContaining('yes, partial, no'),
        },
      ],
    });
    expect(await storedVersions()).toEqual({});
  });

  it('saves every answer typed offline, then reports nothing changed on a second upload', async () => {
    const workbook = await download();
    fill(workbook);
    const first = await upload(workbook);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ saved: questions.length, unchanged: 0 });
    const versions = await storedVersions();
    expect(Object.keys(versions).sort()).toEqual(questions.map((q) => q.id).sort());

    // The round trip: what Cascade exports is what was imported.
    const again = await upload(await download());
    expect(again.body).toEqual({ saved: 0, unchanged: questions.length });
    expect(await storedVersions()).toEqual(versions);
  });

  it('refuses a workbook exported for another assessment', async () => {
    const other = await new AssessmentFixtures(api.app, customer, msp).sent();
    const workbook = await download();
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await api
      .http()
      .put(`/inbox/assessments/${other}/workbook`)
      .set('Authorization', `Bearer ${msp.token}`)
      .set('Content-Type', 'application/octet-stream')
      .send(bytes);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ reason: 'WORKBOOK_INVALID' });
  });

  it('shows another organization nothing: no workbook, no upload', async () => {
    const stranger = await api.tenant('Workbook Stranger', { answersAssessments: true });
    const response = await api
      .http()
      .get(`/inbox/assessments/${assessmentId}/workbook`)
      .set('Authorization', `Bearer ${stranger.token}`);
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ reason: 'ASSESSMENT_NOT_FOUND' });
  });

  /**
   * Declares a 900 KB body (under the cap), sends only its first 64 KB and waits: the answer
   * can only come before the rest if the server decided without reading the body.
   */
  async function answerBeforeTheBody(path: string, token: string): Promise<number> {
    const server = api.app.getHttpServer();
    if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const request = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path,
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/octet-stream',
          'Content-Length': String(900 * KB),
        },
      });
      request.on('response', (response) => {
        response.resume();
        request.destroy();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.write(Buffer.alloc(64 * KB, 'x'));
    });
  }

  it('answers a workbook PUT to an assessment the caller may not answer with 404, before its body', async () => {
    const otherMsp = await api.tenant('Workbook Other MSP', { answersAssessments: true });
    const othersAssessment = await new AssessmentFixtures(api.app, customer, otherMsp).sent();
    const targets = [
      randomUUID(),
      // Another MSP's assessment: it exists, but not for this caller.
      othersAssessment,
    ];
    for (const target of targets) {
      expect(await answerBeforeTheBody(`/inbox/assessments/${target}/workbook`, msp.token)).toBe(
        404,
      );
    }
    // The customer may not answer its own assessment either: it is not addressed to it.
    expect(
      await answerBeforeTheBody(`/inbox/assessments/${assessmentId}/workbook`, customer.token),
    ).toBe(404);
  });

  it('refuses a workbook file past the cap with 413, reading no more than the cap', async () => {
    const response = await api
      .http()
      .put(`/inbox/assessments/${assessmentId}/workbook`)
      .set('Authorization', `Bearer ${msp.token}`)
      .set('Content-Type', 'application/octet-stream')
      .send(Buffer.alloc(MB + 1, 'x'));
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      reason: 'WORKBOOK_FILE_TOO_LARGE',
      maxBytes: MB,
    });
  });
});
