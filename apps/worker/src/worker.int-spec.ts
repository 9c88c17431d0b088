import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { COLLECT_STORED_EVIDENCE, COLLECT_TENANT_EVIDENCE } from '@app/assessments';
import { AuditTrailService, VERIFY_ALL_AUDIT_CHAINS, VERIFY_AUDIT_CHAIN } from '@app/audit';
import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { JobQueue } from '@app/jobs';
import { Tenant } from '@app/tenancy';
import {
  closeOwnerDataSource,
  createTestDatabase,
  openOwnerDataSource,
  type TestDatabase,
  testConfig,
} from '@app/testing';
import type { INestApplicationContext } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createWorkerApp } from './create-worker-app.js';

describe('the worker app', () => {
  let database: TestDatabase;
  let worker: INestApplicationContext;
  let owner: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    worker = await createWorkerApp(testConfig(), database.target);
    owner = await openOwnerDataSource(worker, database);
  });

  afterAll(async () => {
    await closeOwnerDataSource(worker);
    await worker.close();
    await database.drop();
  });

  async function tenantWithEvents(): Promise<string> {
    const id = randomUUID();
    await worker.get(TenantDatabase).forTenant(id, async (manager) => {
      await manager.insert(Tenant, { id, name: `Worker Org ${id.slice(0, 8)}` });
      await worker.get(AuditTrailService).record({ action: 'test.event', objectType: 'test' });
    });
    return id;
  }

  async function jobStates(queue: string, tenantIds: string[]): Promise<string[]> {
    const rows = await owner.query<{ state: string }[]>(
      `SELECT state FROM pgboss.job WHERE name = $1 AND data->>'tenantId' = ANY($2) ORDER BY state`,
      [queue, tenantIds],
    );
    return rows.map((row) => row.state);
  }

  const verificationStates = (tenantIds: string[]) => jobStates(VERIFY_AUDIT_CHAIN.name, tenantIds);

  it('boots, and fans the scheduled audit verification out into one job per tenant', async () => {
    const tenants = [await tenantWithEvents(), await tenantWithEvents()];
    const context = worker.get(RequestContext);
    await context.run({}, () => worker.get(JobQueue).send(VERIFY_ALL_AUDIT_CHAINS, {}));
    const deadline = Date.now() + 30_000;
    let states = await verificationStates(tenants);
    while (states.join() !== 'completed,completed' && Date.now() < deadline) {
      await sleep(250);
      states = await verificationStates(tenants);
    }
    expect(states).toEqual(['completed', 'completed']);
  });

  it('runs the evidence collection on the queue, one collection per tenant', async () => {
    const tenants = [await tenantWithEvents(), await tenantWithEvents()];
    const context = worker.get(RequestContext);
    await context.run({}, () => worker.get(JobQueue).send(COLLECT_STORED_EVIDENCE, {}));
    const deadline = Date.now() + 30_000;
    let states = await jobStates(COLLECT_TENANT_EVIDENCE.name, tenants);
    while (states.join() !== 'completed,completed' && Date.now() < deadline) {
      await sleep(250);
      states = await jobStates(COLLECT_TENANT_EVIDENCE.name, tenants);
    }
    expect(states).toEqual(['completed', 'completed']);
  });
});
