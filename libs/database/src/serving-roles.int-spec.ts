import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import {
  APP_ROLE,
  createDataSource,
  IDENTITY_ROLE,
  loginUrl,
  TenantDatabase,
  UnsafeDatabaseError,
  verifyServingLogin,
} from '@app/database';
import { CASCADE_SCHEMA } from '@app/schema';
import {
  createIntegrationContext,
  createTestTenant,
  type IntegrationContext,
  type TestTenant,
  testConfig,
} from '@app/testing';
import { DataSource, type EntityManager } from 'typeorm';

/** Only a server has login roles; PGlite is one superuser session (see README). */
const onServer = process.env.DATABASE_URL ? describe : describe.skip;

/** What one injected statement can do inside a tenant transaction: step back to the login role. */
async function escapeAndRead(manager: EntityManager, otherUserId: string) {
  const [{ role }] = await manager.query<{ role: string }[]>(
    `SELECT set_config('role', session_user, true) AS role`,
  );
  const users = await manager.query<{ id: string }[]>(`SELECT id FROM users WHERE id = $1`, [
    otherUserId,
  ]);
  return { role, users };
}

onServer('serving login roles (PostgreSQL server)', () => {
  let ctx: IntegrationContext;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    ctx = await createIntegrationContext([]);
    a = await createTestTenant(ctx.app);
    b = await createTestTenant(ctx.app);
  });

  afterAll(() => ctx.close());

  it('leaves a tenant transaction that resets its role with nothing of another tenant', async () => {
    const db = ctx.get(TenantDatabase);
    // The login role is the app role itself: resetting lands where the transaction was.
    const escaped = await a.as(() => db.transaction((m) => escapeAndRead(m, b.userId)));
    expect(escaped).toEqual({ role: APP_ROLE, users: [] });
    // Each probe in a transaction of its own: a refused statement aborts the transaction.
    const afterReset = (sql: string) =>
      a.as(() =>
        db.transaction(async (m) => {
          await escapeAndRead(m, b.userId);
          return m.query<unknown[]>(sql);
        }),
      );
    await expect(afterReset(`SELECT token_hash FROM refresh_tokens`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(afterReset(`SELECT password_hash FROM users`)).rejects.toThrow(
      /permission denied/,
    );
    // Nor may it switch to the sign-in role, which reads every user and refresh token.
    for (const role of [IDENTITY_ROLE, 'postgres']) {
      await expect(
        a.as(() => db.transaction((m) => m.query(`SELECT set_config('role', $1, true)`, [role]))),
      ).rejects.toThrow(/permission denied to set role/);
    }
  });

  it('would have leaked through the old setup, which logged in as the owner', async () => {
    // The same statement on a connection that logs in as the owner and switches to the app role,
    // as every server process did before: the reset reaches the owner and reads other tenants.
    const leaked = await ctx.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('role', $1, true)`, [APP_ROLE]);
      return escapeAndRead(manager, b.userId);
    });
    expect(leaked).toEqual({ role: 'postgres', users: [{ id: b.userId }] });
  });

  describe('the boot check', () => {
    const created: string[] = [];

    /** A login role of its own (roles are cluster-wide, so a unique name), member of `roles`. */
    async function loginAs(roles: string[]): Promise<DataSource> {
      const name = `cascade_probe_${randomBytes(4).toString('hex')}`;
      created.push(name);
      await ctx.dataSource.query(`CREATE ROLE ${name} LOGIN NOINHERIT`);
      for (const role of roles) await ctx.dataSource.query(`GRANT ${role} TO ${name}`);
      return createDataSource(testConfig(), {
        schema: CASCADE_SCHEMA,
        runMigrations: false,
        verifyPosture: false,
        poolSize: 1,
        target: { url: loginUrl(ctx.database.ownerUrl!, name) },
      });
    }

    afterAll(async () => {
      for (const name of created) await ctx.dataSource.query(`DROP ROLE IF EXISTS ${name}`);
    });

    it('accepts the app role, and a login that can reach only it', async () => {
      await expect(verifyServingLogin(ctx.get(DataSource), APP_ROLE)).resolves.toBeUndefined();
      const narrow = await loginAs([APP_ROLE]);
      try {
        await expect(verifyServingLogin(narrow, APP_ROLE)).resolves.toBeUndefined();
      } finally {
        await narrow.destroy();
      }
    });

    it('refuses a login that could step up to a more powerful role, even through another', async () => {
      const middle = `cascade_probe_${randomBytes(4).toString('hex')}`;
      created.push(middle);
      await ctx.dataSource.query(`CREATE ROLE ${middle} NOLOGIN`);
      await ctx.dataSource.query(`GRANT ${IDENTITY_ROLE} TO ${middle}`);
      const sneaky = await loginAs([APP_ROLE, middle]);
      try {
        const check = verifyServingLogin(sneaky, APP_ROLE);
        await expect(check).rejects.toThrow(UnsafeDatabaseError);
        await expect(check).rejects.toThrow(
          new RegExp(`is a member of ${IDENTITY_ROLE}, ${middle}`),
        );
      } finally {
        await sneaky.destroy();
      }
    });

    it('refuses the owner, a superuser that owns every table', async () => {
      const check = verifyServingLogin(ctx.dataSource, APP_ROLE);
      await expect(check).rejects.toThrow(/the login role postgres is a superuser/);
      await expect(check).rejects.toThrow(/owns tables/);
      await expect(check).rejects.toThrow(/has BYPASSRLS/);
    });
  });
});
