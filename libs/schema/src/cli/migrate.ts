/** `npm run db:migrate`: applies pending migrations to the configured database, then exits. */
import { loadConfig } from '@app/config';
import { createDataSource, verifyDatabasePosture } from '@app/database';
import { CASCADE_SCHEMA } from '../index.js';

const config = loadConfig();
const dataSource = await createDataSource(config, { schema: CASCADE_SCHEMA, runMigrations: false });
try {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  await verifyDatabasePosture(dataSource, config.database.mode === 'server');
  const where =
    config.database.mode === 'server' ? 'the PostgreSQL server' : config.database.dataDir;
  console.log(
    applied.length === 0
      ? `No pending migrations on ${where}.`
      : `Applied ${applied.length} migration(s) on ${where}: ${applied.map((m) => m.name).join(', ')}`,
  );
} finally {
  await dataSource.destroy();
}
