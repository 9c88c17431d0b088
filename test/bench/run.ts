import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@app/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { closeOwnerDataSource, openOwnerDataSource, ownerDataSourceOf } from '@app/testing';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { BENCH_RATE_LIMITS } from './api-process.js';
import { createBenchDatabase } from './bench-database.js';
import {
  assertRowLevelSecurity,
  provisionTenants,
  TENANT_SQL,
  type TenantRow,
  tenantReader,
} from './fixtures.js';
import { GraphqlClient } from './graphql-client.js';
import { measure, type MeasureOptions } from './measure.js';
import { benchPortfolio, type PortfolioReport } from './portfolio-bench.js';
import { formatPortfolio, formatReport, ratiosAgainst, type Report } from './report.js';

const TENANTS = 100;
const CONCURRENCY = 10;
const DB_RUN: MeasureOptions = {
  iterations: 3_000,
  warmup: 300,
  concurrency: 1,
  timeCapMs: 20_000,
};
const HTTP_SEQUENTIAL: MeasureOptions = { ...DB_RUN, iterations: 1_000, timeCapMs: 30_000 };
const HTTP_CONCURRENT: MeasureOptions = { ...HTTP_SEQUENTIAL, concurrency: CONCURRENCY };
const ORGANIZATION = '{ organization { id name } }';

const maxRssMb = () => process.resourceUsage().maxRSS / 1024;

function expectOne(rows: TenantRow[], id: string): void {
  if (rows.length !== 1 || rows[0].id !== id) throw new Error(`expected tenant ${id}`);
}

async function bench(
  app: NestExpressApplication,
  mode: Report['mode'],
  server?: { url: string; jwtSecret: string },
): Promise<Report & { portfolio: PortfolioReport }> {
  const tenants = await provisionTenants(app, TENANTS);
  await assertRowLevelSecurity(app, tenants);
  const pick = (i: number) => tenants[i % tenants.length];
  const dataSource = ownerDataSourceOf(app);
  const readAsTenant = tenantReader(app);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const client = new GraphqlClient(port, CONCURRENCY);
  const maxRssMbAfterBoot = maxRssMb();
  try {
    const raw = await measure(
      '1. raw SQL (owner, no RLS)',
      async (i) =>
        expectOne(
          await dataSource.query<TenantRow[]>(TENANT_SQL, [pick(i).tenantId]),
          pick(i).tenantId,
        ),
      DB_RUN,
    );
    const transaction = await measure(
      '2. TenantDatabase.transaction (RLS)',
      async (i) => expectOne(await readAsTenant(pick(i), pick(i).tenantId), pick(i).tenantId),
      DB_RUN,
    );
    const graphql = async (i: number) => {
      const data = await client.post(ORGANIZATION, pick(i).token);
      const organization = data.organization as TenantRow | undefined;
      if (organization?.id !== pick(i).tenantId) throw new Error('wrong organization');
    };
    const baseline = await measure(
      'ref. GraphQL { __typename } (no auth/DB)',
      async () => void (await client.post('{ __typename }')),
      HTTP_SEQUENTIAL,
    );
    const sequential = await measure('3. GraphQL organization', graphql, HTTP_SEQUENTIAL);
    const concurrent = await measure('3. GraphQL organization', graphql, HTTP_CONCURRENT);
    const maxRssMbBeforePortfolio = maxRssMb();
    const portfolio = await benchPortfolio(app, { port, server }, tenants);
    return {
      mode,
      node: process.versions.node,
      cpus: availableParallelism(),
      tenants: TENANTS,
      results: [raw, transaction, sequential, concurrent, baseline],
      ratios: ratiosAgainst(raw, [transaction, sequential, concurrent]),
      maxRssMbAfterBoot,
      maxRssMb: maxRssMbBeforePortfolio,
      portfolio,
    };
  } finally {
    client.close();
  }
}

async function main(): Promise<void> {
  const database = await createBenchDatabase(process.env.DATABASE_URL);
  const dataDir = await mkdtemp(join(tmpdir(), 'cascade-bench-'));
  let app: NestExpressApplication | undefined;
  try {
    const jwtSecret = randomBytes(24).toString('hex');
    const config = loadConfig({
      NODE_ENV: 'test', // keeps apps/api/schema.gql untouched
      LOG_LEVEL: 'silent',
      JWT_SECRET: jwtSecret,
      CASCADE_DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      // The bench measures throughput from one credential: request limits would measure 429s.
      ...BENCH_RATE_LIMITS,
    });
    app = await createApiApp(config, database.target);
    await app.listen(0, '127.0.0.1');
    // Seeding and the raw-SQL baseline run as the owner; the app serves as the app role.
    await openOwnerDataSource(app, database);
    const report = await bench(
      app,
      database.mode,
      database.url ? { url: database.url, jwtSecret } : undefined,
    );
    console.log(formatReport(report));
    console.log(formatPortfolio(report.portfolio));
    console.log(JSON.stringify({ bench: 'cascade', ...report }));
  } finally {
    if (app) await closeOwnerDataSource(app);
    await app?.close();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
