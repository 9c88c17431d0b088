import { randomBytes } from 'node:crypto';
import type { DataSourceTarget } from '@app/database';
import pg from 'pg';

export interface BenchDatabase {
  readonly mode: 'embedded' | 'server';
  readonly target: DataSourceTarget;
  /** Server mode: the URL of the bench's own database (the app migrates it on boot). */
  readonly url?: string;
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
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    mode: 'server',
    target: { url: url.toString() },
    url: url.toString(),
    drop: () => asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
