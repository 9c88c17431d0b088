import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AssessmentFixtures,
  createIntegrationContext,
  createTestTenant,
  type IntegrationContext,
  type TestTenant,
  testConfig,
} from '@app/testing';
import { VendorsModule } from '@app/vendors';
import { AssessmentsModule } from '../assessments.module.js';
import { AssessmentsService } from '../customer/assessments.service.js';
import { AnsweringService } from '../respondent/answering.service.js';
import { EvidenceService } from './evidence.service.js';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a3a4f55a0000000049454e44ae426082',
  'hex',
);

describe('evidence on answers', () => {
  let ctx: IntegrationContext;
  let evidence: EvidenceService;
  let customer: TestTenant;
  let msp: TestTenant;
  let fixtures: AssessmentFixtures;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cascade-evidence-'));
    ctx = await createIntegrationContext([VendorsModule, AssessmentsModule], {
      config: testConfig({ CASCADE_DATA_DIR: dataDir, EVIDENCE_MAX_MB: '1' }),
    });
    evidence = ctx.get(EvidenceService);
    customer = await createTestTenant(ctx.app, 'Evidence Customer');
    msp = await createTestTenant(ctx.app, 'Evidence MSP', { answersAssessments: true });
    fixtures = new AssessmentFixtures(ctx.app, customer, msp);
  });

  afterAll(() => ctx.close());

  async function firstQuestion(id: string): Promise<string> {
    return (await customer.as(() => ctx.get(AssessmentsService).get(id))).questionIds[0];
  }

  it('stores a file once by content and lets both sides, and only they, read it', async () => {
    const id = await fixtures.sent();
    const q = await firstQuestion(id);
    const a = await msp.as(() => evidence.upload(id, q, 'diagram.png', PNG));
    const b = await msp.as(() => evidence.upload(id, q, 'same-diagram.png', PNG));
    expect(a).toMatchObject({ mediaType: 'image/png', sizeBytes: PNG.length });
    expect(b.sha256).toBe(a.sha256);
    const seen = await customer.as(() => evidence.download('customer', a.id));
    expect(seen.content.equals(PNG)).toBe(true);
    expect((await msp.as(() => evidence.download('vendor', a.id))).file.fileName).toBe(
      'diagram.png',
    );
    const stranger = await createTestTenant(ctx.app, 'Evidence Stranger');
    for (const side of ['customer', 'vendor'] as const) {
      await expect(stranger.as(() => evidence.download(side, a.id))).rejects.toMatchObject({
        code: 'EVIDENCE_FILE_NOT_FOUND',
      });
    }
    // The customer cannot pose as the vendor to upload.
    await expect(customer.as(() => evidence.upload(id, q, 'x.png', PNG))).rejects.toMatchObject({
      code: 'ASSESSMENT_NOT_FOUND',
    });
  });

  it('refuses files over the limit and files whose content is not what their name says', async () => {
    const id = await fixtures.sent();
    const q = await firstQuestion(id);
    const big = Buffer.alloc(1024 * 1024 + 1, 'a');
    await expect(msp.as(() => evidence.upload(id, q, 'log.txt', big))).rejects.toMatchObject({
      code: 'EVIDENCE_TOO_LARGE',
    });
    await expect(msp.as(() => evidence.upload(id, q, 'policy.pdf', PNG))).rejects.toMatchObject({
      code: 'EVIDENCE_TYPE_MISMATCH',
    });
    await expect(
      msp.as(() => evidence.upload(id, q, 'page.html', Buffer.from('<html><script></script>'))),
    ).rejects.toMatchObject({ code: 'EVIDENCE_TYPE_NOT_ALLOWED' });
    const content = await msp.as(() =>
      ctx
        .get(AssessmentsService)
        .content(id)
        .catch(() => null),
    );
    expect(content).toBeNull();
  });

  it('stops evidence changes once the assessment is submitted', async () => {
    const id = await fixtures.answered();
    const q = await firstQuestion(id);
    const file = await msp.as(() => evidence.upload(id, q, 'notes.txt', Buffer.from('ok\n')));
    await msp.as(() => ctx.get(AnsweringService).submit(id));
    await expect(msp.as(() => evidence.remove(file.id))).rejects.toMatchObject({
      code: 'TRANSITION_NOT_ALLOWED',
    });
    await expect(
      msp.as(() => evidence.upload(id, q, 'late.txt', Buffer.from('late\n'))),
    ).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
  });

  it('takes a removed file off the answer for both sides', async () => {
    const id = await fixtures.sent();
    const q = await firstQuestion(id);
    const file = await msp.as(() => evidence.upload(id, q, 'old.txt', Buffer.from('old\n')));
    await msp.as(() => evidence.remove(file.id));
    await expect(customer.as(() => evidence.download('customer', file.id))).rejects.toMatchObject({
      code: 'EVIDENCE_FILE_NOT_FOUND',
    });
    const content = await customer.as(() => ctx.get(AssessmentsService).content(id));
    expect(content.evidence).toEqual([]);
  });
});
