import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { mkdir, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@app/common';
import { EvidenceStore } from '@app/evidence';
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
import { EvidenceService } from '../evidence/evidence.service.js';
import { BlobCollector, COLLECTION_GRACE_MS } from './blob-collector.service.js';
import { StorageCollectionJobs } from './storage-collection.jobs.js';
import { StorageUsageService } from './storage-usage.service.js';

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Every file under `folder`, relative to it, sorted (none when it does not exist). */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(folder.length + 1))
    .sort();
}

const stored = (hash: string) => join(hash.slice(0, 2), hash);

/**
 * Garbage collection of the shared, content-addressed store: a tenant's ledger row goes when
 * nothing of that tenant names the file; the file goes only when no tenant's row names it.
 */
describe('evidence garbage collection', () => {
  const clock = new ManualClock(new Date());
  let ctx: IntegrationContext;
  let dataDir: string;
  let storeDir: string;
  let incomingDir: string;
  let collector: BlobCollector;
  let mspA: TestTenant;
  let mspB: TestTenant;
  let assessmentA: string;
  let assessmentB: string;
  let questionA: string;
  let questionB: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cascade-collect-'));
    storeDir = join(dataDir, 'evidence');
    incomingDir = join(dataDir, 'evidence-incoming');
    ctx = await createIntegrationContext([VendorsModule, AssessmentsModule], {
      config: testConfig({ CASCADE_DATA_DIR: dataDir }),
      clock,
    });
    collector = ctx.get(BlobCollector);
    const customer = await createTestTenant(ctx.app, 'Collect Customer');
    mspA = await createTestTenant(ctx.app, 'Collect MSP A', { answersAssessments: true });
    mspB = await createTestTenant(ctx.app, 'Collect MSP B', { answersAssessments: true });
    const first = async (id: string) =>
      (await customer.as(() => ctx.get(AssessmentsService).get(id))).questionIds[0];
    assessmentA = await new AssessmentFixtures(ctx.app, customer, mspA).sent();
    assessmentB = await new AssessmentFixtures(ctx.app, customer, mspB).sent();
    questionA = await first(assessmentA);
    questionB = await first(assessmentB);
  });

  afterAll(async () => {
    await ctx.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** A ledger row naming `content` for `tenant`, as an upload whose recording row is gone. */
  async function unreferencedUpload(tenant: TestTenant, content: Buffer): Promise<string> {
    await ctx.app.get(EvidenceStore).put(content);
    await ctx.dataSource.query(
      `INSERT INTO stored_blobs (tenant_id, sha256, size_bytes) VALUES ($1, $2, $3)`,
      [tenant.tenant.id, sha256(content), content.length],
    );
    return sha256(content);
  }

  async function ledger(): Promise<string[]> {
    const rows = await ctx.dataSource.query<{ tenant_id: string; sha256: string }[]>(
      `SELECT tenant_id, sha256 FROM stored_blobs ORDER BY tenant_id, sha256`,
    );
    const name = (id: string) => (id === mspA.tenant.id ? 'A' : id === mspB.tenant.id ? 'B' : id);
    return rows.map((r) => `${name(r.tenant_id)}:${r.sha256.slice(0, 8)}`).sort();
  }

  const later = () => clock.set(new Date(Date.now() + 2 * COLLECTION_GRACE_MS));

  it('drops only unreferenced rows, and keeps a file another tenant still names', async () => {
    clock.set(new Date());
    const kept = Buffer.from('A: MFA policy, named by an answer\n');
    await mspA.as(() => ctx.get(EvidenceService).upload(assessmentA, questionA, 'mfa.txt', kept));
    const shared = Buffer.from('Shared: the same SOC 2 bridge letter\n');
    await mspB.as(() =>
      ctx.get(EvidenceService).upload(assessmentB, questionB, 'soc2.txt', shared),
    );
    await unreferencedUpload(mspA, shared);
    const orphan = await unreferencedUpload(mspA, Buffer.from('A: an upload nothing names\n'));
    const before = await ledger();
    const filesBefore = await filesUnder(storeDir);

    // Within the grace period nothing is touched: an upload may still be recording.
    expect(await mspA.as(() => collector.collectTenant())).toEqual({
      rowsRemoved: 0,
      filesRemoved: 0,
    });
    expect(await ledger()).toEqual(before);

    later();
    expect(await mspA.as(() => collector.collectTenant())).toEqual({
      rowsRemoved: 2,
      filesRemoved: 1,
    });
    expect(await ledger()).toEqual(
      [`A:${sha256(kept).slice(0, 8)}`, `B:${sha256(shared).slice(0, 8)}`].sort(),
    );
    // The orphan's bytes are gone; the shared file stays, B's row names it.
    expect(await filesUnder(storeDir)).toEqual(filesBefore.filter((f) => f !== stored(orphan)));
    expect(await filesUnder(storeDir)).toContain(stored(sha256(shared)));
    expect(await mspA.as(() => ctx.get(StorageUsageService).usage())).toMatchObject({
      files: 1,
      usedBytes: kept.length,
    });

    // B names its file: nothing of B's goes.
    expect(await mspB.as(() => collector.collectTenant())).toEqual({
      rowsRemoved: 0,
      filesRemoved: 0,
    });
  });

  it('sweeps stale temporary files and files no tenant claims, nothing else', async () => {
    later();
    const old = new Date(Date.now() - 1000);
    await mkdir(incomingDir, { recursive: true });
    const staleUpload = join(incomingDir, 'stale.upload');
    const liveUpload = join(incomingDir, 'live.upload');
    await writeFile(staleUpload, 'half an upload');
    await writeFile(liveUpload, 'an upload in progress');
    await utimes(staleUpload, old, old);
    await utimes(liveUpload, clock.now(), clock.now());
    const unclaimed = (await ctx.app.get(EvidenceStore).put(Buffer.from('nobody names me\n')))
      .sha256;
    const leftover = join(storeDir, unclaimed.slice(0, 2), `.${unclaimed}.crash.tmp`);
    await writeFile(leftover, 'a crashed write');
    await utimes(leftover, old, old);
    // A file an upload row names, with no ledger row (uploaded before the ledger existed).
    const legacy = Buffer.from('uploaded before the ledger\n');
    const legacyFile = await mspB.as(() =>
      ctx.get(EvidenceService).upload(assessmentB, questionB, 'legacy.txt', legacy),
    );
    await ctx.dataSource.query(`DELETE FROM stored_blobs WHERE sha256 = $1`, [legacyFile.sha256]);
    const filesBefore = await filesUnder(storeDir);

    expect(await collector.collectStore()).toEqual({ temporaryFiles: 2, orphanFiles: 1 });

    expect(await filesUnder(incomingDir)).toEqual(['live.upload']);
    expect(await filesUnder(storeDir)).toEqual(
      filesBefore.filter(
        (f) =>
          f !== stored(unclaimed) && f !== join(unclaimed.slice(0, 2), `.${unclaimed}.crash.tmp`),
      ),
    );
    expect(await filesUnder(storeDir)).toContain(stored(legacyFile.sha256));
  });

  it('schedules the collection daily and fans it out to every tenant', async () => {
    const [schedule] = await ctx.dataSource.query<{ cron: string }[]>(
      `SELECT cron FROM pgboss.schedule WHERE name = 'evidence.collect'`,
    );
    expect(schedule).toEqual({ cron: '0 4 * * *' });
    await ctx.get(StorageCollectionJobs).collectStore();
    const jobs = await ctx.dataSource.query<{ tenant: string }[]>(
      `SELECT data->>'tenantId' AS tenant FROM pgboss.job WHERE name = 'evidence.collect-tenant'`,
    );
    expect(jobs.map((j) => j.tenant)).toEqual(
      expect.arrayContaining([mspA.tenant.id, mspB.tenant.id]),
    );
  });
});
