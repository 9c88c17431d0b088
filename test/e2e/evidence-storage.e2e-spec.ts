import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssessmentsService } from '@app/assessments';
import { AssessmentFixtures, type TestTenant, testConfig } from '@app/testing';
import { startTestApi, type TestApi } from '../support/test-api.js';

const KB = 1024;
const MB = 1024 * KB;

/** Every file under `folder` (none when it does not exist). */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A distinct plain-text file of `size` bytes. */
function textFile(size: number, label = randomUUID()): Buffer {
  const line = `${label}\n`;
  return Buffer.from(line.repeat(Math.ceil(size / line.length)).slice(0, size));
}

interface Usage {
  usedBytes: number;
  quotaBytes: number;
  files: number;
}

/**
 * Issue 13, item 7: uploads used to be written to the store before the ownership check, so
 * uploads to random ids answered 404 and still filled the disk. Now the target is checked before
 * a byte is read, bodies stream to a temporary file that any failure removes, and every tenant's
 * distinct files count against its own quota.
 */
describe('evidence storage: nothing kept from refused uploads, a quota per tenant', () => {
  let dataDir: string;
  let api: TestApi;
  let customer: TestTenant;
  let msp: TestTenant;
  let otherMsp: TestTenant;
  let assessmentId: string;
  let questionId: string;
  let otherAssessmentId: string;
  let otherQuestionId: string;

  const storeDir = () => join(dataDir, 'evidence');
  const incomingDir = () => join(dataDir, 'evidence-incoming');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cascade-storage-'));
    api = await startTestApi(
      testConfig({ CASCADE_DATA_DIR: dataDir, EVIDENCE_MAX_MB: '1', TENANT_STORAGE_QUOTA_MB: '1' }),
    );
    customer = await api.tenant('Storage Customer');
    msp = await api.tenant('Storage MSP', { answersAssessments: true });
    otherMsp = await api.tenant('Other Storage MSP', { answersAssessments: true });
    const firstQuestion = (id: string) =>
      customer.as(async () => (await api.app.get(AssessmentsService).get(id)).questionIds[0]);
    assessmentId = await new AssessmentFixtures(api.app, customer, msp).sent();
    questionId = await firstQuestion(assessmentId);
    otherAssessmentId = await new AssessmentFixtures(api.app, customer, otherMsp).sent();
    otherQuestionId = await firstQuestion(otherAssessmentId);
  });

  afterAll(async () => {
    await api.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  function upload(token: string, path: string, content: Buffer, fileName = 'evidence.txt') {
    return api
      .http()
      .post(`${path}?fileName=${encodeURIComponent(fileName)}`)
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'application/octet-stream')
      .send(content);
  }

  const evidencePath = (assessment: string, question: string) =>
    `/inbox/assessments/${assessment}/questions/${question}/evidence`;

  async function usageOf(token: string): Promise<Usage> {
    const response = await api.gql<{ storageUsage: Usage }>(
      '{ storageUsage { usedBytes quotaBytes files } }',
      { token },
    );
    expect(response.body.errors).toBeUndefined();
    return response.body.data!.storageUsage;
  }

  it('answers uploads to targets the caller may not write with 404 and keeps not a byte', async () => {
    const targets = [
      ...Array.from({ length: 4 }, () => evidencePath(randomUUID(), 'GOV-01')),
      // The MSP's own assessment, but a question it does not ask.
      evidencePath(assessmentId, 'NO-SUCH-1'),
      evidencePath(assessmentId, 'NO-SUCH-2'),
      // Another MSP's assessment: it exists, but not for this caller.
      evidencePath(otherAssessmentId, otherQuestionId),
      '/remediation-items/' + randomUUID() + '/evidence',
    ];
    const statuses = await Promise.all(
      targets.map(async (path) => (await upload(msp.token, path, textFile(MB))).status),
    );

    expect(statuses).toEqual(Array(8).fill(404));
    expect(await filesUnder(storeDir())).toEqual([]);
    expect(await filesUnder(incomingDir())).toEqual([]);
    expect(await usageOf(msp.token)).toEqual({ usedBytes: 0, quotaBytes: MB, files: 0 });
  });

  it('refuses a file over the size cap with 413 and leaves nothing behind', async () => {
    const response = await upload(
      msp.token,
      evidencePath(assessmentId, questionId),
      textFile(MB + 1),
    );

    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      reason: 'EVIDENCE_TOO_LARGE',
    });
    expect(await filesUnder(storeDir())).toEqual([]);
    expect(await filesUnder(incomingDir())).toEqual([]);
  });

  it('refuses an upload past the tenant quota with 413, keeping nothing of it', async () => {
    const first = textFile(600 * KB);
    const accepted = await upload(msp.token, evidencePath(assessmentId, questionId), first);
    expect(accepted.status).toBe(201);

    const refused = await upload(
      msp.token,
      evidencePath(assessmentId, questionId),
      textFile(600 * KB),
    );
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      reason: 'STORAGE_QUOTA_EXCEEDED',
      quotaBytes: MB,
      usedBytes: 600 * KB,
    });
    expect(await filesUnder(storeDir())).toHaveLength(1);
    expect(await filesUnder(incomingDir())).toEqual([]);

    // The same content again costs nothing: the tenant already holds it.
    const again = await upload(
      msp.token,
      evidencePath(assessmentId, questionId),
      first,
      'copy.txt',
    );
    expect(again.status).toBe(201);
    expect(await usageOf(msp.token)).toEqual({ usedBytes: 600 * KB, quotaBytes: MB, files: 1 });
  });

  it('counts the quota per tenant: another MSP is not refused for the first one’s files', async () => {
    const response = await upload(
      otherMsp.token,
      evidencePath(otherAssessmentId, otherQuestionId),
      textFile(700 * KB),
    );

    expect(response.status).toBe(201);
    expect(await usageOf(otherMsp.token)).toEqual({
      usedBytes: 700 * KB,
      quotaBytes: MB,
      files: 1,
    });
    expect(await usageOf(msp.token)).toEqual({ usedBytes: 600 * KB, quotaBytes: MB, files: 1 });
    // The customer that owns both assessments uploaded nothing and is charged nothing.
    expect(await usageOf(customer.token)).toEqual({ usedBytes: 0, quotaBytes: MB, files: 0 });
  });

  it('lets parallel uploads fill the quota but never pass it', async () => {
    const third = await api.tenant('Parallel MSP', { answersAssessments: true });
    const id = await new AssessmentFixtures(api.app, customer, third).sent();
    const q = await customer.as(
      async () => (await api.app.get(AssessmentsService).get(id)).questionIds[0],
    );

    const statuses = await Promise.all(
      Array.from(
        { length: 5 },
        async () => (await upload(third.token, evidencePath(id, q), textFile(300 * KB))).status,
      ),
    );

    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.filter((s) => s === 413)).toHaveLength(2);
    expect(await usageOf(third.token)).toEqual({ usedBytes: 900 * KB, quotaBytes: MB, files: 3 });
    expect(await filesUnder(incomingDir())).toEqual([]);
  });

  it('removes the temporary file when the client goes away mid-upload', async () => {
    const server = api.app.getHttpServer();
    if (!server.listening) await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    const storedBefore = await filesUnder(storeDir());
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `${evidencePath(otherAssessmentId, otherQuestionId)}?fileName=half.txt`,
      headers: {
        Authorization: `Bearer ${otherMsp.token}`,
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(900 * KB),
      },
    });
    request.on('error', () => undefined); // the abort below
    request.write(textFile(300 * KB));

    await eventually(async () => (await filesUnder(incomingDir())).length === 1, 'the temp file');
    request.destroy();
    await eventually(async () => (await filesUnder(incomingDir())).length === 0, 'its removal');

    expect(await filesUnder(storeDir())).toEqual(storedBefore);
    expect(await usageOf(otherMsp.token)).toEqual({
      usedBytes: 700 * KB,
      quotaBytes: MB,
      files: 1,
    });
  });

  it('shows usage to owners and admins only', async () => {
    const admin = await msp.addMember('admin');
    const respondent = await msp.addMember('respondent');

    expect(await usageOf(admin.token)).toEqual({ usedBytes: 600 * KB, quotaBytes: MB, files: 1 });
    const denied = await api.gql('{ storageUsage { usedBytes } }', { token: respondent.token });
    expect(denied.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(denied.body.data ?? null).toBeNull();
  });
});
