import { AuthModule } from '@app/auth';
import { Clock, RequestContext } from '@app/common';
import type { AppConfig } from '@app/config';
import { CoreModule } from '@app/core';
import type { DynamicModule, INestApplicationContext, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { closeOwnerDataSource, openOwnerDataSource } from './owner-data-source.js';
import { testConfig } from './test-config.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface IntegrationContext {
  readonly app: INestApplicationContext;
  readonly database: TestDatabase;
  /** The database as its owner (bypassing row-level security): for fixtures and inspections. */
  readonly dataSource: DataSource;
  readonly context: RequestContext;
  get<T>(type: Type<T>): T;
  close(): Promise<void>;
}

/**
 * The given lib modules on a fresh database of their own, wired as the apps wire them. Jobs are
 * not run unless asked, so a test controls when they happen.
 */
export async function createIntegrationContext(
  imports: (Type | DynamicModule)[],
  options: { config?: AppConfig; runJobs?: boolean; clock?: Clock } = {},
): Promise<IntegrationContext> {
  const database = await createTestDatabase();
  const builder = Test.createTestingModule({
    imports: [
      CoreModule.forRoot({
        config: options.config ?? testConfig(),
        database: database.target,
        runJobs: options.runJobs ?? false,
      }),
      // Tenants and tokens, for the tenant factory.
      AuthModule,
      ...imports,
    ],
  });
  if (options.clock) builder.overrideProvider(Clock).useValue(options.clock);
  const moduleRef = await builder.compile();
  const app = await moduleRef.init();
  return {
    app,
    database,
    dataSource: await openOwnerDataSource(app, database),
    context: app.get(RequestContext),
    get: (type) => app.get(type),
    close: async () => {
      await closeOwnerDataSource(app);
      await app.close();
      await database.drop();
    },
  };
}
