export {
  createDataSource,
  type CreateDataSourceOptions,
  type DataSourceTarget,
} from './create-data-source.js';
export {
  ACTOR_SETTING,
  APP_ROLE,
  IDENTITY_ROLE,
  JOBS_ROLE,
  LIMITER_ROLE,
  MIGRATION_LOCK_KEY,
  PLATFORM_ROLE,
  SERVING_ROLES,
  TENANT_SETTING,
  USER_SETTING,
} from './database.constants.js';
export {
  UnsafeDatabaseError,
  verifyDatabasePosture,
  verifyServingLogin,
} from './database-posture.js';
export { StaleSchemaError, verifySchemaCurrent } from './schema-status.js';
export { loginUrl } from './login-url.js';
export {
  IDENTITY_DATA_SOURCE,
  LIMITER_DATA_SOURCE,
  PLATFORM_DATA_SOURCE,
} from './purpose-pools.js';
export { DatabaseModule, type DatabaseModuleOptions } from './database.module.js';
export { assertDataDirFree, DataDirLockedError, lockDataDir } from './embedded/data-dir-lock.js';
export { openEmbeddedPool } from './embedded/open-embedded.js';
export { PgliteConnection, PglitePool } from './embedded/pglite-pool.js';
export type { SchemaDefinition } from './schema-definition.js';
export { TenantDatabase } from './tenant-database.js';
export { inlineParameters, sqlLiteral } from './inline-parameters.js';
export { PlatformDatabase } from './platform-database.js';
export { embeddedPoolOf } from './embedded/embedded-pool-of.js';
export { IdentityDatabase } from './identity-database.js';
export { runScopedTransaction } from './scoped-transaction.js';
export { NestedTransactionError } from './open-transaction.js';
export { type Lease, type RateBucket, RateLimits, type RateRefusal } from './rate-limits.js';
export { OperationRunningError, TenantSingleFlight } from './tenant-single-flight.js';
