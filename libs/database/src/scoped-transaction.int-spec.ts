import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MissingTenantContextError } from '@app/common';
import { runScopedTransaction, TenantDatabase } from '@app/database';
import { Tenant } from '@app/tenancy';
import { QueryFailedError } from 'typeorm';
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

  it('takes parameters as literals that arrive exactly as bound ones would', async () => {
    const hostile = ["it's", 'back\\slash', "'); DROP TABLE tenants; --", 'ünï €', '$1'];
    const values = [...hostile, -5, 2.5, true, null, ['a"b', "c'd", null, '{e}']];
    const casts = [
      'text',
      'text',
      'text',
      'text',
      'text',
      'int',
      'float8',
      'bool',
      'uuid',
      'text[]',
    ];
    const sql = `SELECT ${casts.map((cast, i) => `$${i + 1}::${cast} AS v${i}`).join(', ')}`;
    const [inlined] = await first.as(() => ctx.get(TenantDatabase).readInOneTrip(sql, values));
    const [bound] = await ctx.dataSource.query<Record<string, unknown>[]>(sql, values);
    expect(inlined).toEqual(bound);
    expect(Object.values(bound).slice(0, 5)).toEqual(hostile);
  });

  it('reports a failed statement as TypeORM does, and leaves the connection usable', async () => {
    const failed = first.as(() => ctx.get(TenantDatabase).readInOneTrip('SELECT 1 / $1::int', [0]));
    await expect(failed).rejects.toBeInstanceOf(QueryFailedError);
    await expect(failed).rejects.toMatchObject({ driverError: { code: '22012' } });
    expect(await read(first)).toHaveLength(1);
  });

  it('refuses to run without a tenant in the context', async () => {
    await expect(ctx.get(TenantDatabase).readInOneTrip('SELECT 1')).rejects.toThrow(
      MissingTenantContextError,
    );
  });
});

/** Transactions open with their settings in one message; TypeORM must still see them as open. */
describe('TenantDatabase.transaction', () => {
  let ctx: IntegrationContext;
  let tenant: TestTenant;

  beforeAll(async () => {
    ctx = await createIntegrationContext([]);
    tenant = await createTestTenant(ctx.app);
  });

  afterAll(() => ctx.close());

  const nameNow = async () =>
    (
      await ctx.dataSource.query<{ name: string }[]>(`SELECT name FROM tenants WHERE id = $1`, [
        tenant.tenant.id,
      ])
    )[0].name;

  it('rolls back a save() (which opens no transaction of its own) when the work fails', async () => {
    const db = ctx.get(TenantDatabase);
    const before = await nameNow();
    await expect(
      tenant.as(() =>
        db.transaction(async (manager) => {
          await manager.save(Tenant, { ...tenant.tenant, name: 'Renamed by save' });
          throw new Error('abort');
        }),
      ),
    ).rejects.toThrow('abort');
    expect(await nameNow()).toBe(before);
  });

  it('takes a savepoint for a nested manager.transaction() instead of committing early', async () => {
    const db = ctx.get(TenantDatabase);
    const before = await nameNow();
    await expect(
      tenant.as(() =>
        db.transaction(async (manager) => {
          await manager.transaction((inner) =>
            inner.update(Tenant, { id: tenant.tenant.id }, { name: 'Renamed inside' }),
          );
          throw new Error('abort');
        }),
      ),
    ).rejects.toThrow('abort');
    expect(await nameNow()).toBe(before);
  });

  it('rolls back and frees the connection when a setting is refused', async () => {
    await expect(
      runScopedTransaction(ctx.dataSource, { role: 'no_such_role_here' }, () => Promise.resolve()),
    ).rejects.toThrow();
    // In a leftover transaction now() would be older; in an aborted one the query would fail.
    const [row] = await ctx.dataSource.query<{ fresh: boolean }[]>(
      `SELECT now() = statement_timestamp() AS fresh`,
    );
    expect(row.fresh).toBe(true);
  });
});

/**
 * An injected statement may create temporary tables and change the session's search path on a
 * pooled connection; neither may capture what a later unit of work on that connection reads or
 * writes, whichever tenant it serves.
 */
describe('temporary tables left on a pooled connection', () => {
  let ctx: IntegrationContext;
  let attacker: TestTenant;
  let victim: TestTenant;

  beforeAll(async () => {
    ctx = await createIntegrationContext([]);
    attacker = await createTestTenant(ctx.app);
    victim = await createTestTenant(ctx.app);
  });

  afterAll(() => ctx.close());

  it('never shadow a table of ours, even after the session put pg_temp first', async () => {
    const db = ctx.get(TenantDatabase);
    // As the attacker, in every pooled session the test can reach: a decoy `tenants` that
    // claims to be the victim, and a session-wide search path that would find it first.
    await Promise.all(
      Array.from({ length: 4 }, () =>
        attacker.as(() =>
          db.transaction(async (manager) => {
            await manager.query(`CREATE TEMP TABLE IF NOT EXISTS tenants (id uuid, name text)`);
            await manager.query(`INSERT INTO pg_temp.tenants VALUES ($1, 'decoy')`, [
              victim.tenant.id,
            ]);
            await manager.query(`SELECT set_config('search_path', 'pg_temp, public', false)`);
          }),
        ),
      ),
    );
    const seen = await victim.as(() =>
      db.transaction((manager) =>
        manager.query<{ id: string; name: string; path: string }[]>(
          `SELECT id, name, current_setting('search_path') AS path FROM tenants`,
        ),
      ),
    );
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ id: victim.tenant.id, path: 'public, pg_temp' });
    expect(seen[0].name).not.toBe('decoy');
  });
});
