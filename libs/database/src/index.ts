export {
  createDataSource,
  type CreateDataSourceOptions,
  type DataSourceTarget,
} from './create-data-source.js';
export {
  ACTOR_SETTING,
  APP_ROLE,
  IDENTITY_ROLE,
  LIMITER_ROLE,
  PLATFORM_ROLE,
  TENANT_SETTING,
  USER_SETTING,
} from './database.constants.js';
export { UnsafeDatabaseError, verifyDatabasePosture } from './database-posture.js';
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
