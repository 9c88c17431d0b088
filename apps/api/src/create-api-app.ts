import type { AppConfig } from '@app/config';
import type { DataSourceTarget } from '@app/database';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { GRAPHQL_PATH } from './graphql/graphql-options.js';
import { floodGate } from './limits/flood-gate.js';
import { RequestCredentials } from './limits/request-credentials.js';
import { RequestLimiter } from './limits/request-limiter.js';
import { serveWebApp } from './web/web-app.js';

/** Node's defaults let a slow client hold a socket for 5 minutes. */
const REQUEST_TIMEOUT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 20_000;

/** Builds the API exactly as `npm start` runs it; end-to-end tests use the same function. */
export async function createApiApp(
  config: AppConfig,
  database?: DataSourceTarget,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, database }),
    { bufferLogs: true, bodyParser: false, abortOnError: false },
  );
  app.useLogger(app.get(Logger));
  // Before the body is even read: a credential refused a moment ago is refused again for free,
  // and a GraphQL request spends its budget before parsing or validation can refuse it.
  app.use(floodGate(app.get(RequestLimiter), app.get(RequestCredentials), GRAPHQL_PATH));
  app.useBodyParser('json', { limit: config.http.bodyLimitBytes });
  // File uploads (evidence, offline workbooks) are not parsed here at all: their services check
  // the target first, then read the body under their own size cap.
  app.disable('x-powered-by');
  serveWebApp(app);
  const server = app.getHttpServer();
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  return app;
}
