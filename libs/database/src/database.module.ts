import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource, type DataSourceTarget } from './create-data-source.js';
import { APP_ROLE, IDENTITY_ROLE, LIMITER_ROLE, PLATFORM_ROLE } from './database.constants.js';
import { loginUrl } from './login-url.js';
import {
  IDENTITY_DATA_SOURCE,
  LIMITER_DATA_SOURCE,
  PLATFORM_DATA_SOURCE,
} from './purpose-pools.js';
import type { SchemaDefinition } from './schema-definition.js';
import { IdentityDatabase } from './identity-database.js';
import { PlatformDatabase } from './platform-database.js';
import { RateLimits } from './rate-limits.js';
import { TenantSingleFlight } from './tenant-single-flight.js';
import { TenantDatabase } from './tenant-database.js';

export interface DatabaseModuleOptions {
  readonly schema: SchemaDefinition;
  /** Tests point each app at its own database; otherwise the configuration decides. */
  readonly target?: DataSourceTarget;
}

const SERVER_CONNECT_ATTEMPTS = 6;
const SERVER_RETRY_DELAY_MS = 2_000;

function isConnectionRefused(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'ECONNREFUSED' || code === '57P03'; // 57P03: the server is starting up
}

/** A server may still be starting (compose); an embedded folder or a bad schema will not improve. */
async function connectWithRetry(open: () => Promise<DataSource>): Promise<DataSource> {
  const logger = new Logger('Database');
  for (let attempt = 1; ; attempt++) {
    try {
      return await open();
    } catch (error) {
      if (!isConnectionRefused(error) || attempt >= SERVER_CONNECT_ATTEMPTS) throw error;
      logger.warn(`Database not reachable yet (attempt ${attempt}); retrying`);
      await sleep(SERVER_RETRY_DELAY_MS);
    }
  }
}

function serverUrl(config: AppConfig, options: DatabaseModuleOptions): string | undefined {
  return options.target ? options.target.url : config.database.url;
}

/**
 * Embedded: one superuser session, migrated at start, switching roles per transaction. Server:
 * never migrates (`npm run db:migrate` does); refuses a stale schema, and logs in as the app role.
 */
function openMain(config: AppConfig, options: DatabaseModuleOptions): Promise<DataSource> {
  const isServer = Boolean(serverUrl(config, options));
  return connectWithRetry(() =>
    createDataSource(config, {
      schema: options.schema,
      runMigrations: !isServer,
      verifyPosture: true,
      verifySchema: isServer,
      servesAs: APP_ROLE,
      target: options.target,
    }),
  );
}

/** Server: a small pool of its own logging in as `role`; embedded: the main pool. */
function openPurposePool(
  schema: SchemaDefinition,
  role: string,
  poolSize?: number,
): (config: AppConfig, main: DataSource) => Promise<DataSource> {
  return (config, main) => {
    const url = 'url' in main.options ? main.options.url : undefined;
    if (!url) return Promise.resolve(main);
    return connectWithRetry(() =>
      createDataSource(config, {
        schema: { entities: schema.entities, migrations: [] },
        runMigrations: false,
        verifyPosture: false,
        servesAs: role,
        poolSize,
        target: { url: loginUrl(url, role) },
      }),
    );
  };
}

/** Closes the pool on shutdown; for PGlite this also flushes and unlocks the data folder. */
@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly main: DataSource,
    @Inject(IDENTITY_DATA_SOURCE) private readonly identity: DataSource,
    @Inject(PLATFORM_DATA_SOURCE) private readonly platform: DataSource,
    @Inject(LIMITER_DATA_SOURCE) private readonly limiter: DataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    for (const dataSource of new Set([this.identity, this.platform, this.limiter, this.main])) {
      if (dataSource.isInitialized) await dataSource.destroy();
    }
  }
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => openMain(config, options),
        },
        {
          provide: IDENTITY_DATA_SOURCE,
          inject: [APP_CONFIG, DataSource],
          useFactory: openPurposePool(options.schema, IDENTITY_ROLE),
        },
        {
          provide: PLATFORM_DATA_SOURCE,
          inject: [APP_CONFIG, DataSource],
          useFactory: openPurposePool(options.schema, PLATFORM_ROLE, 1),
        },
        {
          // Every request counts against its limits here: a pool as large as the main one.
          provide: LIMITER_DATA_SOURCE,
          inject: [APP_CONFIG, DataSource],
          useFactory: openPurposePool(options.schema, LIMITER_ROLE),
        },
        DataSourceCloser,
        TenantDatabase,
        PlatformDatabase,
        IdentityDatabase,
        RateLimits,
        TenantSingleFlight,
      ],
      exports: [
        DataSource,
        IDENTITY_DATA_SOURCE,
        PLATFORM_DATA_SOURCE,
        LIMITER_DATA_SOURCE,
        TenantDatabase,
        PlatformDatabase,
        IdentityDatabase,
        RateLimits,
        TenantSingleFlight,
      ],
    };
  }
}
