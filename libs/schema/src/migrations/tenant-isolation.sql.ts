import { APP_ROLE, IDENTITY_ROLE } from '@app/database';
import type { QueryRunner } from 'typeorm';

/**
 * Row-level security for one tenant-owned table: enabled and forced (so even its owner is
 * subject to it), one policy for every command with the same USING and WITH CHECK, and only the
 * privileges the app role needs. Outside a tenant context app_current_tenant() is NULL and no row
 * matches. Shared by migrations: changing it changes what earlier migrations would do, so don't.
 */
export async function isolateTenantTable(
  queryRunner: QueryRunner,
  table: string,
  privileges: readonly ('SELECT' | 'INSERT' | 'UPDATE' | 'DELETE')[],
  tenantColumn = 'tenant_id',
): Promise<void> {
  await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(
    `CREATE POLICY "${table}_tenant_isolation" ON "${table}"
       USING ("${tenantColumn}" = app_current_tenant())
       WITH CHECK ("${tenantColumn}" = app_current_tenant())`,
  );
  await queryRunner.query(`GRANT ${privileges.join(', ')} ON "${table}" TO ${APP_ROLE}`);
}

export async function releaseTenantTable(queryRunner: QueryRunner, table: string): Promise<void> {
  await queryRunner.query(`REVOKE ALL ON "${table}" FROM ${APP_ROLE}`);
  await queryRunner.query(`DROP POLICY "${table}_tenant_isolation" ON "${table}"`);
  await queryRunner.query(`ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
}

/** Roles are cluster-wide: several databases (and parallel test runs) share each one. */
export async function createNologinRole(queryRunner: QueryRunner, role: string): Promise<void> {
  await queryRunner.query(
    `DO $$ BEGIN
       CREATE ROLE ${role} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
     EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
     END $$`,
  );
  // A non-superuser migrator must be a member to SET ROLE to it; a superuser needs nothing.
  await queryRunner.query(
    `DO $$ BEGIN
       IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
         EXECUTE format('GRANT ${role} TO %I', current_user);
       END IF;
     END $$`,
  );
}

/**
 * Row-level security for a table of people's data (users, tokens, mail): enabled and forced, open
 * to the identity role only. Other roles get their own narrower policies, or nothing.
 */
export async function isolateIdentityTable(
  queryRunner: QueryRunner,
  table: string,
  privileges: readonly ('SELECT' | 'INSERT' | 'UPDATE' | 'DELETE')[],
): Promise<void> {
  await queryRunner.query(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(
    `CREATE POLICY "${table}_identity" ON "${table}" TO ${IDENTITY_ROLE} USING (true) WITH CHECK (true)`,
  );
  await queryRunner.query(`GRANT ${privileges.join(', ')} ON "${table}" TO ${IDENTITY_ROLE}`);
}

export async function releaseIdentityTable(queryRunner: QueryRunner, table: string): Promise<void> {
  await queryRunner.query(`REVOKE ALL ON "${table}" FROM ${IDENTITY_ROLE}`);
  await queryRunner.query(`DROP POLICY "${table}_identity" ON "${table}"`);
  await queryRunner.query(`ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY`);
  await queryRunner.query(`ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`);
}
