import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CASCADE_SCHEMA } from '@app/schema';
import { createIntegrationContext, type IntegrationContext, testConfig } from '@app/testing';
import type { DataSource } from 'typeorm';
import { createDataSource } from './create-data-source.js';
import { APP_ROLE, LIMITER_ROLE } from './database.constants.js';
import { loginUrl } from './login-url.js';
import { NestedTransactionError } from './open-transaction.js';
import { RateLimits } from './rate-limits.js';
import { TenantDatabase } from './tenant-database.js';

const onServer = process.env.DATABASE_URL ? it : it.skip;
let unique = 0;
const key = (label: string) => `${label}:${++unique}:${Date.now()}`;

/**
 * The shared limiter: what API processes count in PostgreSQL. On a server the second limiter has
 * a connection pool of its own (another process, as far as PostgreSQL can tell); embedded, one
 * process owns the database, so the second limiter shares its pool. The SQL is the same.
 */
describe('RateLimits (shared in the database)', () => {
  let ctx: IntegrationContext;
  let second: DataSource | undefined;
  let a: RateLimits;
  let b: RateLimits;

  beforeAll(async () => {
    ctx = await createIntegrationContext([]);
    a = ctx.get(RateLimits);
    const url = ctx.database.target.url;
    if (url) {
      // A second process's limiter pool: logged in as the limiter role, as DatabaseModule does.
      second = await createDataSource(testConfig(), {
        schema: CASCADE_SCHEMA,
        runMigrations: false,
        target: { url: loginUrl(url, LIMITER_ROLE) },
      });
    }
    b = new RateLimits(second ?? ctx.dataSource, ctx.context);
  });

  afterAll(async () => {
    await second?.destroy();
    await ctx.close();
  });

  const bucket = (name: string, limit: number, windowSeconds = 60) => ({
    key: name,
    limit,
    windowSeconds,
  });

  it('counts one budget across two limiters: the sixth call of five is refused, wherever it lands', async () => {
    const name = key('shared');
    const outcomes = [];
    for (let i = 0; i < 6; i++) {
      outcomes.push(await (i % 2 === 0 ? a : b).consume([bucket(name, 5)]));
    }
    expect(outcomes.slice(0, 5)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(outcomes[5]).toEqual({ key: name, retryAfterSeconds: expect.any(Number) });
    expect(outcomes[5]!.retryAfterSeconds).toBeGreaterThan(0);
    expect(outcomes[5]!.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('admits exactly the limit when calls race from both limiters', async () => {
    const name = key('race');
    const outcomes = await Promise.all(
      Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? a : b).consume([bucket(name, 10)])),
    );
    expect(outcomes.filter((o) => o === undefined)).toHaveLength(10);
  });

  onServer('keeps counting across a restart of the process that counted', async () => {
    const name = key('restart');
    const url = ctx.database.target.url!;
    const first = await createDataSource(testConfig(), {
      schema: CASCADE_SCHEMA,
      runMigrations: false,
      target: { url: loginUrl(url, LIMITER_ROLE) },
    });
    const before = new RateLimits(first, ctx.context);
    for (let i = 0; i < 3; i++) expect(await before.consume([bucket(name, 3)])).toBeUndefined();
    await first.destroy();
    expect(await a.consume([bucket(name, 3)])).toMatchObject({ key: name });
  });

  it('charges a later bucket only while the earlier ones have room', async () => {
    const own = key('credential');
    const shared = key('tenant');
    for (let i = 0; i < 5; i++) await a.consume([bucket(own, 2), bucket(shared, 100)]);
    // Two calls got through the first bucket, so the second holds 2 of 100 and admits 98 more.
    const outcomes = [];
    for (let i = 0; i < 99; i++) outcomes.push(await b.consume([bucket(shared, 100)]));
    expect(outcomes.filter((o) => o === undefined)).toHaveLength(98);
    expect(outcomes[98]).toMatchObject({ key: shared });
  });

  it('starts a new window when the old one ends, and gives back or resets on request', async () => {
    const name = key('window');
    expect(await a.consume([bucket(name, 1, 1)])).toBeUndefined();
    expect(await b.consume([bucket(name, 1, 1)])).toMatchObject({ retryAfterSeconds: 1 });
    await sleep(1_100);
    expect(await b.consume([bucket(name, 1, 1)])).toBeUndefined();
    const other = key('give-back');
    expect(await a.consume([bucket(other, 1)])).toBeUndefined();
    await b.giveBack(other);
    expect(await a.consume([bucket(other, 1)])).toBeUndefined();
    expect(await a.consume([bucket(other, 1)])).toBeDefined();
    await a.reset(other);
    expect(await a.consume([bucket(other, 1)])).toBeUndefined();
  });

  it('hands a lease to one holder at a time, across limiters, until released or expired', async () => {
    const name = key('lease');
    const first = await a.acquire(name, 60);
    expect(first).toMatchObject({ key: name, holder: expect.any(String) });
    const refused = await b.acquire(name, 60);
    expect(refused).toMatchObject({ key: name, retryAfterSeconds: expect.any(Number) });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(50);
    await b.release(first as { key: string; holder: string });
    const next = await b.acquire(name, 1);
    expect(next).toMatchObject({ holder: expect.any(String) });
    await sleep(1_100);
    // Its holder died without releasing it: the lease expired and the next caller takes it.
    const taken = await a.acquire(name, 60);
    expect(taken).toMatchObject({ holder: expect.any(String) });
    // The dead holder's late release does not free the new holder's lease.
    await a.release(next as { key: string; holder: string });
    expect(await b.acquire(name, 60)).toMatchObject({ retryAfterSeconds: expect.any(Number) });
  });

  it('runs single-flight work once at a time: a concurrent second call is refused', async () => {
    const name = key('flight');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const busy = (r: { retryAfterSeconds: number }) => new Error(`busy ${r.retryAfterSeconds}`);
    const running = a.singleFlight(name, 60, busy, () => gate.then(() => 'done'));
    await sleep(50);
    await expect(b.singleFlight(name, 60, busy, () => Promise.resolve('again'))).rejects.toThrow(
      /^busy \d+$/,
    );
    release();
    await expect(running).resolves.toBe('done');
    // The process that saw it busy keeps answering so for a moment, without a round trip; the
    // one that held it may start again at once.
    await expect(b.singleFlight(name, 60, busy, () => Promise.resolve('again'))).rejects.toThrow(
      /^busy 1$/,
    );
    await expect(a.singleFlight(name, 60, busy, () => Promise.resolve('again'))).resolves.toBe(
      'again',
    );
    await sleep(1_000);
    await expect(b.singleFlight(name, 60, busy, () => Promise.resolve('later'))).resolves.toBe(
      'later',
    );
  });

  it('stores only digests of the keys, and the app role may not read or write the table', async () => {
    const name = key('tenant:secret-name');
    await a.consume([bucket(name, 5)]);
    const keys = await ctx.dataSource.query<{ key: string }[]>(`SELECT key FROM rate_limits`);
    expect(keys.length).toBeGreaterThan(0);
    for (const row of keys) expect(row.key).toMatch(/^[0-9a-f]{64}$/);
    const tenantId = (
      await ctx.dataSource.query<{ id: string }[]>(`SELECT gen_random_uuid() id`)
    )[0].id;
    await expect(
      ctx.context.run({ tenantId }, () =>
        ctx.get(TenantDatabase).transaction((m) => m.query(`SELECT key FROM rate_limits`)),
      ),
    ).rejects.toThrow(/permission denied/);
    const grants = await ctx.dataSource.query<unknown[]>(
      `SELECT privilege_type FROM information_schema.role_table_grants
        WHERE grantee = $1 AND table_name = 'rate_limits'`,
      [APP_ROLE],
    );
    expect(grants).toEqual([]);
  });

  it('refuses to run inside an open transaction (it would wait on the embedded session)', async () => {
    const tenantId = (
      await ctx.dataSource.query<{ id: string }[]>(`SELECT gen_random_uuid() id`)
    )[0].id;
    await expect(
      ctx.context.run({ tenantId }, () =>
        ctx.get(TenantDatabase).transaction(() => a.consume([bucket(key('nested'), 5)])),
      ),
    ).rejects.toThrow(NestedTransactionError);
  });
});
