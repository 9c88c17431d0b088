import { ContextModule } from '@app/common';
import { type AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule, type DataSourceTarget } from '@app/database';
import { JobsModule } from '@app/jobs';
import { CASCADE_SCHEMA } from '@app/schema';
import { type DynamicModule, Module } from '@nestjs/common';
import { LoggingModule } from './logging.module.js';

export interface CoreOptions {
  /** The validated configuration (tests pass their own). */
  readonly config: AppConfig;
  /** Tests point each app at its own database. */
  readonly database?: DataSourceTarget;
  /** Run background jobs in this process. */
  readonly runJobs: boolean;
}

/** What both apps stand on: configuration, context, logs, the database and the job queue. */
@Module({})
export class CoreModule {
  static forRoot(options: CoreOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(options.config),
        ContextModule,
        LoggingModule,
        DatabaseModule.forRoot({ schema: CASCADE_SCHEMA, target: options.database }),
        JobsModule.forRoot({ runWorkers: options.runJobs }),
      ],
    };
  }
}
