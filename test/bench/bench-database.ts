import { randomBytes } from 'node:crypto';
import { APP_ROLE, type DataSourceTarget, loginUrl } from '@app/database';
import { migrateServerDatabase } from '@app/schema';
import { testConfig } from '@app/testing';
import pg from 'pg';

export interface BenchDatabase {
  readonly mode: 'embedded' | 'server';
  readonly target: DataSourceTarget;
  /** Server mode: the bench's own database as the app role (migrated first, as a deployment is). */
  readonly url?: string;
  /** Server mode: the same database as its owner, for seeding and the raw-SQL baseline. */
  readonly ownerUrl?: string;
  drop(): Promise<void>;
}

async function asAdmin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Embedded: a fresh in-memory PGlite. Server: a new database on the server `adminUrl` names. */
export async function createBenchDatabase(adminUrl: string | undefined): Promise<BenchDatabase> {
  if (!adminUrl) {
    return { mode: 'embedded', target: { dataDir: 'memory://' }, drop: () => Promise.resolve() };
  }
  const name = `cascade_bench_${randomBytes(6).toString('hex')}`;
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const owner = new URL(adminUrl);
  owner.pathname = `/${name}`;
  const ownerUrl = owner.toString();
  await migrateServerDatabase(testConfig(), { ownerUrl });
  const url = loginUrl(ownerUrl, APP_ROLE);
  return {
    mode: 'server',
    target: { url },
    url,
    ownerUrl,
    drop: () => asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
