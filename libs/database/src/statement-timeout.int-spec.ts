import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Actor, SYSTEM_ACTOR } from '@app/common';
import { DataSource } from 'typeorm';
import { createIntegrationContext, type IntegrationContext, testConfig } from '@app/testing';
import { TenantDatabase } from './tenant-database.js';
import { TenantSingleFlight } from './tenant-single-flight.js';

/** Runaway statements are cancelled on a server instead of holding a connection forever. */
const onServer = process.env.DATABASE_URL ? describe : describe.skip;

onServer('statement timeout (PostgreSQL server)', () => {
  let ctx: IntegrationContext;

  beforeAll(async () => {
    ctx = await createIntegrationContext([], {
      config: testConfig({
        DB_STATEMENT_TIMEOUT_MS: '300',
        DB_REQUEST_STATEMENT_TIMEOUT_MS: '150',
      }),
    });
  });

  afterAll(() => ctx.close());

  // As the app's own pool: what serving processes run their statements on.
  it('cancels a statement that runs past the limit, and the pool keeps serving', async () => {
    await expect(ctx.get(DataSource).query('SELECT pg_sleep(2)')).rejects.toThrow(
      /statement timeout/,
    );
    await expect(ctx.get(DataSource).query('SELECT 1 AS ok')).resolves.toEqual([{ ok: 1 }]);
  });

  /** A statement that takes about `ms` milliseconds, in a tenant transaction as `actor`. */
  function sleepAs(actor: Actor, ms: number, wrap = <T>(work: () => Promise<T>) => work()) {
    const tenantId = randomUUID();
    return ctx.context.run({ tenantId, actor }, () =>
      wrap(() =>
        ctx
          .get(TenantDatabase)
          .transaction((manager) => manager.query(`SELECT pg_sleep($1)`, [ms / 1000])),
      ),
    );
  }

  it('cuts an ordinary request sooner than background work, per class of work', async () => {
    const person: Actor = { type: 'user', id: randomUUID() };
    const key: Actor = { type: 'api_key', id: randomUUID() };
    // 220 ms: past the request limit (150 ms), within the background one (300 ms).
    await expect(sleepAs(person, 220)).rejects.toThrow(/statement timeout/);
    await expect(sleepAs(key, 220)).rejects.toThrow(/statement timeout/);
    await expect(sleepAs(SYSTEM_ACTOR, 220)).resolves.toHaveLength(1);
    // An expensive operation (one at a time per tenant) gets the background limit...
    const flights = ctx.get(TenantSingleFlight);
    await expect(
      sleepAs(person, 220, (work) => flights.run('statement timeout test', work)),
    ).resolves.toHaveLength(1);
    // ...and no more.
    await expect(
      sleepAs(person, 500, (work) => flights.run('statement timeout test', work)),
    ).rejects.toThrow(/statement timeout/);
  });
});
