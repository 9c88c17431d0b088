import type { AppConfig } from '@app/config';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { verifyDatabasePosture, verifyServingLogin } from './database-posture.js';
import { openEmbeddedPool } from './embedded/open-embedded.js';
import { pgliteDriver } from './embedded/pglite-pool.js';
import type { SchemaDefinition } from './schema-definition.js';
import { verifySchemaCurrent } from './schema-status.js';

export interface DataSourceTarget {
  /** Server mode: this URL. Embedded mode: this data folder (or `memory://`). */
  readonly url?: string;
  readonly dataDir?: string;
  /** Embedded only: start from this dump of a migrated database (tests). */
  readonly loadDataDir?: Blob;
}

export interface CreateDataSourceOptions {
  readonly schema: SchemaDefinition;
  /** Apply pending migrations while initializing (boot); off for the migrate CLI and drift checks. */
  readonly runMigrations: boolean;
  /** Refuse a database whose app role could bypass RLS (default: when migrations run). */
  readonly verifyPosture?: boolean;
  /** Defaults to what the configuration names. */
  readonly target?: DataSourceTarget;
  /** Refuse unless every migration is applied (serving processes on a server never migrate). */
  readonly verifySchema?: boolean;
  /**
   * Server only: the role this pool's transactions run as. The login role must be no more than
   * that (verifyServingLogin), so resetting the role inside a transaction gains nothing.
   */
  readonly servesAs?: string;
  /** Connections in this pool; defaults to DB_POOL_SIZE. */
  readonly poolSize?: number;
}

function baseOptions(config: AppConfig, options: CreateDataSourceOptions) {
  return {
    type: 'postgres' as const,
    entities: options.schema.entities,
    migrations: options.schema.migrations,
    migrationsRun: options.runMigrations,
    // Each migration in its own transaction, so a failure leaves the earlier ones applied.
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    poolSize: options.poolSize ?? config.database.poolSize,
  };
}

/**
 * The one code path for both modes: the same TypeORM postgres driver over either node-postgres
 * (a real server) or a mutex-guarded pool over an embedded PGlite.
 */
export async function createDataSource(
  config: AppConfig,
  options: CreateDataSourceOptions,
): Promise<DataSource> {
  const target = options.target ?? { url: config.database.url, dataDir: config.database.dataDir };
  let dataSourceOptions: DataSourceOptions;
  if (target.url) {
    dataSourceOptions = {
      ...baseOptions(config, options),
      url: target.url,
      connectTimeoutMS: 5_000,
      applicationName: 'cascade',
      extra: {
        statement_timeout: config.database.statementTimeoutMs,
        idle_in_transaction_session_timeout: config.database.statementTimeoutMs * 2,
      },
    };
  } else {
    const pool = await openEmbeddedPool({
      dataDir: target.dataDir ?? config.database.dataDir,
      loadDataDir: target.loadDataDir,
    });
    dataSourceOptions = {
      ...baseOptions(config, options),
      driver: pgliteDriver(pool),
      // PGlite has gen_random_uuid() built in and cannot install extensions.
      uuidExtension: 'pgcrypto',
      installExtensions: false,
    };
  }
  const dataSource = new DataSource(dataSourceOptions);
  try {
    await dataSource.initialize();
    if (options.verifySchema) await verifySchemaCurrent(dataSource);
    if (options.verifyPosture ?? options.runMigrations)
      await verifyDatabasePosture(dataSource, Boolean(target.url));
    if (options.servesAs && target.url) await verifyServingLogin(dataSource, options.servesAs);
    return dataSource;
  } catch (error) {
    // Close the pool (and release the data folder lock) even when initialization fails.
    if (dataSource.isInitialized) await dataSource.destroy();
    else await closeUninitialized(dataSource);
    throw error;
  }
}

async function closeUninitialized(dataSource: DataSource): Promise<void> {
  const driver = dataSource.options.driver as
    { Pool: new () => { end(): Promise<void> } } | undefined;
  if (driver) await new driver.Pool().end();
}
