/**
 * `npm run db:migrate`: applies pending migrations to the configured database, then exits. On a
 * server it connects as the owner (`DATABASE_MIGRATION_URL`, else `DATABASE_URL`); serving
 * processes never migrate and refuse to start until this has run.
 */
import { loadConfig } from '@app/config';
import { createDataSource, verifyDatabasePosture } from '@app/database';
import { CASCADE_SCHEMA } from '../index.js';
import { migrateServerDatabase } from '../migrate-server-database.js';

const config = loadConfig();
let applied: string[];
if (config.database.url) {
  applied = await migrateServerDatabase(config, {
    ownerUrl: config.database.migrationUrl ?? config.database.url,
    servingUrl: config.database.url,
  });
} else {
  // Embedded: the API migrates at start anyway; this is for trying migrations out.
  const dataSource = await createDataSource(config, {
    schema: CASCADE_SCHEMA,
    runMigrations: false,
  });
  try {
    applied = (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    await verifyDatabasePosture(dataSource, false);
  } finally {
    await dataSource.destroy();
  }
}
const where = config.database.url ? 'the PostgreSQL server' : config.database.dataDir;
console.log(
  applied.length === 0
    ? `No pending migrations on ${where}.`
    : `Applied ${applied.length} migration(s) on ${where}: ${applied.join(', ')}`,
);
