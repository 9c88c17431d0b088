import { createDataSource } from '@app/database';
import { CASCADE_SCHEMA } from '@app/schema';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { testConfig } from './test-config.js';
import type { TestDatabase } from './test-database.js';

const owners = new WeakMap<INestApplicationContext, DataSource>();

/**
 * The database as its owner, for fixtures and inspections that bypass the app (expiring a row,
 * reading the outbox): on a server a small pool of its own, since the app logs in as the app
 * role; embedded, the app's own single superuser session.
 */
export async function openOwnerDataSource(
  app: INestApplicationContext,
  database: TestDatabase,
): Promise<DataSource> {
  const owner = database.ownerUrl
    ? await createDataSource(testConfig(), {
        schema: CASCADE_SCHEMA,
        runMigrations: false,
        verifyPosture: false,
        poolSize: 2,
        target: { url: database.ownerUrl },
      })
    : app.get(DataSource);
  owners.set(app, owner);
  return owner;
}

/** The owner's data source opened for `app` (see openOwnerDataSource). */
export function ownerDataSourceOf(app: INestApplicationContext): DataSource {
  const owner = owners.get(app);
  if (!owner) throw new Error('no owner data source was opened for this app');
  return owner;
}

/** Closes it when it is a pool of its own. */
export async function closeOwnerDataSource(app: INestApplicationContext): Promise<void> {
  const owner = owners.get(app);
  owners.delete(app);
  if (owner && owner.isInitialized && owner !== app.get(DataSource)) await owner.destroy();
}
