import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  APP_ROLE,
  IDENTITY_ROLE,
  PLATFORM_ROLE,
  UnsafeDatabaseError,
  verifyDatabasePosture,
} from '@app/database';
import { createIntegrationContext, type IntegrationContext } from '@app/testing';
import { GLOBAL_TABLES, IDENTITY_TABLES } from './index.js';

/**
 * What the migrations built, read from PostgreSQL's catalog: every table outside the short list
 * of global tables is tenant data under forced row-level security, and nothing can bypass it.
 */
describe('database schema', () => {
  let ctx: IntegrationContext;

  beforeAll(async () => {
    ctx = await createIntegrationContext([]);
  });

  afterAll(() => ctx.close());

  it('matches the entities exactly (entities and migrations have not drifted)', async () => {
    const pending = await ctx.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('forces row-level security on every non-global table, with the tenant policy on tenant data', async () => {
    const tables = await ctx.dataSource.query<
      { name: string; enabled: boolean; forced: boolean; tenantPolicies: string }[]
    >(
      `SELECT c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
              (SELECT count(*) FROM pg_policies p
                WHERE p.schemaname = 'public' AND p.tablename = c.relname
                  AND p.cmd = 'ALL' AND p.qual LIKE '%app_current_tenant()%'
                  AND p.with_check LIKE '%app_current_tenant()%')::text AS "tenantPolicies"
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        ORDER BY c.relname`,
    );
    const global: readonly string[] = GLOBAL_TABLES;
    const identity: readonly string[] = IDENTITY_TABLES;
    expect(tables.filter((t) => global.includes(t.name)).map((t) => t.name)).toEqual([
      ...GLOBAL_TABLES,
    ]);
    expect(tables.filter((t) => identity.includes(t.name)).map((t) => t.name)).toEqual([
      ...IDENTITY_TABLES,
    ]);
    const guarded = tables.filter((t) => !global.includes(t.name));
    const tenantData = guarded.filter((t) => !identity.includes(t.name));
    expect(tenantData.map((t) => t.name)).toEqual([
      'api_keys',
      'assessment_answers',
      'assessment_comments',
      'assessment_events',
      'assessment_family_scores',
      'assessment_forms',
      'assessment_invitations',
      'assessment_notes',
      'assessment_reminders',
      'assessment_scores',
      'assessments',
      'audit_chain_heads',
      'audit_events',
      'evidence_files',
      'finding_links',
      'finding_updates',
      'findings',
      'invitations',
      'library_answers',
      'library_grants',
      'library_uses',
      'memberships',
      'reassessment_cycles',
      'remediation_evidence',
      'remediation_items',
      'risk_acceptances',
      'scoring_settings',
      'stored_blobs',
      'tenant_template_versions',
      'tenant_templates',
      'tenants',
      'vendor_contracts',
      'vendors',
    ]);
    for (const table of guarded) {
      expect({ table: table.name, enabled: table.enabled, forced: table.forced }).toEqual({
        table: table.name,
        enabled: true,
        forced: true,
      });
    }
    for (const table of tenantData) {
      expect({ table: table.name, tenantPolicies: table.tenantPolicies }).toEqual({
        table: table.name,
        tenantPolicies: '1',
      });
    }
  });

  it('keeps password hashes away from the app role', async () => {
    const columns = await ctx.dataSource.query<{ column_name: string }[]>(
      `SELECT column_name FROM information_schema.column_privileges
        WHERE grantee = $1 AND table_name = 'users' AND privilege_type = 'SELECT'
        ORDER BY column_name`,
      [APP_ROLE],
    );
    expect(columns.map((c) => c.column_name)).not.toContain('password_hash');
    expect(columns.map((c) => c.column_name)).toContain('email');
  });

  it('gives the app roles no way around row-level security', async () => {
    const roleNames = [APP_ROLE, IDENTITY_ROLE, PLATFORM_ROLE];
    const roles = await ctx.dataSource.query<
      { rolname: string; rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }[]
    >(
      `SELECT rolname, rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname`,
      [roleNames],
    );
    expect(roles).toEqual(
      roleNames.map((rolname) => ({
        rolname,
        rolsuper: false,
        rolbypassrls: false,
        rolcanlogin: false,
      })),
    );
    const owned = await ctx.dataSource.query<unknown[]>(
      `SELECT tablename FROM pg_tables WHERE tableowner = ANY($1)`,
      [roleNames],
    );
    expect(owned).toEqual([]);
  });

  // Roles are cluster-wide on a server, shared with parallel test files: only the embedded
  // database (a cluster of its own) may be broken on purpose.
  const onEmbedded = process.env.DATABASE_URL ? it.skip : it;
  onEmbedded('refuses to serve when the app role could bypass row-level security', async () => {
    await verifyDatabasePosture(ctx.dataSource, false);
    await ctx.dataSource.query(`ALTER ROLE ${APP_ROLE} BYPASSRLS`);
    try {
      await expect(verifyDatabasePosture(ctx.dataSource, false)).rejects.toThrow(
        UnsafeDatabaseError,
      );
    } finally {
      await ctx.dataSource.query(`ALTER ROLE ${APP_ROLE} NOBYPASSRLS`);
    }
  });

  it('has no views that would run with their owner’s rights, and no SECURITY DEFINER functions', async () => {
    const views = await ctx.dataSource.query<unknown[]>(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm')
          AND NOT coalesce('security_invoker=true' = ANY(c.reloptions), false)`,
    );
    expect(views).toEqual([]);
    const definers = await ctx.dataSource.query<unknown[]>(
      `SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = 'public' AND p.prosecdef`,
    );
    expect(definers).toEqual([]);
  });

  it('lets the app role append audit events but never change or remove them', async () => {
    const privileges = await ctx.dataSource.query<{ privilege_type: string }[]>(
      `SELECT privilege_type FROM information_schema.role_table_grants
        WHERE grantee = $1 AND table_name = 'audit_events' ORDER BY privilege_type`,
      [APP_ROLE],
    );
    expect(privileges.map((p) => p.privilege_type)).toEqual(['INSERT', 'SELECT']);
  });

  it('migrates down and up again cleanly', async () => {
    const migrations = ctx.dataSource.migrations.length;
    for (let i = 0; i < migrations; i++) await ctx.dataSource.undoLastMigration();
    const left = await ctx.dataSource.query<unknown[]>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
    );
    expect(left).toEqual([]);
    await ctx.dataSource.runMigrations();
    const pending = await ctx.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries).toEqual([]);
  });
});
