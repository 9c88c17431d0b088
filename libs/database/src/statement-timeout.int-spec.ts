import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { createIntegrationContext, type IntegrationContext, testConfig } from '@app/testing';

/** Runaway statements are cancelled on a server instead of holding a connection forever. */
const onServer = process.env.DATABASE_URL ? describe : describe.skip;

onServer('statement timeout (PostgreSQL server)', () => {
  let ctx: IntegrationContext;

  beforeAll(async () => {
    ctx = await createIntegrationContext([], {
      config: testConfig({ DB_STATEMENT_TIMEOUT_MS: '300' }),
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
});
