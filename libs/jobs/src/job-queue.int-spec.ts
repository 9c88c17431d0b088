import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { createIntegrationContext, createTestTenant, type IntegrationContext } from '@app/testing';
import { Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { defineJob } from './job-definition.js';
import { JobQueue } from './job-queue.js';

const RECORD = defineJob<{ label: string }>('test.record', { pollingIntervalSeconds: 0.5 });
/** Only ever sent from inside a transaction: its first send must not wait on the database. */
const SENT_IN_TRANSACTION = defineJob<{ label: string }>('test.sent-in-transaction', {
  pollingIntervalSeconds: 0.5,
});
const ALWAYS_FAILS = defineJob<{ label: string }>('test.always-fails', {
  pollingIntervalSeconds: 0.5,
  retryLimit: 2,
  retryDelaySeconds: 1,
  retryDelayMaxSeconds: 1,
});

interface Seen {
  label: string;
  tenantId: string | undefined;
  correlationId: string | undefined;
}

/** Test queues whose handlers report what context they ran in. */
@Injectable()
class TestJobs implements OnModuleInit {
  readonly seen: Seen[] = [];
  failures = 0;

  constructor(
    private readonly queue: JobQueue,
    private readonly context: RequestContext,
  ) {}

  onModuleInit(): void {
    this.queue.register(RECORD, (data) => {
      this.seen.push({
        label: data.label,
        tenantId: this.context.hasTenant ? this.context.tenantId : undefined,
        correlationId: this.context.correlationId,
      });
      return Promise.resolve();
    });
    this.queue.register(SENT_IN_TRANSACTION, (data) => {
      this.seen.push({
        label: data.label,
        tenantId: this.context.tenantId,
        correlationId: undefined,
      });
      return Promise.resolve();
    });
    this.queue.register(ALWAYS_FAILS, () => {
      this.failures++;
      return Promise.reject(new Error('poison job'));
    });
  }
}

@Module({ providers: [TestJobs] })
class TestJobsModule {}

async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  seconds = 20,
): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(100);
  }
}

describe('job queue', () => {
  let ctx: IntegrationContext;
  let queue: JobQueue;
  let jobs: TestJobs;

  beforeAll(async () => {
    ctx = await createIntegrationContext([TestJobsModule], { runJobs: true });
    queue = ctx.get(JobQueue);
    jobs = ctx.get(TestJobs);
  });

  afterAll(() => ctx.close());

  async function jobsNamed(name: string, label: string): Promise<{ state: string }[]> {
    return ctx.dataSource.query(
      `SELECT state FROM pgboss.job WHERE name = $1 AND data->'data'->>'label' = $2`,
      [name, label],
    );
  }

  it('sends a queue’s very first job from inside a transaction without deadlocking', async () => {
    const tenant = await createTestTenant(ctx.app);
    const db = ctx.get(TenantDatabase);
    await tenant.as(() =>
      db.transaction(() => queue.send(SENT_IN_TRANSACTION, { label: 'first' })),
    );
    const seen = await waitFor(() => jobs.seen.find((s) => s.label === 'first'));
    expect(seen.tenantId).toBe(tenant.tenant.id);
  });

  it('runs a job in the tenant and correlation context it was sent from', async () => {
    const tenant = await createTestTenant(ctx.app);
    await ctx.context.run({ tenantId: tenant.tenant.id, correlationId: 'req-job-1' }, () =>
      queue.send(RECORD, { label: 'carried' }),
    );
    const seen = await waitFor(() => jobs.seen.find((s) => s.label === 'carried'));
    expect(seen).toEqual({
      label: 'carried',
      tenantId: tenant.tenant.id,
      correlationId: 'req-job-1',
    });
  });

  it('enqueues inside the caller’s transaction: no job survives a rollback', async () => {
    const tenant = await createTestTenant(ctx.app);
    const db = ctx.get(TenantDatabase);
    await expect(
      tenant.as(() =>
        db.transaction(async () => {
          await queue.send(RECORD, { label: 'rolled-back' });
          throw new Error('the change failed');
        }),
      ),
    ).rejects.toThrow('the change failed');
    await tenant.as(() => db.transaction(() => queue.send(RECORD, { label: 'committed' })));
    await waitFor(() => jobs.seen.find((s) => s.label === 'committed'));
    expect(await jobsNamed(RECORD.name, 'rolled-back')).toEqual([]);
    expect(jobs.seen.some((s) => s.label === 'rolled-back')).toBe(false);
  });

  it('retries a failing job with backoff, then dead-letters it', async () => {
    await queue.send(ALWAYS_FAILS, { label: 'poison' });
    const dead = await waitFor(async () => {
      const rows = await jobsNamed(`${ALWAYS_FAILS.name}.dead`, 'poison');
      return rows.length > 0 ? rows : undefined;
    }, 30);
    expect(dead).toHaveLength(1);
    expect(jobs.failures).toBe(ALWAYS_FAILS.retryLimit + 1);
    expect(await jobsNamed(ALWAYS_FAILS.name, 'poison')).toEqual([{ state: 'failed' }]);
  });
});
