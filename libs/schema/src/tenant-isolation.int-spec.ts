import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditModule, AuditTrailService } from '@app/audit';
import { APP_ROLE, TenantDatabase } from '@app/database';
import { TenancyModule, Tenant } from '@app/tenancy';
import {
  createIntegrationContext,
  createTestTenant,
  type IntegrationContext,
  type TestTenant,
  testConfig,
} from '@app/testing';
import type { EntityManager } from 'typeorm';

/**
 * Row-level security as the second wall: every query here is deliberately unscoped (no
 * `WHERE tenant_id = ...`), as if the code-level scope had a bug. Runs on PGlite and PostgreSQL.
 */
describe('tenant isolation by row-level security', () => {
  let ctx: IntegrationContext;
  let db: TenantDatabase;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    // One connection, so "the next request" really reuses the connection the last one released.
    ctx = await createIntegrationContext([TenancyModule, AuditModule], {
      config: testConfig({ DB_POOL_SIZE: '1' }),
    });
    db = ctx.get(TenantDatabase);
    a = await createTestTenant(ctx.app, 'Alpha');
    b = await createTestTenant(ctx.app, 'Beta');
    await a.as(() =>
      ctx.get(AuditTrailService).record({
        action: 'test.sentinel',
        objectType: 'test',
        summary: { marker: 'SENTINEL-A' },
      }),
    );
  });

  afterAll(() => ctx.close());

  const unscoped = (manager: EntityManager, sql: string, params: unknown[] = []) =>
    manager.query<Record<string, unknown>[]>(sql, params);

  it('shows a tenant only its own rows, even to unscoped queries', async () => {
    const tenants = await b.as(() => db.transaction((m) => unscoped(m, 'SELECT id FROM tenants')));
    expect(tenants).toEqual([{ id: b.tenant.id }]);
    const events = await b.as(() =>
      db.transaction((m) => unscoped(m, 'SELECT tenant_id, summary FROM audit_events')),
    );
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((row) => row.tenant_id === b.tenant.id)).toBe(true);
    expect(JSON.stringify(events)).not.toContain('SENTINEL-A');
  });

  it('runs tenant transactions as the non-bypassing app role', async () => {
    const [row] = await b.as(() =>
      db.transaction((m) => unscoped(m, 'SELECT current_user AS role')),
    );
    expect(row).toEqual({ role: APP_ROLE });
  });

  it('rejects writes into another tenant', async () => {
    await expect(
      b.as(() =>
        db.transaction((m) =>
          unscoped(
            m,
            `INSERT INTO stored_blobs (tenant_id, sha256, size_bytes) VALUES ($1, repeat('0', 64), 1)`,
            [a.tenant.id],
          ),
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await b.as(() =>
      db.transaction((m) => m.update(Tenant, { id: a.tenant.id }, { name: 'hijacked' })),
    );
    expect(updated.affected).toBe(0);
    const name = await a.as(() =>
      db.transaction((m) => m.findOneByOrFail(Tenant, { id: a.tenant.id })),
    );
    expect(name.name).toBe('Alpha');
  });

  it('shows no tenant row to the app role outside a tenant context', async () => {
    const rows = await ctx.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('role', $1, true)`, [APP_ROLE]);
      return unscoped(m, 'SELECT id FROM tenants UNION ALL SELECT tenant_id FROM audit_events');
    });
    expect(rows).toEqual([]);
  });

  it('refuses tenant data in code when no tenant is in the context', async () => {
    await expect(db.transaction((m) => unscoped(m, 'SELECT 1'))).rejects.toThrow(/No tenant/);
  });

  it('keeps 40 concurrent transactions for alternating tenants apart', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const tenant = i % 2 === 0 ? a : b;
        return tenant.as(() =>
          db.transaction(async (m) => {
            const rows = await unscoped(m, 'SELECT id FROM tenants');
            await new Promise((resolve) => setTimeout(resolve, i % 3));
            const setting = await unscoped(m, `SELECT current_setting('app.tenant_id') AS t`);
            return { expected: tenant.tenant.id, rows, setting: setting[0]?.t };
          }),
        );
      }),
    );
    for (const result of results) {
      expect(result.rows).toEqual([{ id: result.expected }]);
      expect(result.setting).toBe(result.expected);
    }
  });

  it('leaves no tenant setting behind on the connection', async () => {
    await a.as(() => db.transaction((m) => unscoped(m, 'SELECT 1')));
    const rows = await ctx.dataSource.query<{ t: string | null; role: string }[]>(
      `SELECT current_setting('app.tenant_id', true) AS t, current_user AS role`,
    );
    expect(rows[0]?.t ?? '').toBe('');
    expect(rows[0]?.role).not.toBe(APP_ROLE);
  });
});
