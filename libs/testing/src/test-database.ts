import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  APP_ROLE,
  createDataSource,
  type DataSourceTarget,
  embeddedPoolOf,
  loginUrl,
} from '@app/database';
import { CASCADE_SCHEMA, migrateServerDatabase } from '@app/schema';
import pg from 'pg';
import { testConfig } from './test-config.js';

export interface TestDatabase {
  /** What the app serves through: on a server, this database logged in as the app role. */
  readonly target: DataSourceTarget;
  /** Server mode only: the URL serving processes use (the app role's login). */
  readonly url?: string;
  /** Server mode only: the same database as its owner, for fixtures that bypass the app. */
  readonly ownerUrl?: string;
  drop(): Promise<void>;
}

/** Changes whenever a migration's code does, so a stale template is never reused. */
function schemaFingerprint(): string {
  const hash = createHash('sha256');
  for (const migration of CASCADE_SCHEMA.migrations as { name: string; prototype: object }[]) {
    hash.update(migration.name);
    // Every method, not only up and down: migrations keep parts of their SQL in helpers.
    const prototype = migration.prototype as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(prototype).sort()) {
      const member = prototype[key];
      if (typeof member === 'function') hash.update(member.toString());
    }
  }
  // The server template also holds the built-in questionnaires, loaded by the migrate step.
  for (const file of readdirSync('questionnaires', { recursive: true, encoding: 'utf8' }).sort()) {
    if (/\.(ya?ml|json)$/.test(file))
      hash.update(file).update(readFileSync(`questionnaires/${file}`));
  }
  return hash.digest('hex').slice(0, 12);
}

/** A migrated embedded database, dumped once and loaded by every test file (~0.5 s, not ~2 s). */
async function embeddedTemplate(): Promise<Blob> {
  const file = join(tmpdir(), `cascade-test-template-${schemaFingerprint()}.tar.gz`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const dataSource = await createDataSource(testConfig({ DATABASE_URL: '' }), {
      schema: CASCADE_SCHEMA,
      runMigrations: true,
      target: { dataDir: 'memory://' },
    });
    const dump = await embeddedPoolOf(dataSource)!.db.dumpDataDir('gzip');
    await dataSource.destroy();
    // Write then rename, so a parallel test file never reads half a template.
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Templates of earlier schema versions are never used again. */
async function dropOtherTemplates(admin: pg.Client, current: string): Promise<void> {
  const stale = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE 'cascade\\_tpl\\_%' AND datname <> $1`,
    [current],
  );
  for (const { datname } of stale.rows) {
    await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}

/** Server mode: a migrated template database, created once per schema, cloned per test file. */
async function serverDatabase(adminUrl: string): Promise<TestDatabase> {
  const template = `cascade_tpl_${schemaFingerprint()}`;
  const name = `cascade_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // One test file migrates the template; the others wait here, then clone it.
    await admin.query(`SELECT pg_advisory_lock(hashtext('cascade-test-template'))`);
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [template]);
    if (exists.rowCount === 0) {
      await admin.query(`CREATE DATABASE ${template}`);
      try {
        // As a deployment does: `npm run db:migrate` as the owner, then serve as the app role.
        await migrateServerDatabase(testConfig(), { ownerUrl: withDatabase(adminUrl, template) });
      } catch (error) {
        await admin.query(`DROP DATABASE IF EXISTS ${template}`);
        throw error;
      }
      await dropOtherTemplates(admin, template);
    }
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.query(`SELECT pg_advisory_unlock(hashtext('cascade-test-template'))`);
    await admin.end();
  }
  const ownerUrl = withDatabase(adminUrl, name);
  // Roles are cluster-wide and may log in without a password under the local trust setup.
  const url = loginUrl(ownerUrl, APP_ROLE);
  return {
    target: { url },
    url,
    ownerUrl,
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * A fresh, migrated database for one test file: embedded in memory, or, when DATABASE_URL is
 * set, a new database on that PostgreSQL server.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) return serverDatabase(adminUrl);
  return {
    target: { dataDir: 'memory://', loadDataDir: await embeddedTemplate() },
    drop: () => Promise.resolve(),
  };
}
