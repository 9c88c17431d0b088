import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MissingTenantContextError } from '@app/common';
import { TenantDatabase } from '@app/database';
import {
  createIntegrationContext,
  createTestTenant,
  type IntegrationContext,
  type TestTenant,
} from '@app/testing';

/** The one-message read every request makes: under RLS as the app role, and nothing left behind. */
describe('TenantDatabase.readInOneTrip', () => {
  let ctx: IntegrationContext;
  let first: TestTenant;
  let second: TestTenant;

  beforeAll(async () => {
    ctx = await createIntegrationContext([]);
    first = await createTestTenant(ctx.app);
    second = await createTestTenant(ctx.app);
  });

  afterAll(() => ctx.close());

  const read = (as: TestTenant) =>
    as.as(() =>
      ctx.get(TenantDatabase).readInOneTrip<{ id: string; who: string; user: string }>(
        `SELECT id, current_user AS who, current_setting('app.user_id', true) AS user
           FROM tenants`,
      ),
    );

  it("sees only the context's tenant, as the app role, with the caller's settings", async () => {
    expect(await read(first)).toEqual([
      { id: first.tenant.id, who: 'cascade_app', user: first.userId },
    ]);
    expect(await read(second)).toEqual([
      { id: second.tenant.id, who: 'cascade_app', user: second.userId },
    ]);
  });

  it('leaves neither the role nor the settings on the pooled connection', async () => {
    await read(first);
    const [after] = await ctx.dataSource.query<{ who: string; tenant: string | null }[]>(
      `SELECT current_user AS who, NULLIF(current_setting('app.tenant_id', true), '') AS tenant`,
    );
    expect(after.who).not.toBe('cascade_app');
    expect(after.tenant).toBeNull();
  });

  it('joins a transaction already open in the context', async () => {
    const db = ctx.get(TenantDatabase);
    const rows = await first.as(() =>
      db.transaction(async (manager) => {
        await manager.query(`SELECT set_config('app.probe', 'inside', true)`);
        return db.readInOneTrip<{ probe: string }>(
          `SELECT current_setting('app.probe', true) AS probe`,
        );
      }),
    );
    expect(rows).toEqual([{ probe: 'inside' }]);
  });

  it('refuses to run without a tenant in the context', async () => {
    await expect(ctx.get(TenantDatabase).readInOneTrip('SELECT 1')).rejects.toThrow(
      MissingTenantContextError,
    );
  });
});
