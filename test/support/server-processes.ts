import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { APP_ROLE, loginUrl } from '@app/database';
import { TEST_AUDIT_HMAC_KEYS, TEST_JWT_SECRET } from '@app/testing';
import pg from 'pg';
import { spawnApi, type SpawnedApi, spawnWorker } from './spawned-api.js';

const run = promisify(execFile);
const MIGRATE_MAIN = join(process.cwd(), 'dist/libs/schema/src/cli/migrate.js');

/** A new, empty database on the test server: nothing migrated, as a fresh deployment has. */
export interface EmptyServerDatabase {
  /** As its owner: what `npm run db:migrate` connects with. */
  readonly ownerUrl: string;
  /** As the app role: what the API and the worker connect with. */
  readonly servingUrl: string;
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

export async function createEmptyServerDatabase(adminUrl: string): Promise<EmptyServerDatabase> {
  const name = `cascade_procs_${randomBytes(6).toString('hex')}`;
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const owner = new URL(adminUrl);
  owner.pathname = `/${name}`;
  return {
    ownerUrl: owner.toString(),
    servingUrl: loginUrl(owner.toString(), APP_ROLE),
    drop: () => asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** `npm run db:migrate` in its own process, with the owner's URL and the serving one. */
export async function runMigrate(
  database: EmptyServerDatabase,
): Promise<{ code: number; output: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cascade-migrate-'));
  try {
    const { stdout, stderr } = await run(process.execPath, [MIGRATE_MAIN], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        CASCADE_DATA_DIR: dataDir,
        JWT_SECRET: TEST_JWT_SECRET,
        DATABASE_URL: database.servingUrl,
        DATABASE_MIGRATION_URL: database.ownerUrl,
      },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** API and worker processes against one server database, as a deployment runs them. */
export interface ServerProcesses {
  readonly apis: readonly SpawnedApi[];
  readonly workers: readonly SpawnedApi[];
  /** Every process, for waiting on or stopping them together. */
  all(): SpawnedApi[];
  /** SIGTERM to every process still running; resolves with their exit codes. */
  stop(): Promise<(number | null)[]>;
}

/**
 * Spawns `apis` API processes and `workers` worker processes on `servingUrl` (not waiting for
 * them: call `ready()` or `exited()` on each). They share the signing and audit keys, so a token
 * one API issues is good at the other. They run with the shipped rate limits.
 */
export async function spawnServerProcesses(
  servingUrl: string,
  counts: { apis: number; workers: number },
  env: Record<string, string> = {},
): Promise<ServerProcesses> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cascade-procs-'));
  // One signing key and one audit key for all, as replicas behind a load balancer share them.
  const shared = {
    DATABASE_URL: servingUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    AUDIT_HMAC_KEYS: TEST_AUDIT_HMAC_KEYS,
    ...env,
  };
  const apis: SpawnedApi[] = [];
  const workers: SpawnedApi[] = [];
  for (let i = 0; i < counts.apis; i++) apis.push(await spawnApi(dataDir, 'warn', shared));
  for (let i = 0; i < counts.workers; i++) workers.push(await spawnWorker(dataDir, shared));
  const all = () => [...apis, ...workers];
  return {
    apis,
    workers,
    all,
    async stop() {
      const codes = await Promise.all(
        all().map((child) => {
          if (child.process.exitCode === null && child.process.signalCode === null)
            child.process.kill('SIGTERM');
          return child.exited();
        }),
      );
      rmSync(dataDir, { recursive: true, force: true });
      return codes;
    },
  };
}
