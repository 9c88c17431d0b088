import { AUDIT_ENTITIES } from '@app/audit';
import type { SchemaDefinition } from '@app/database';
import { TENANCY_ENTITIES } from '@app/tenancy';
import { MIGRATIONS } from './migrations/index.js';

/** Every entity and migration of Cascade: what apps, CLIs and tests build their databases from. */
export const CASCADE_SCHEMA: SchemaDefinition = {
  entities: [...TENANCY_ENTITIES, ...AUDIT_ENTITIES],
  migrations: MIGRATIONS,
};

/**
 * Tables without row-level security, on purpose. Everything else in the public schema is
 * tenant data and must have RLS enabled, forced and a policy (checked by a test).
 */
export const GLOBAL_TABLES = ['migrations'] as const;
