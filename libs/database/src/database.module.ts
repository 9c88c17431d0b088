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
async function connectWithRetry(
  config: AppConfig,
  options: DatabaseModuleOptions,
): Promise<DataSource> {
  const logger = new Logger('Database');
  for (let attempt = 1; ; attempt++) {
    try {
      return await createDataSource(config, {
        schema: options.schema,
        runMigrations: true,
        target: options.target,
      });
    } catch (error) {
      if (!isConnectionRefused(error) || attempt >= SERVER_CONNECT_ATTEMPTS) throw error;
      logger.warn(`Database not reachable yet (attempt ${attempt}); retrying`);
      await sleep(SERVER_RETRY_DELAY_MS);
    }
  }
}

/** Closes the pool on shutdown; for PGlite this also flushes and unlocks the data folder. */
@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
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
          useFactory: (config: AppConfig) => connectWithRetry(config, options),
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
        TenantDatabase,
        PlatformDatabase,
        IdentityDatabase,
        RateLimits,
        TenantSingleFlight,
      ],
    };
  }
}
