import type { AppConfig } from '@app/config';
import type { DataSourceTarget } from '@app/database';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module.js';

/** Builds the worker as `npm run start:worker` runs it; tests boot it the same way. */
export async function createWorkerApp(
  config: AppConfig,
  database?: DataSourceTarget,
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ config, database }),
    { bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  await app.init();
  return app;
}
