import { ASSESSMENT_ENTITIES } from '@app/assessments';
import { AUDIT_ENTITIES } from '@app/audit';
import { CATALOG_ENTITIES } from '@app/catalog';
import { IDENTITY_ENTITIES } from '@app/identity';
import { NOTIFICATION_ENTITIES } from '@app/notifications';
import type { SchemaDefinition } from '@app/database';
import { TENANCY_ENTITIES } from '@app/tenancy';
import { VENDOR_ENTITIES } from '@app/vendors';
import { MIGRATIONS } from './migrations/index.js';

/** Every entity and migration of Cascade: what apps, CLIs and tests build their databases from. */
export const CASCADE_SCHEMA: SchemaDefinition = {
  entities: [
    ...TENANCY_ENTITIES,
    ...IDENTITY_ENTITIES,
    ...NOTIFICATION_ENTITIES,
    ...CATALOG_ENTITIES,
    ...VENDOR_ENTITIES,
    ...ASSESSMENT_ENTITIES,
    ...AUDIT_ENTITIES,
  ],
  migrations: MIGRATIONS,
};

/**
 * Tables without row-level security, on purpose. Every other table in the public schema has RLS
 * enabled and forced (checked by a test).
 */
export const GLOBAL_TABLES = ['builtin_templates', 'migrations', 'rate_limits'] as const;

/**
 * People, not tenants: forced RLS whose policies admit the identity role (sign-in) and show the
 * app role only members of the current tenant. Every other table is tenant data with the
 * tenant policy.
 */
export const IDENTITY_TABLES = [
  'outbox_messages',
  'password_resets',
  'refresh_tokens',
  'users',
] as const;
export { migrateServerDatabase, type MigrateServerOptions } from './migrate-server-database.js';
