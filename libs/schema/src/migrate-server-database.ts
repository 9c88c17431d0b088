import { syncBuiltinCatalog } from '@app/catalog';
import type { AppConfig } from '@app/config';
import {
  createDataSource,
  MIGRATION_LOCK_KEY,
  SERVING_ROLES,
  verifyDatabasePosture,
} from '@app/database';
import { installJobQueue } from '@app/jobs';
import pg from 'pg';
import { CASCADE_SCHEMA } from './index.js';

export interface MigrateServerOptions {
  /** The owner's URL: it creates and alters tables and roles. */
  readonly ownerUrl: string;
  /**
   * The URL serving processes use (`DATABASE_URL`); when it differs from the owner's, its password
   * becomes the serving roles' password, so one secret configures every process.
   */
  readonly servingUrl?: string;
}

/**
 * `npm run db:migrate` on a server: under an advisory lock (two runs at once apply each migration
 * once; the second finds nothing pending), applies pending migrations, loads the built-in
 * questionnaires and installs the job queue, then checks the roles serving processes log in as.
 * Returns the names of the migrations it applied.
 */
export async function migrateServerDatabase(
  config: AppConfig,
  options: MigrateServerOptions,
): Promise<string[]> {
  const lock = new pg.Client({ connectionString: options.ownerUrl });
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext($1))`, [MIGRATION_LOCK_KEY]);
    const owner = await createDataSource(config, {
      schema: CASCADE_SCHEMA,
      runMigrations: false,
      verifyPosture: false,
      target: { url: options.ownerUrl },
    });
    try {
      const applied = await owner.runMigrations({ transaction: 'each' });
      await owner.transaction((manager) =>
        syncBuiltinCatalog(manager, config.catalogDir, { verifyOnly: false }),
      );
      await installJobQueue(owner);
      await setServingPassword(owner, options);
      await verifyDatabasePosture(owner, true);
      return applied.map((migration) => migration.name);
    } finally {
      await owner.destroy();
    }
  } finally {
    // Ending the session releases the lock too; unlocking first keeps the intent explicit.
    await lock.query(`SELECT pg_advisory_unlock(hashtext($1))`, [MIGRATION_LOCK_KEY]);
    await lock.end();
  }
}

async function setServingPassword(
  owner: { query(sql: string): Promise<unknown> },
  { ownerUrl, servingUrl }: MigrateServerOptions,
): Promise<void> {
  if (!servingUrl || servingUrl === ownerUrl) return;
  const password = decodeURIComponent(new URL(servingUrl).password);
  if (!password) return;
  for (const role of SERVING_ROLES) {
    await owner.query(`ALTER ROLE ${role} PASSWORD ${pg.escapeLiteral(password)}`);
  }
}
