import { AssessmentsModule } from '@app/assessments';
import { AuditModule } from '@app/audit';
import { NotificationsModule } from '@app/notifications';
import type { AppConfig } from '@app/config';
import { CoreModule } from '@app/core';
import type { DataSourceTarget } from '@app/database';
import { type DynamicModule, Module } from '@nestjs/common';

export interface WorkerOptions {
  readonly config: AppConfig;
  readonly database?: DataSourceTarget;
}

/** Background jobs only: the same libs as the API, no HTTP and no resolvers. */
@Module({})
export class WorkerModule {
  static forRoot(options: WorkerOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot({ config: options.config, database: options.database, runJobs: true }),
        // Every module that registers jobs:
        AuditModule,
        NotificationsModule,
        AssessmentsModule,
      ],
    };
  }
}
