import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { TenantDatabase } from '@app/database';
import { type Tenant, TenantsService } from '@app/tenancy';
import { createIntegrationContext, type IntegrationContext } from '@app/testing';
import { AuditModule } from './audit.module.js';
import { InvalidAuditSummaryError } from './audit.errors.js';
import { AuditTrailService } from './audit-trail.service.js';
import { AuditVerifierService } from './audit-verifier.service.js';

interface BareTenant {
  readonly tenant: Tenant;
  readonly userId: string;
  as<T>(fn: () => Promise<T>): Promise<T>;
}

describe('audit trail', () => {
  let ctx: IntegrationContext;
  let trail: AuditTrailService;
  let verifier: AuditVerifierService;

  beforeAll(async () => {
    ctx = await createIntegrationContext([AuditModule]);
    trail = ctx.get(AuditTrailService);
    verifier = ctx.get(AuditVerifierService);
  });

  afterAll(() => ctx.close());

  /** Tampering as a database administrator would: as the owner, with the guard triggers off. */
  async function asAdministrator(sql: string, params: unknown[]): Promise<void> {
    await ctx.dataSource.transaction(async (m) => {
      await m.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
      await m.query(sql, params);
      await m.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
    });
  }

  /** An organization with nothing but its creation event, so counts below are exact. */
  async function bareTenant(): Promise<BareTenant> {
    const tenant = await ctx.get(TenantsService).provision(`Audit Org ${randomUUID().slice(0, 8)}`);
    const userId = randomUUID();
    return {
      tenant,
      userId,
      as: (fn) => ctx.context.run({ tenantId: tenant.id, actor: { type: 'user', id: userId } }, fn),
    };
  }

  async function tenantWithEvents(count: number): Promise<BareTenant> {
    const tenant = await bareTenant();
    for (let i = 0; i < count; i++) {
      await tenant.as(() =>
        trail.record({ action: 'test.event', objectType: 'test', summary: { i } }),
      );
    }
    return tenant;
  }

  it('records who did what, in order, with the request’s correlation id', async () => {
    const tenant = await bareTenant();
    await ctx.context.run(
      {
        tenantId: tenant.tenant.id,
        actor: { type: 'user', id: tenant.userId },
        correlationId: 'req-42',
      },
      () =>
        trail.record({
          action: 'vendor.created',
          objectType: 'vendor',
          objectId: 'v1',
          summary: { name: 'Acme' },
        }),
    );
    const page = await tenant.as(() => trail.list(10));
    expect(page.events.map((e) => [e.seq, e.action])).toEqual([
      ['2', 'vendor.created'],
      ['1', 'tenant.created'],
    ]);
    expect(page.events[0]).toMatchObject({
      actorType: 'user',
      actorId: tenant.userId,
      objectType: 'vendor',
      objectId: 'v1',
      summary: { name: 'Acme' },
      correlationId: 'req-42',
    });
  });

  it('pages newest first without gaps or repeats', async () => {
    const tenant = await tenantWithEvents(5);
    const first = await tenant.as(() => trail.list(4));
    const second = await tenant.as(() => trail.list(4, first.events.at(-1)!.seq));
    expect(first.hasNextPage).toBe(true);
    expect(second.hasNextPage).toBe(false);
    expect([...first.events, ...second.events].map((e) => e.seq)).toEqual([
      '6',
      '5',
      '4',
      '3',
      '2',
      '1',
    ]);
  });

  it('verifies an intact chain, including unicode summaries', async () => {
    const tenant = await tenantWithEvents(3);
    await tenant.as(() =>
      trail.record({
        action: 'test.unicode',
        objectType: 'test',
        summary: { name: 'Zoë 👩‍👩‍👧 ∑ 日本' },
      }),
    );
    await expect(tenant.as(() => verifier.verify())).resolves.toEqual({
      valid: true,
      eventsChecked: 5,
      firstBrokenSeq: null,
      problem: null,
      unkeyedEvents: 0,
    });
  });

  it('detects an edited event', async () => {
    const tenant = await tenantWithEvents(4);
    await asAdministrator(
      `UPDATE audit_events SET summary = '{"i": 99}' WHERE tenant_id = $1 AND seq = 3`,
      [tenant.tenant.id],
    );
    await expect(tenant.as(() => verifier.verify())).resolves.toMatchObject({
      valid: false,
      firstBrokenSeq: '3',
      problem: 'event content does not match its hash',
    });
  });

  it('detects a deleted event, in the middle or at the end', async () => {
    const middle = await tenantWithEvents(4);
    await asAdministrator(`DELETE FROM audit_events WHERE tenant_id = $1 AND seq = 2`, [
      middle.tenant.id,
    ]);
    await expect(middle.as(() => verifier.verify())).resolves.toMatchObject({
      valid: false,
      firstBrokenSeq: '2',
    });

    const end = await tenantWithEvents(3);
    await asAdministrator(`DELETE FROM audit_events WHERE tenant_id = $1 AND seq = 4`, [
      end.tenant.id,
    ]);
    await expect(end.as(() => verifier.verify())).resolves.toMatchObject({
      valid: false,
      firstBrokenSeq: '4',
      problem: 'events missing at the end of the chain',
    });
  });

  it('detects swapped events', async () => {
    const tenant = await tenantWithEvents(3);
    for (const [from, to] of [
      [2, -1],
      [3, 2],
      [-1, 3],
    ]) {
      await asAdministrator(`UPDATE audit_events SET seq = $2 WHERE tenant_id = $1 AND seq = $3`, [
        tenant.tenant.id,
        to,
        from,
      ]);
    }
    await expect(tenant.as(() => verifier.verify())).resolves.toMatchObject({
      valid: false,
      firstBrokenSeq: '2',
    });
  });

  it('keeps one unbroken chain under 50 concurrent appends', async () => {
    const tenant = await bareTenant();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        tenant.as(() =>
          trail.record({ action: 'test.concurrent', objectType: 'test', summary: { i } }),
        ),
      ),
    );
    await expect(tenant.as(() => verifier.verify())).resolves.toMatchObject({
      valid: true,
      eventsChecked: 51,
    });
  });

  it('writes the audit row in the caller’s transaction: a rollback leaves none', async () => {
    const tenant = await bareTenant();
    const db = ctx.get(TenantDatabase);
    await expect(
      tenant.as(() =>
        db.transaction(async () => {
          await trail.record({ action: 'test.rolled-back', objectType: 'test' });
          throw new Error('the change failed');
        }),
      ),
    ).rejects.toThrow('the change failed');
    const page = await tenant.as(() => trail.list(10));
    expect(page.events.map((e) => e.action)).toEqual(['tenant.created']);
    await expect(tenant.as(() => verifier.verify())).resolves.toMatchObject({ valid: true });
  });

  it('refuses UPDATE, DELETE and TRUNCATE to the app role and to the owner', async () => {
    const tenant = await tenantWithEvents(1);
    const db = ctx.get(TenantDatabase);
    for (const sql of [
      `UPDATE audit_events SET action = 'x'`,
      `DELETE FROM audit_events`,
      `TRUNCATE audit_events`,
    ]) {
      await expect(tenant.as(() => db.transaction((m) => m.query(sql)))).rejects.toThrow(
        /permission denied/,
      );
      await expect(ctx.dataSource.query(sql)).rejects.toThrow(/append-only/);
    }
    await expect(tenant.as(() => verifier.verify())).resolves.toMatchObject({
      valid: true,
      eventsChecked: 2,
    });
  });

  it('hides one tenant’s audit trail from another', async () => {
    const a = await tenantWithEvents(2);
    const b = await bareTenant();
    const seen = await b.as(() => trail.list(100));
    expect(seen.events.every((e) => e.tenantId === b.tenant.id)).toBe(true);
    expect(seen.events).toHaveLength(1);
    expect(JSON.stringify(seen)).not.toContain(a.tenant.id);
  });

  it('rejects summaries that PostgreSQL would alter or refuse, before hashing', async () => {
    const tenant = await bareTenant();
    for (const summary of [
      { bad: 'nul\u0000byte' },
      { bad: 'lone \uD800 surrogate' },
      JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>,
    ]) {
      await expect(
        tenant.as(() => trail.record({ action: 'test.bad', objectType: 'test', summary })),
      ).rejects.toBeInstanceOf(InvalidAuditSummaryError);
    }
    await expect(tenant.as(() => verifier.verify())).resolves.toMatchObject({
      valid: true,
      eventsChecked: 1,
    });
  });
});
