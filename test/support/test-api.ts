import { createApiApp } from '../../apps/api/src/create-api-app.js';
import type { AppConfig } from '@app/config';
import {
  closeOwnerDataSource,
  createTestDatabase,
  openOwnerDataSource,
  createTestTenant,
  type TestDatabase,
  type TestTenant,
  testConfig,
} from '@app/testing';
import type { TenantCapabilities } from '@app/tenancy';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { DataSource } from 'typeorm';

export interface GraphqlResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: {
    data?: T | null;
    errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
  };
  readonly text: string;
}

export interface TestApi {
  readonly app: NestExpressApplication;
  readonly database: TestDatabase;
  /** The database as its owner (bypassing row-level security): for fixtures and inspections. */
  readonly owner: DataSource;
  /** POSTs a GraphQL operation as JSON, optionally with a bearer token and extra headers. */
  gql<T = Record<string, unknown>>(
    query: string,
    options?: {
      token?: string;
      variables?: Record<string, unknown>;
      headers?: Record<string, string>;
    },
  ): Promise<GraphqlResponse<T>>;
  http(): ReturnType<typeof request>;
  tenant(name?: string, capabilities?: TenantCapabilities): Promise<TestTenant>;
  close(): Promise<void>;
}

/** The API exactly as `npm start` builds it, on a fresh database of its own, over real HTTP. */
export async function startTestApi(config: AppConfig = testConfig()): Promise<TestApi> {
  const database = await createTestDatabase();
  const app = await createApiApp(config, database.target);
  await app.init();
  const owner = await openOwnerDataSource(app, database);
  const http = () => request(app.getHttpServer());
  return {
    app,
    database,
    owner,
    http,
    async gql<T>(query: string, options: Parameters<TestApi['gql']>[1] = {}) {
      let call = http().post('/graphql').set('Content-Type', 'application/json');
      if (options.token) call = call.set('Authorization', `Bearer ${options.token}`);
      for (const [name, value] of Object.entries(options.headers ?? {}))
        call = call.set(name, value);
      const response = await call.send({ query, variables: options.variables });
      return {
        status: response.status,
        body: response.body as GraphqlResponse<T>['body'],
        text: response.text,
      };
    },
    tenant: (name, capabilities) => createTestTenant(app, name, capabilities),
    async close() {
      await closeOwnerDataSource(app);
      await app.close();
      await database.drop();
    },
  };
}
