import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '@app/config';
import { TenantDatabase, TenantSingleFlight } from '@app/database';
import { type Tenant, TenantsService } from '@app/tenancy';
import {
  createIntegrationContext,
  type IntegrationContext,
  TEST_AUDIT_HMAC_KEYS,
  testConfig,
} from '@app/testing';
import { auditEventHash } from './audit-hash.js';
import { AuditModule } from './audit.module.js';
import { AuditTrailService } from './audit-trail.service.js';
import { AuditVerifierService } from './audit-verifier.service.js';
import { AuditEventEntity } from './entities/audit-event.entity.js';

const KEY_1 = 'k1:first-audit-key-0123456789-abcdefghijklmnopqr';
const KEY_2 = 'k2:second-audit-key-0123456789-abcdefghijklmnopq';

/**
 * The chain is keyed with a secret the database never holds, and its head moves only through the
 * append function: attacks by the app role (an injection) and by a database superuser.
 */
describe('keyed audit chain', () => {
  let ctx: IntegrationContext;
  let db: TenantDatabase;

  beforeAll(async () => {
    ctx = await createIntegrationContext([AuditModule]);
    db = ctx.get(TenantDatabase);
  });

  afterAll(() => ctx.close());

  const configWith = (keys: string): AppConfig => testConfig({ AUDIT_HMAC_KEYS: keys });
  const trailWith = (keys: string) => new AuditTrailService(db, ctx.context, configWith(keys));
  const verifierWith = (keys: string) =>
    new AuditVerifierService(db, ctx.context, ctx.get(TenantSingleFlight), configWith(keys));

  async function tenantWithEvents(count: number, trail = ctx.get(AuditTrailService)) {
    const tenant: Tenant = await ctx
      .get(TenantsService)
      .provision(`Chain Org ${randomUUID().slice(0, 8)}`);
    const as = <T>(fn: () => Promise<T>) =>
      ctx.context.run({ tenantId: tenant.id, actor: { type: 'user', id: randomUUID() } }, fn);
    for (let i = 0; i < count; i++) {
      await as(() => trail.record({ action: 'test.event', objectType: 'test', summary: { i } }));
    }
    return { tenant, as };
  }

  /**
   * A superuser's rewrite: edits one event's summary, then re-hashes it and every later event
   * with plain SHA-256 (all it can compute without the key), moving the head along.
   */
  async function rewriteAsSuperuser(
    tenantId: string,
    seq: number,
    options: { dropKeyIds: boolean },
  ): Promise<void> {
    await ctx.dataSource.transaction(async (m) => {
      await m.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
      await m.query(
        `UPDATE audit_events SET summary = '{"i": 99}' WHERE tenant_id = $1 AND seq = $2`,
        [tenantId, seq],
      );
      const events = await m.find(AuditEventEntity, { where: { tenantId }, order: { seq: 'ASC' } });
      let prev = events[seq - 2]?.hash ?? '0'.repeat(64);
      for (const event of events.slice(seq - 1)) {
        const hash = auditEventHash(prev, event, null);
        await m.query(
          `UPDATE audit_events SET prev_hash = $3, hash = $4,
                  key_id = CASE WHEN $5 THEN NULL ELSE key_id END
            WHERE tenant_id = $1 AND seq = $2`,
          [tenantId, event.seq, prev, hash, options.dropKeyIds],
        );
        prev = hash;
      }
      await m.query(`UPDATE audit_chain_heads SET last_hash = $2 WHERE tenant_id = $1`, [
        tenantId,
        prev,
      ]);
      await m.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
    });
  }

  it('signs events with the configured key and names it on each event', async () => {
    const { tenant, as } = await tenantWithEvents(2);
    const keyIds = await ctx.dataSource.query<{ key_id: string }[]>(
      `SELECT DISTINCT key_id FROM audit_events WHERE tenant_id = $1`,
      [tenant.id],
    );
    expect(keyIds).toEqual([{ key_id: 't1' }]);
    await expect(as(() => ctx.get(AuditVerifierService).verify())).resolves.toEqual({
      valid: true,
      eventsChecked: 3,
      firstBrokenSeq: null,
      problem: null,
      unkeyedEvents: 0,
    });
  });

  it('refuses the app role a rewound head, directly or through the append function', async () => {
    const { tenant, as } = await tenantWithEvents(3);
    const rewind = as(() =>
      db.transaction((m) =>
        m.query(
          `UPDATE audit_chain_heads SET last_seq = 3,
                  last_hash = (SELECT hash FROM audit_events WHERE seq = 3)`,
        ),
      ),
    );
    await expect(rewind).rejects.toThrow(/permission denied/);
    const [event] = await ctx.dataSource.query<{ prev_hash: string }[]>(
      `SELECT prev_hash FROM audit_events WHERE tenant_id = $1 AND seq = 4`,
      [tenant.id],
    );
    // Re-appending seq 4 over the real one, as a rewind would need.
    const reappend = as(() =>
      db.transaction((m) =>
        m.query(
          `SELECT app_audit_append(4, gen_random_uuid(), now(), 'user', 'x', 'forged', 'test',
             NULL, '{}'::jsonb, NULL, $1, repeat('a', 64), 't1')`,
          [event.prev_hash],
        ),
      ),
    );
    await expect(reappend).rejects.toThrow(/must follow its tenant's chain head/);
    const insert = as(() =>
      db.transaction((m) =>
        m.query(
          `INSERT INTO audit_events (tenant_id, seq, id, occurred_at, actor_type, actor_id, action,
             object_type, summary, prev_hash, hash)
           VALUES ($1, 5, gen_random_uuid(), now(), 'user', 'x', 'forged', 'test', '{}', $2, $2)`,
          [tenant.id, '0'.repeat(64)],
        ),
      ),
    );
    await expect(insert).rejects.toThrow(/permission denied/);
    const [head] = await ctx.dataSource.query<{ last_seq: string }[]>(
      `SELECT last_seq::text FROM audit_chain_heads WHERE tenant_id = $1`,
      [tenant.id],
    );
    expect(head).toEqual({ last_seq: '4' });
    // Appends still work after the attempts.
    await as(() => ctx.get(AuditTrailService).record({ action: 'test.after', objectType: 'test' }));
    await expect(as(() => ctx.get(AuditVerifierService).verify())).resolves.toMatchObject({
      valid: true,
      eventsChecked: 5,
    });
  });

  it('detects a superuser who edits an event and re-hashes the chain without the key', async () => {
    const keptIds = await tenantWithEvents(4);
    await rewriteAsSuperuser(keptIds.tenant.id, 3, { dropKeyIds: false });
    await expect(keptIds.as(() => ctx.get(AuditVerifierService).verify())).resolves.toMatchObject({
      valid: false,
      firstBrokenSeq: '3',
      problem: 'event content does not match its hash',
    });
    // Passing the rewritten events off as from before keys does not help either.
    const downgraded = await tenantWithEvents(4);
    await rewriteAsSuperuser(downgraded.tenant.id, 3, { dropKeyIds: true });
    await expect(
      downgraded.as(() => ctx.get(AuditVerifierService).verify()),
    ).resolves.toMatchObject({
      valid: false,
      firstBrokenSeq: '3',
      problem: 'an unkeyed event follows keyed ones',
    });
  });

  it('reports, but cannot refute, a whole chain re-hashed as unkeyed from its first event', async () => {
    const { tenant, as } = await tenantWithEvents(2);
    await rewriteAsSuperuser(tenant.id, 1, { dropKeyIds: true });
    await expect(as(() => ctx.get(AuditVerifierService).verify())).resolves.toMatchObject({
      valid: true,
      eventsChecked: 3,
      unkeyedEvents: 3,
    });
  });

  it('verifies across a key rotation, each event under its own key', async () => {
    const { tenant, as } = await tenantWithEvents(2, trailWith(KEY_1));
    const rotated = trailWith(`${KEY_1},${KEY_2}`);
    await as(() => rotated.record({ action: 'test.rotated', objectType: 'test' }));
    const keyIds = await ctx.dataSource.query<{ seq: string; key_id: string }[]>(
      `SELECT seq::text, key_id FROM audit_events WHERE tenant_id = $1 ORDER BY seq`,
      [tenant.id],
    );
    // The tenant's creation event was signed with the test key.
    expect(keyIds.map((e) => e.key_id)).toEqual(['t1', 'k1', 'k1', 'k2']);
    const verifier = verifierWith(`${TEST_AUDIT_HMAC_KEYS},${KEY_1},${KEY_2}`);
    await expect(as(() => verifier.verify())).resolves.toMatchObject({
      valid: true,
      eventsChecked: 4,
    });
  });

  it('names a key id that is not configured', async () => {
    const { as } = await tenantWithEvents(1, trailWith(`${KEY_1},${KEY_2}`));
    await expect(
      as(() => verifierWith(`${TEST_AUDIT_HMAC_KEYS},${KEY_1}`).verify()),
    ).resolves.toEqual({
      valid: false,
      eventsChecked: 1,
      firstBrokenSeq: '2',
      problem: 'signed with audit key "k2", which is not configured (AUDIT_HMAC_KEYS)',
      unkeyedEvents: 0,
    });
  });

  it('still verifies events hashed before keys, at the start of a chain', async () => {
    const { tenant, as } = await tenantWithEvents(2);
    await rewriteAsSuperuser(tenant.id, 1, { dropKeyIds: true });
    await as(() => ctx.get(AuditTrailService).record({ action: 'test.keyed', objectType: 'test' }));
    await expect(as(() => ctx.get(AuditVerifierService).verify())).resolves.toEqual({
      valid: true,
      eventsChecked: 4,
      firstBrokenSeq: null,
      problem: null,
      unkeyedEvents: 3,
    });
  });
});
